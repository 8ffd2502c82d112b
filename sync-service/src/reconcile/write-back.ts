import type { ClassName, Classification, PriorityClass } from "@modeklar/shared";
import type { WrittenPriority } from "../store/reconcile";
import type { StreamKind } from "../store/types";

/**
 * Deciding what to write on one item, without I/O. The service writes only when the
 * item differs from what its class asks for, and treats any priority category it did not
 * write itself as a person's choice.
 */

/** A person took the priority category off by hand: leave the item alone until pinned through the API. */
export const TAKEN_OFF_BY_HAND = 0;

export interface ItemState {
  mailbox: string;
  stream: StreamKind;
  id: string;
  categories: string[];
  importance: string;
  changeKey: string | null;
}

export type WriteDecision =
  /** Nothing to write; `remember` when the ledger should learn the item's state as the service's own. */
  | { kind: "none"; remember?: WrittenPriority }
  /** A person set a priority category: it becomes a pin with this class. */
  | { kind: "handEdit"; pinClass: PriorityClass | null; remember: WrittenPriority }
  | {
      kind: "patch";
      patch: { categories?: string[]; importance?: string };
      categories: string[];
      importance: string;
    };

const lower = (s: string) => s.trim().toLowerCase();
const sameSet = (a: string[], b: string[]) => {
  const x = new Set(a.map(lower));
  const y = new Set(b.map(lower));
  return x.size === y.size && [...x].every((v) => y.has(v));
};

export function classOfCategory(
  category: string,
  classNames: Record<PriorityClass, ClassName>,
): PriorityClass | null {
  for (const c of [1, 2, 3] as const) if (lower(classNames[c].category) === lower(category)) return c;
  return null;
}

export function decideWrite(
  item: ItemState,
  classification: Classification,
  classNames: Record<PriorityClass, ClassName>,
  written: WrittenPriority | undefined,
): WriteDecision {
  const known = new Set([
    ...Object.values(classNames).map((n) => lower(n.category)),
    ...(written?.categories ?? []).map(lower),
  ]);
  const onItem = item.categories.filter((c) => known.has(lower(c)));
  const record = (cls: number, categories: string[], importance: string): WrittenPriority => ({
    mailbox: item.mailbox,
    stream: item.stream,
    itemId: item.id,
    class: cls,
    categories,
    importance,
    changeKey: item.changeKey,
    baseChangeKeys: [],
  });

  // The mirror still shows the version the service wrote over: its own write has not come back yet.
  if (written && item.changeKey && written.baseChangeKeys.includes(item.changeKey)) return { kind: "none" };
  if (
    written &&
    written.class === TAKEN_OFF_BY_HAND &&
    onItem.length === 0 &&
    classification.source !== "pin"
  ) {
    return { kind: "none" };
  }
  // A category the service did not write is a person's choice, and a person's choice wins, over a pin too.
  const wanted = classNames[classification.class].category;
  const personSetIt = written
    ? !sameSet(onItem, written.categories)
    : onItem.length > 0 && !sameSet(onItem, [wanted]);
  if (personSetIt) {
    const only = onItem.length === 1 ? classOfCategory(onItem[0] as string, classNames) : null;
    return {
      kind: "handEdit",
      pinClass: only,
      remember: record(only ?? TAKEN_OFF_BY_HAND, onItem, item.importance),
    };
  }

  const name = classNames[classification.class];
  const categories = [...item.categories.filter((c) => !known.has(lower(c))), name.category];
  const patch: { categories?: string[]; importance?: string } = {};
  if (!sameSet(categories, item.categories)) patch.categories = categories;
  if (item.importance !== name.importance) patch.importance = name.importance;
  if (patch.categories || patch.importance) {
    return { kind: "patch", patch, categories: [name.category], importance: name.importance };
  }
  const same =
    written &&
    written.class === classification.class &&
    written.changeKey === item.changeKey &&
    sameSet(written.categories, [name.category]);
  return same
    ? { kind: "none" }
    : { kind: "none", remember: record(classification.class, [name.category], name.importance) };
}

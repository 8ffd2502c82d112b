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

/** The priority categories the service answers for: its classes' and those it wrote on the item itself. */
function knownCategories(
  classNames: Record<PriorityClass, ClassName>,
  written: WrittenPriority | undefined,
): Set<string> {
  return new Set([
    ...Object.values(classNames).map((n) => lower(n.category)),
    ...(written?.categories ?? []).map(lower),
  ]);
}

/** The ledger's record of the item's priority, as it stands on the item now. */
function ledgerRecord(
  item: ItemState,
  cls: number,
  categories: string[],
  importance: string,
): WrittenPriority {
  return {
    mailbox: item.mailbox,
    stream: item.stream,
    itemId: item.id,
    class: cls,
    categories,
    importance,
    changeKey: item.changeKey,
    baseChangeKeys: [],
  };
}

/** The item is not the service's to touch now: its own write has not come back, or a person took the category off. */
function leftAlone(
  item: ItemState,
  classification: Classification,
  written: WrittenPriority | undefined,
  onItem: string[],
): boolean {
  // The mirror still shows the version the service wrote over: its own write has not come back yet.
  if (written && item.changeKey && written.baseChangeKeys.includes(item.changeKey)) return true;
  return (
    !!written && written.class === TAKEN_OFF_BY_HAND && onItem.length === 0 && classification.source !== "pin"
  );
}

/** A category the service did not write is a person's choice, and a person's choice wins, over a pin too. */
function personsChoice(
  item: ItemState,
  onItem: string[],
  wanted: string,
  classNames: Record<PriorityClass, ClassName>,
  written: WrittenPriority | undefined,
): WriteDecision | null {
  const personSetIt = written
    ? !sameSet(onItem, written.categories)
    : onItem.length > 0 && !sameSet(onItem, [wanted]);
  if (!personSetIt) return null;
  const only = onItem.length === 1 ? classOfCategory(onItem[0] as string, classNames) : null;
  return {
    kind: "handEdit",
    pinClass: only,
    remember: ledgerRecord(item, only ?? TAKEN_OFF_BY_HAND, onItem, item.importance),
  };
}

/** What the class asks for that the item lacks: its category in place of the other priority categories, its importance. */
function patchFor(item: ItemState, known: Set<string>, name: ClassName): WriteDecision | null {
  const categories = [...item.categories.filter((c) => !known.has(lower(c))), name.category];
  const patch: { categories?: string[]; importance?: string } = {};
  if (!sameSet(categories, item.categories)) patch.categories = categories;
  if (item.importance !== name.importance) patch.importance = name.importance;
  if (!patch.categories && !patch.importance) return null;
  return { kind: "patch", patch, categories: [name.category], importance: name.importance };
}

/** The item already shows its class: the ledger learns that as the service's own, unless it knows already. */
function alreadyRight(
  item: ItemState,
  cls: PriorityClass,
  name: ClassName,
  written: WrittenPriority | undefined,
): WriteDecision {
  const same =
    written &&
    written.class === cls &&
    written.changeKey === item.changeKey &&
    sameSet(written.categories, [name.category]);
  return same
    ? { kind: "none" }
    : { kind: "none", remember: ledgerRecord(item, cls, [name.category], name.importance) };
}

/** One item's write: none while it is left alone, else a person's choice, a patch toward its class, or none. */
export function decideWrite(
  item: ItemState,
  classification: Classification,
  classNames: Record<PriorityClass, ClassName>,
  written: WrittenPriority | undefined,
): WriteDecision {
  const known = knownCategories(classNames, written);
  const onItem = item.categories.filter((c) => known.has(lower(c)));
  if (leftAlone(item, classification, written, onItem)) return { kind: "none" };
  const name = classNames[classification.class];
  return (
    personsChoice(item, onItem, name.category, classNames, written) ??
    patchFor(item, known, name) ??
    alreadyRight(item, classification.class, name, written)
  );
}

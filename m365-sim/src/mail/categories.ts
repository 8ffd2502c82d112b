import { randomUUID } from "node:crypto";
import type { CategoryColor, OutlookCategory } from "@microsoft/microsoft-graph-types";
import { z } from "zod";
import { GraphError, graphEnum, notFound } from "../odata";
import type { SimState } from "../state";
import { requestBodyError, requireObject } from "../odata";

/**
 * A mailbox's master list of categories: the names and colours Outlook offers for
 * tagging mail and meetings. Names are unique (case-insensitively) and fixed once created;
 * only the colour can change.
 * https://learn.microsoft.com/en-us/graph/api/resources/outlookcategory
 * https://learn.microsoft.com/en-us/graph/api/outlookuser-post-mastercategories
 */

const COLORS = ["none", ...Array.from({ length: 25 }, (_, i) => `preset${i}`)] as [string, ...string[]];

const colorSchema = graphEnum(COLORS, "categoryColor").transform((color) => color as CategoryColor);

const createSchema = z.strictObject({
  displayName: z.string().trim().min(1),
  color: colorSchema.default("none"),
});
const updateSchema = z.strictObject({ color: colorSchema });

const TYPE = "microsoft.graph.outlookCategory";

function categoriesOf(state: SimState, mailboxId: string): OutlookCategory[] {
  return state.mailbox(mailboxId).masterCategories;
}

export function listCategories(state: SimState, mailboxId: string): OutlookCategory[] {
  return categoriesOf(state, mailboxId);
}

export function findCategory(state: SimState, mailboxId: string, id: string): OutlookCategory {
  const category = categoriesOf(state, mailboxId).find((c) => c.id === id);
  if (!category) throw notFound();
  return category;
}

/** Adds a category to the master list; a name already there answers 409. */
export function createCategory(state: SimState, mailboxId: string, body: unknown): OutlookCategory {
  const input = requireObject(body);
  const { id: _id, "@odata.type": _type, ...rest } = input;
  const parsed = createSchema.safeParse(rest);
  if (!parsed.success) throw requestBodyError(parsed.error.issues[0], TYPE);
  const list = categoriesOf(state, mailboxId);
  const name = parsed.data.displayName;
  if (list.some((c) => c.displayName?.toLowerCase() === name.toLowerCase())) {
    throw new GraphError(
      409,
      "ErrorDuplicateCategoryName",
      `A category with the name '${name}' already exists.`,
    );
  }
  const category: OutlookCategory = { id: randomUUID(), displayName: name, color: parsed.data.color };
  list.push(category);
  return category;
}

/** Changes a category's colour; its name is read-only once created. */
export function updateCategory(
  state: SimState,
  mailboxId: string,
  id: string,
  body: unknown,
): OutlookCategory {
  const category = findCategory(state, mailboxId, id);
  const input = requireObject(body);
  const { id: _id, "@odata.type": _type, ...rest } = input;
  if ("displayName" in rest && rest["displayName"] !== category.displayName) {
    throw new GraphError(400, "ErrorInvalidPropertySet", "Set action is invalid for property 'displayName'.");
  }
  const { displayName: _name, ...changes } = rest;
  const parsed = updateSchema.partial().safeParse(changes);
  if (!parsed.success) throw requestBodyError(parsed.error.issues[0], TYPE);
  if (parsed.data.color) category.color = parsed.data.color;
  return category;
}

export function deleteCategory(state: SimState, mailboxId: string, id: string): void {
  const list = categoriesOf(state, mailboxId);
  const index = list.findIndex((c) => c.id === id);
  if (index < 0) throw notFound();
  list.splice(index, 1);
}

/** For the seed: a category with a fixed colour, skipped if the name is already there. */
export function ensureCategory(
  state: SimState,
  mailboxId: string,
  displayName: string,
  color: CategoryColor,
): void {
  const list = categoriesOf(state, mailboxId);
  if (!list.some((c) => c.displayName?.toLowerCase() === displayName.toLowerCase())) {
    list.push({ id: randomUUID(), displayName, color });
  }
}

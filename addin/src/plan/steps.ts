import {
  makeJournalSchema,
  CateringOrderSchema,
  GuestSchema,
  MaterialOrderSchema,
  type MeetingPlan,
  type StepName,
  type StepState,
} from "@modeklar/shared";
import type { ZodType } from "zod";

/** Field → message key of shared's validation messages. */
export type FieldErrors = Record<string, string>;

/** Checks a value against a step's schema and names the bad fields with shared's message keys. */
export function fieldErrors(schema: ZodType, value: unknown): FieldErrors {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".");
    errors[field] ??= issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
  }
  return errors;
}

export const cateringErrors = (order: MeetingPlan["catering"]) => fieldErrors(CateringOrderSchema, order);
export const guestErrors = (guest: unknown) => fieldErrors(GuestSchema, guest);
export const materialErrors = (material: MeetingPlan["material"]) =>
  fieldErrors(MaterialOrderSchema, material);
export const journalErrors = (journal: MeetingPlan["journal"], caseNumberPattern?: string) =>
  fieldErrors(makeJournalSchema(caseNumberPattern), journal);

/** What "Bestil" needs before the order can go: something to serve, for some people. */
export function cateringReady(order: MeetingPlan["catering"]): boolean {
  return (order.items.length > 0 || !!order.otherItems) && Object.keys(cateringErrors(order)).length === 0;
}

export function withStepState(plan: MeetingPlan, step: StepName, state: StepState): MeetingPlan {
  return { ...plan, [step]: { ...plan[step], state } };
}

/** A step that was not needed becomes to-do as soon as something is filled in. */
export function touched<S extends { state: StepState }>(step: S): S {
  return step.state === "notNeeded" ? { ...step, state: "todo" } : step;
}

/**
 * True once the room has accepted the booking. Office.js lists no resources, so the answer
 * comes from the meeting's attendees as Graph (through the service) or Outlook report them.
 */
export function roomAccepted(
  attendees: readonly { address: string; response: string }[],
  roomEmail: string | undefined,
): boolean {
  if (!roomEmail) return false;
  const email = roomEmail.toLowerCase();
  return attendees.some((a) => a.address.toLowerCase() === email && a.response === "accepted");
}

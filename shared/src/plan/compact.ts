import {
  CATERING_ITEMS,
  DIETARY_NEEDS,
  EQUIPMENT,
  MeetingPlanSchema,
  PLAN_VERSION,
  STEP_STATES,
  emptyPlan,
  type Guest,
  type MeetingPlan,
  type StepName,
} from "./plan";

import { CUSTOM_PROPERTIES_LIMIT, PLAN_PROPERTY } from "./limits";

export { CUSTOM_PROPERTIES_LIMIT, PLAN_PROPERTY } from "./limits";

/** Characters the custom-properties JSON takes with this encoded plan in it. */
export function storedSize(encoded: string): number {
  return JSON.stringify({ [PLAN_PROPERTY]: encoded }).length;
}

/** Parts of a plan too long for the meeting, which the service must keep instead. */
export interface OffloadedParts {
  guests: Guest[];
  texts: Partial<Record<OffloadedText, string>>;
}
export type OffloadedText = "cateringOtherItems" | "dietaryNote" | "materialWhat";

export class PlanTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly parts: ("guests" | OffloadedText)[],
  ) {
    super(
      `The plan takes ${size} characters on the meeting, more than Outlook's ${CUSTOM_PROPERTIES_LIMIT}; ` +
        `keep ${parts.join(", ")} in the service (fitPlan does this).`,
    );
    this.name = "PlanTooLargeError";
  }
}

export class PlanDecodeError extends Error {
  constructor(detail: string) {
    super(`The plan stored on the meeting cannot be read: ${detail}`);
    this.name = "PlanDecodeError";
  }
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Compact = Record<string, Json>;

const STATE_CODES = ["n", "t", "o", "c"] as const;
const codeList = (values: readonly string[], chosen: readonly string[]) =>
  chosen.map((value) => values.indexOf(value).toString(36)).join("");
const fromCodeList = <T extends string>(values: readonly T[], codes: string) =>
  [...codes].map((code) => values[parseInt(code, 36)] ?? code);

/** Field → short key, per step; the step itself is stored under its short key. */
const STEP_KEYS: Record<StepName, { key: string; fields: Record<string, string> }> = {
  room: {
    key: "R",
    fields: { state: "s", roomEmail: "e", roomName: "n", seatsNeeded: "c", equipment: "q", stepFree: "f" },
  },
  catering: {
    key: "C",
    fields: {
      state: "s",
      items: "i",
      otherItems: "x",
      count: "n",
      dietary: "d",
      dietaryNote: "y",
      serveAt: "t",
      costCentre: "k",
      kitchenId: "z",
    },
  },
  reception: {
    key: "G",
    fields: {
      state: "s",
      guests: "g",
      moreGuestsInService: "m",
      arrivalAt: "t",
      host: "h",
      parking: "p",
      badge: "b",
    },
  },
  material: { key: "M", fields: { state: "s", what: "w", department: "d", workingDaysBefore: "n" } },
  journal: { key: "J", fields: { state: "s", caseNumber: "c", kle: "k" } },
  briefing: { key: "B", fields: { state: "s", noteVersion: "n" } },
};

const encodeField: Record<string, (value: never) => Json> = {
  state: (value: (typeof STEP_STATES)[number]) => STATE_CODES[STEP_STATES.indexOf(value)] ?? "n",
  equipment: (value: string[]) => codeList(EQUIPMENT, value),
  items: (value: string[]) => codeList(CATERING_ITEMS, value),
  dietary: (value: Record<string, number>) =>
    Object.fromEntries(Object.entries(value).map(([need, n]) => [codeList(DIETARY_NEEDS, [need]), n])),
  costCentre: (value: { kind: "ean"; ean: string } | { kind: "account"; account: string }) =>
    value.kind === "ean" ? `e${value.ean}` : `a${value.account}`,
  guests: (value: Guest[]) =>
    value.map((guest) =>
      guest.email
        ? [guest.name, guest.organisation ?? "", guest.email]
        : guest.organisation
          ? [guest.name, guest.organisation]
          : [guest.name],
    ),
  stepFree: (value: boolean) => (value ? 1 : 0),
  parking: (value: boolean) => (value ? 1 : 0),
  badge: (value: boolean) => (value ? 1 : 0),
};

const decodeField: Record<string, (value: Json) => unknown> = {
  state: (value) => STEP_STATES[STATE_CODES.indexOf(value as (typeof STATE_CODES)[number])] ?? value,
  equipment: (value) => fromCodeList(EQUIPMENT, String(value)),
  items: (value) => fromCodeList(CATERING_ITEMS, String(value)),
  dietary: (value) =>
    Object.fromEntries(
      Object.entries(value as Record<string, number>).map(([code, n]) => [
        fromCodeList(DIETARY_NEEDS, code)[0],
        n,
      ]),
    ),
  costCentre: (value) => {
    const text = String(value);
    return text.startsWith("e")
      ? { kind: "ean", ean: text.slice(1) }
      : { kind: "account", account: text.slice(1) };
  },
  guests: (value) =>
    (value as string[][]).map(([name, organisation, email]) => ({ name, organisation, email })),
  stepFree: (value) => value === 1,
  parking: (value) => value === 1,
  badge: (value) => value === 1,
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compact(plan: MeetingPlan): Compact {
  const defaults = emptyPlan();
  const out: Compact = { v: PLAN_VERSION };
  if (plan.revision !== 0) out["r"] = plan.revision;
  if (plan.updatedBy) out["u"] = plan.updatedBy;
  if (plan.updatedAt) out["a"] = plan.updatedAt;
  for (const [step, { key, fields }] of Object.entries(STEP_KEYS) as [
    StepName,
    (typeof STEP_KEYS)[StepName],
  ][]) {
    const values = plan[step] as Record<string, unknown>;
    const defaultValues = defaults[step] as Record<string, unknown>;
    const stepOut: Compact = {};
    for (const [field, short] of Object.entries(fields)) {
      const value = values[field];
      if (value === undefined || same(value, defaultValues[field])) continue;
      const encode = encodeField[field];
      stepOut[short] = encode ? encode(value as never) : (value as Json);
    }
    if (Object.keys(stepOut).length > 0) out[key] = stepOut;
  }
  return out;
}

function expand(stored: Compact): Record<string, unknown> {
  const plan: Record<string, unknown> = { version: stored["v"], revision: stored["r"] ?? 0 };
  if (stored["u"] !== undefined) plan["updatedBy"] = stored["u"];
  if (stored["a"] !== undefined) plan["updatedAt"] = stored["a"];
  for (const [step, { key, fields }] of Object.entries(STEP_KEYS)) {
    const stepIn = stored[key];
    if (stepIn === undefined) continue;
    if (typeof stepIn !== "object" || stepIn === null || Array.isArray(stepIn)) {
      throw new PlanDecodeError(`the ${step} step is not an object`);
    }
    const values: Record<string, unknown> = {};
    for (const [field, short] of Object.entries(fields)) {
      const value = stepIn[short];
      if (value === undefined) continue;
      const decode = decodeField[field];
      values[field] = decode ? decode(value) : value;
    }
    plan[step] = values;
  }
  return plan;
}

/** The plan as the compact string stored on the meeting; throws PlanTooLargeError if it does not fit. */
export function encodePlan(plan: MeetingPlan): string {
  const encoded = JSON.stringify(compact(plan));
  const size = storedSize(encoded);
  if (size > CUSTOM_PROPERTIES_LIMIT) throw new PlanTooLargeError(size, partsToOffload(plan));
  return encoded;
}

function partsToOffload(plan: MeetingPlan): ("guests" | OffloadedText)[] {
  const parts: ("guests" | OffloadedText)[] = [];
  if (plan.reception.guests.length > 0) parts.push("guests");
  if (plan.catering.otherItems) parts.push("cateringOtherItems");
  if (plan.catering.dietaryNote) parts.push("dietaryNote");
  if (plan.material.what) parts.push("materialWhat");
  return parts;
}

/** Reads a plan stored on a meeting, with every default filled in. */
export function decodePlan(encoded: string): MeetingPlan {
  let stored: unknown;
  try {
    stored = JSON.parse(encoded);
  } catch {
    throw new PlanDecodeError("it is not JSON");
  }
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) {
    throw new PlanDecodeError("it is not an object");
  }
  const version = (stored as Compact)["v"];
  if (version !== PLAN_VERSION) throw new PlanDecodeError(`unknown plan version ${JSON.stringify(version)}`);
  let expanded: Record<string, unknown>;
  try {
    expanded = expand(stored as Compact);
  } catch (error) {
    if (error instanceof PlanDecodeError) throw error;
    throw new PlanDecodeError("a step has the wrong shape");
  }
  const parsed = MeetingPlanSchema.safeParse(expanded);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new PlanDecodeError(`${first?.path.join(".") ?? ""}: ${first?.message ?? "invalid"}`);
  }
  return parsed.data;
}

export interface FittedPlan {
  /** The plan as it is stored on the meeting. */
  plan: MeetingPlan;
  encoded: string;
  /** What the service keeps instead; empty when everything fits. */
  offloaded: OffloadedParts;
}

/**
 * Makes a plan fit on the meeting: guests beyond what fits, then long free texts, move to
 * the service (the stored plan counts the guests it no longer lists).
 */
export function fitPlan(plan: MeetingPlan): FittedPlan {
  const offloaded: OffloadedParts = { guests: [], texts: {} };
  const fits = (candidate: MeetingPlan) =>
    storedSize(JSON.stringify(compact(candidate))) <= CUSTOM_PROPERTIES_LIMIT;
  let current = plan;
  if (!fits(current)) {
    // The guest list goes first (reception gets it from the service anyway); free texts only if even no guests do not fit.
    if (!fits(withGuests(current, current.reception.guests, 0)))
      current = withTextsOffloaded(current, offloaded);
    const guests = current.reception.guests;
    let keep = 0;
    let drop = guests.length;
    // Binary search for the most guests that still fit.
    while (keep < drop) {
      const mid = Math.ceil((keep + drop) / 2);
      if (fits(withGuests(current, guests, mid))) keep = mid;
      else drop = mid - 1;
    }
    offloaded.guests = guests.slice(keep);
    current = withGuests(current, guests, keep);
  }
  return { plan: current, encoded: encodePlan(current), offloaded };
}

function withGuests(plan: MeetingPlan, guests: Guest[], keep: number): MeetingPlan {
  return {
    ...plan,
    reception: {
      ...plan.reception,
      guests: guests.slice(0, keep),
      moreGuestsInService: plan.reception.moreGuestsInService + guests.length - keep,
    },
  };
}

function withTextsOffloaded(plan: MeetingPlan, offloaded: OffloadedParts): MeetingPlan {
  const { otherItems, dietaryNote, ...catering } = plan.catering;
  const { what, ...material } = plan.material;
  if (otherItems) offloaded.texts.cateringOtherItems = otherItems;
  if (dietaryNote) offloaded.texts.dietaryNote = dietaryNote;
  if (what) offloaded.texts.materialWhat = what;
  return { ...plan, catering, material };
}

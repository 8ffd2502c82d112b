import { z } from "zod";
import { LocalTimeSchema } from "../calendar/config";
import { isValidEan } from "./ean";
import { DEFAULT_CASE_NUMBER_PATTERN, KleCodeSchema } from "./journal";
import { EmailSchema, line, note, optionalText } from "./text";

export const STEP_NAMES = ["room", "catering", "reception", "material", "journal", "briefing"] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** Each step of a meeting's plan is not needed, to do, ordered (sent, awaiting answer) or confirmed. */
export const STEP_STATES = ["notNeeded", "todo", "ordered", "confirmed"] as const;
export const StepStateSchema = z.enum(STEP_STATES);
export type StepState = z.infer<typeof StepStateSchema>;

const state = StepStateSchema.default("notNeeded");

export const EQUIPMENT = ["display", "video", "audio"] as const;
export const EquipmentSchema = z.enum(EQUIPMENT);
export type Equipment = z.infer<typeof EquipmentSchema>;

export const RoomStepSchema = z.object({
  state,
  roomEmail: optionalText(EmailSchema),
  roomName: optionalText(line(100)),
  seatsNeeded: z.number().int().min(1).max(999).optional(),
  equipment: z.array(EquipmentSchema).max(EQUIPMENT.length).default([]),
  stepFree: z.boolean().default(false),
});
export type RoomStep = z.infer<typeof RoomStepSchema>;

export const CATERING_ITEMS = ["coffeeTea", "water", "fruit", "sandwiches", "lunch", "cake"] as const;
export const CateringItemSchema = z.enum(CATERING_ITEMS);
export type CateringItem = z.infer<typeof CateringItemSchema>;

export const DIETARY_NEEDS = [
  "vegetarian",
  "vegan",
  "glutenFree",
  "lactoseFree",
  "halal",
  "nutAllergy",
] as const;
export const DietaryNeedSchema = z.enum(DIETARY_NEEDS);
export type DietaryNeed = z.infer<typeof DietaryNeedSchema>;

/** Who pays: an EAN location number (GS1 check digit validated) or an account string. */
export const CostCentreSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ean"),
    ean: z.string().refine(isValidEan, { message: "validation.ean" }),
  }),
  z.object({ kind: z.literal("account"), account: line(40).pipe(z.string().min(1)) }),
]);
export type CostCentre = z.infer<typeof CostCentreSchema>;

export const CateringOrderSchema = z.object({
  state,
  items: z.array(CateringItemSchema).max(CATERING_ITEMS.length).default([]),
  otherItems: optionalText(note(300)),
  count: z.number().int().min(1).max(999).optional(),
  /** How many of the guests need each diet. */
  dietary: z.partialRecord(DietaryNeedSchema, z.number().int().min(1).max(999)).default({}),
  dietaryNote: optionalText(note(300)),
  serveAt: LocalTimeSchema.optional(),
  costCentre: CostCentreSchema.optional(),
  kitchenId: optionalText(line(40)),
});
export type CateringOrder = z.infer<typeof CateringOrderSchema>;

export const GuestSchema = z.object({
  name: line(100).pipe(z.string().min(1, { message: "validation.required" })),
  organisation: optionalText(line(100)),
  email: optionalText(EmailSchema),
});
export type Guest = z.infer<typeof GuestSchema>;

export const ReceptionListSchema = z.object({
  state,
  guests: z.array(GuestSchema).max(200).default([]),
  /** Guests kept by the service because the list did not fit on the meeting. */
  moreGuestsInService: z.number().int().min(0).max(10_000).default(0),
  arrivalAt: LocalTimeSchema.optional(),
  /** Who receives the guests: a name or an address. */
  host: optionalText(line(254)),
  parking: z.boolean().default(false),
  badge: z.boolean().default(false),
});
export type ReceptionList = z.infer<typeof ReceptionListSchema>;

export const MaterialOrderSchema = z.object({
  state,
  what: optionalText(note(300)),
  /** The department's mailbox the order is mailed to. */
  department: optionalText(EmailSchema),
  workingDaysBefore: z.number().int().min(0).max(30).default(3),
});
export type MaterialOrder = z.infer<typeof MaterialOrderSchema>;

/** Builds the journal step's schema for a municipality's case number format. */
export const makeJournalSchema = (caseNumberPattern = DEFAULT_CASE_NUMBER_PATTERN) =>
  z.object({
    state,
    caseNumber: optionalText(
      line(40).refine((value) => new RegExp(caseNumberPattern, "u").test(value), {
        message: "validation.caseNumber",
      }),
    ),
    kle: optionalText(KleCodeSchema),
  });
export const JournalSchema = makeJournalSchema();
export type Journal = z.infer<typeof JournalSchema>;

/** The briefing note itself is long and kept by the service; the meeting holds only its version. */
export const BriefingRefSchema = z.object({
  state,
  noteVersion: z.number().int().min(0).max(1_000_000).default(0),
});
export type BriefingRef = z.infer<typeof BriefingRefSchema>;

export const PLAN_VERSION = 1;

export const makeMeetingPlanSchema = (settings: { caseNumberPattern?: string } = {}) =>
  z.object({
    version: z.literal(PLAN_VERSION).default(PLAN_VERSION),
    /** Bumped on every save: a save based on an older revision is a conflict, not an overwrite. */
    revision: z.number().int().min(0).default(0),
    updatedBy: optionalText(line(254)),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
    room: RoomStepSchema.default(RoomStepSchema.parse({})),
    catering: CateringOrderSchema.default(CateringOrderSchema.parse({})),
    reception: ReceptionListSchema.default(ReceptionListSchema.parse({})),
    material: MaterialOrderSchema.default(MaterialOrderSchema.parse({})),
    journal: makeJournalSchema(settings.caseNumberPattern).default({ state: "notNeeded" }),
    briefing: BriefingRefSchema.default(BriefingRefSchema.parse({})),
  });
export const MeetingPlanSchema = makeMeetingPlanSchema();
export type MeetingPlan = z.infer<typeof MeetingPlanSchema>;
/** A plan as a person or a program may write it: every step and detail optional. */
export type MeetingPlanInput = z.input<typeof MeetingPlanSchema>;

export function emptyPlan(): MeetingPlan {
  return MeetingPlanSchema.parse({});
}

import { z } from "zod";

export const PRIORITY_CLASSES = [1, 2, 3] as const;
export const PriorityClassSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  message: "validation.priorityClass",
});
export type PriorityClass = z.infer<typeof PriorityClassSchema>;

/**
 * An address ("navn@kl.dk") matches that address; a domain ("kl.dk" or "@kl.dk") matches
 * every address in it and its subdomains.
 */
export const AddressPatternSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^([^@\s]+@)?@?[a-z0-9æøå-]+(\.[a-z0-9æøå-]+)+$/, { message: "validation.addressPattern" });

const list = <T extends z.ZodType>(item: T) => z.array(item).max(500).optional();
const words = list(z.string().trim().min(1, { message: "validation.required" }).max(100));

/** What a rule looks for; every given condition must hold, any entry of a list will do. */
export const RuleMatchSchema = z
  .object({
    organizer: list(AddressPatternSchema),
    attendee: list(AddressPatternSchema),
    /** Names from the organisations table: matched by their domains or their name in subject or participants. */
    organisation: words,
    subject: words,
    body: words,
    location: words,
    category: words,
    /** Series master ids or iCalUIds: every occurrence of the series. */
    series: list(z.string().min(1).max(500)),
  })
  .strict()
  .refine((match) => Object.values(match).some((value) => value !== undefined && value.length > 0), {
    message: "validation.emptyMatch",
  });
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

export const PriorityRuleSchema = z.object({
  id: z.string().trim().min(1, { message: "validation.required" }).max(60),
  enabled: z.boolean().default(true),
  class: PriorityClassSchema,
  /** Shown to the mayor beside the class, e.g. "byrådsmøde" or "partner: Region Sjælland". */
  reason: z.string().trim().min(1, { message: "validation.required" }).max(120),
  match: RuleMatchSchema,
});
export type PriorityRule = z.infer<typeof PriorityRuleSchema>;

export const VipSchema = z.object({
  match: AddressPatternSchema,
  class: PriorityClassSchema,
  /** Shown to the mayor as the reason, e.g. "afsender fra et ministerium". */
  label: z.string().trim().min(1, { message: "validation.required" }).max(120),
});
export type Vip = z.infer<typeof VipSchema>;

export const OrganisationSchema = z.object({
  name: z.string().trim().min(1, { message: "validation.required" }).max(100),
  domains: z.array(AddressPatternSchema).max(50).default([]),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

const OUTLOOK_PRESETS = Array.from({ length: 25 }, (_, i) => `preset${i}`);

export const ClassNameSchema = z.object({
  /** The Outlook category written on the item, e.g. "Prioritet 1". */
  category: z.string().trim().min(1, { message: "validation.required" }).max(255),
  /** The short word shown to the mayor, e.g. "Skal". */
  label: z.string().trim().min(1, { message: "validation.required" }).max(40),
  color: z.enum(OUTLOOK_PRESETS as [string, ...string[]]),
  importance: z.enum(["low", "normal", "high"]),
});
export type ClassName = z.infer<typeof ClassNameSchema>;

export const DEFAULT_CLASS_NAMES = {
  1: { category: "Prioritet 1", label: "Skal", color: "preset0", importance: "high" },
  2: { category: "Prioritet 2", label: "Bør", color: "preset1", importance: "normal" },
  3: { category: "Prioritet 3", label: "Kan", color: "preset3", importance: "low" },
} satisfies Record<PriorityClass, ClassName>;

export const RuleSetSchema = z
  .object({
    version: z.number().int().min(0).default(0),
    classNames: z
      .object({ 1: ClassNameSchema, 2: ClassNameSchema, 3: ClassNameSchema })
      .default(DEFAULT_CLASS_NAMES),
    /** The class of an item no rule matches. */
    defaultClass: PriorityClassSchema.default(3),
    rules: z.array(PriorityRuleSchema).max(500).default([]),
    vips: z.array(VipSchema).max(1000).default([]),
    organisations: z.array(OrganisationSchema).max(500).default([]),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: "custom", path: ["rules", index, "id"], message: "validation.duplicateId" });
      seen.add(rule.id);
    });
    const known = new Set(set.organisations.map((org) => org.name.toLowerCase()));
    set.rules.forEach((rule, index) => {
      rule.match.organisation?.forEach((name, i) => {
        if (!known.has(name.toLowerCase())) {
          ctx.addIssue({
            code: "custom",
            path: ["rules", index, "match", "organisation", i],
            message: "validation.unknownOrganisation",
          });
        }
      });
    });
  });
export type RuleSet = z.infer<typeof RuleSetSchema>;
export type RuleSetInput = z.input<typeof RuleSetSchema>;

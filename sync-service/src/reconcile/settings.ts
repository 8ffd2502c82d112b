import {
  AddressPatternSchema,
  CalendarConfigSchema,
  KitchenSchema,
  LocalTimeSchema,
  RuleMatchSchema,
  TravelTableSchema,
  type CalendarConfig,
  type TravelTable,
} from "@modeklar/shared";
import { z } from "zod";
import type { SettingStore } from "../store/reconcile";

const required = { message: "validation.required" };

/** A department an inquiry can be routed to, and the mailbox forwards go to. */
export const DepartmentSchema = z.object({
  id: z.string().trim().min(1, required).max(60),
  name: z.string().trim().min(1, required).max(120),
  mailbox: z.email({ message: "validation.email" }),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** Routes an inquiry to a department, matched like a priority rule (first match wins). */
export const RoutingRuleSchema = z.object({
  id: z.string().trim().min(1, required).max(60),
  department: z.string().trim().min(1, required).max(60),
  match: RuleMatchSchema,
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

const FJORDBY_DEPARTMENTS: Department[] = [
  { id: "teknik-miljoe", name: "Teknik og Miljø", mailbox: "teknik-miljoe@fjordby.dk" },
  { id: "social-sundhed", name: "Social og Sundhed", mailbox: "social-sundhed@fjordby.dk" },
  { id: "boern-unge", name: "Børn og Unge", mailbox: "boern-unge@fjordby.dk" },
  { id: "kultur-fritid", name: "Kultur og Fritid", mailbox: "kultur-fritid@fjordby.dk" },
  { id: "oekonomi", name: "Økonomi og Analyse", mailbox: "oekonomi@fjordby.dk" },
];

const FJORDBY_ROUTING: RoutingRule[] = [
  {
    id: "veje",
    department: "teknik-miljoe",
    match: { subject: ["vej", "fortov", "cykelsti", "affald", "parkering"] },
  },
  {
    id: "skole",
    department: "boern-unge",
    match: { subject: ["skole", "børnehave", "vuggestue", "dagpleje"] },
  },
  { id: "pleje", department: "social-sundhed", match: { subject: ["plejehjem", "hjemmepleje", "ældre"] } },
  { id: "kultur", department: "kultur-fritid", match: { subject: ["bibliotek", "idræt", "hal", "kultur"] } },
];

/** How reconcile works for one municipality; edited through the API, defaults for Fjordby. */
export const ReconcileSettingsSchema = z
  .object({
    /** Mail from these domains is the organisation's own, never a citizen's inquiry. */
    internalDomains: z.array(AddressPatternSchema).min(1).default(["fjordby.dk"]),
    inquiryReplyWorkingDays: z.number().int().min(1).max(60).default(10),
    departments: z.array(DepartmentSchema).max(100).default(FJORDBY_DEPARTMENTS),
    routing: z.array(RoutingRuleSchema).max(500).default(FJORDBY_ROUTING),
    kitchens: z
      .array(KitchenSchema)
      .min(1)
      .default([
        {
          id: "kantine",
          name: "Rådhusets kantine",
          mailbox: "kantine@fjordby.dk",
          workingDaysBefore: 2,
          atTime: "12:00",
        },
      ]),
    /** Working days before a meeting the guest list is due at reception, and when. */
    guestList: z
      .object({ workingDaysBefore: z.number().int().min(0).max(20), atTime: LocalTimeSchema })
      .default({ workingDaysBefore: 1, atTime: "14:00" }),
    digest: z
      .object({ enabled: z.boolean(), at: LocalTimeSchema, to: z.email({ message: "validation.email" }) })
      .default({ enabled: true, at: "07:30", to: "sekretaer@fjordby.dk" }),
    /** Flag the related mail with the deadline as its due date. */
    reminders: z.boolean().default(true),
    calendar: CalendarConfigSchema.default(CalendarConfigSchema.parse({})),
  })
  .superRefine((settings, ctx) => {
    const known = new Set(settings.departments.map((d) => d.id));
    settings.routing.forEach((rule, index) => {
      if (!known.has(rule.department))
        ctx.addIssue({
          code: "custom",
          path: ["routing", index, "department"],
          message: "validation.invalid",
        });
    });
  });
export type ReconcileSettings = z.infer<typeof ReconcileSettingsSchema>;

const SETTINGS = "reconcile";
const TRAVEL = "travel";

/** Settings and the travel table as stored, with defaults filled in where nothing was saved. */
export class SettingsBook {
  /** The last parse, keyed by the stored JSON: read on every round, parsed once per save. */
  private cached: { key: string; settings: ReconcileSettings } | null = null;

  constructor(private readonly store: SettingStore) {}

  async settings(): Promise<ReconcileSettings> {
    const saved = await this.store.getSetting(SETTINGS);
    const key = JSON.stringify(saved?.value ?? null);
    if (this.cached?.key === key) return this.cached.settings;
    const parsed = ReconcileSettingsSchema.safeParse(saved?.value ?? {});
    const settings = parsed.success ? parsed.data : ReconcileSettingsSchema.parse({});
    this.cached = { key, settings };
    return settings;
  }

  /** The version a writer must name to replace the settings (0 before the first save). */
  async settingsVersion(): Promise<number> {
    return (await this.store.getSetting(SETTINGS))?.version ?? 0;
  }

  /** Replaces the settings if they are still at `baseVersion`. */
  saveSettings(settings: ReconcileSettings, by: string, baseVersion: number) {
    return this.store.putSetting(SETTINGS, settings, by, baseVersion);
  }

  async travel(): Promise<TravelTable> {
    return (await this.travelVersioned()).table;
  }

  async travelVersioned(): Promise<{ table: TravelTable; version: number }> {
    const saved = await this.store.getSetting(TRAVEL);
    const parsed = TravelTableSchema.safeParse(saved?.value ?? {});
    return {
      table: parsed.success ? parsed.data : TravelTableSchema.parse({}),
      version: saved?.version ?? 0,
    };
  }

  /** Replaces the travel table if it is still at `baseVersion`. */
  saveTravel(table: TravelTable, by: string, baseVersion: number) {
    return this.store.putSetting(TRAVEL, table, by, baseVersion);
  }

  async calendar(): Promise<CalendarConfig> {
    return (await this.settings()).calendar;
  }
}

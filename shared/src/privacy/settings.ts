import { z } from "zod";
import { DELEGATE_ROLES } from "./audiences";

/**
 * Who besides the mayor sees a private meeting whole: the same choice as Outlook's
 * "Delegate can see my private items", made once per installation (PRIVATE_ITEMS_VISIBLE_TO)
 * and set as the mayor set it for each delegate in Outlook. The mayor always does; the
 * reception, the kitchen and the departments never can.
 */
export const PrivacySettingsSchema = z.object({
  privateItemsVisibleTo: z.array(z.enum(DELEGATE_ROLES)).default(["secretary"]),
});
export type PrivacySettings = z.infer<typeof PrivacySettingsSchema>;

export const DEFAULT_PRIVACY: PrivacySettings = PrivacySettingsSchema.parse({});

/** PRIVATE_ITEMS_VISIBLE_TO: `secretary` (the default), `secretary,chief-of-staff`, `chief-of-staff` or `none`. */
export const PrivateItemsVisibleToSchema = z
  .string()
  .transform((value) => [
    ...new Set(
      value
        .split(",")
        .map((role) => role.trim())
        .filter((role) => role !== "" && role !== "none"),
    ),
  ])
  .pipe(
    z.array(
      z.enum(DELEGATE_ROLES, {
        error: "must be secretary, chief-of-staff, both comma-separated, or none",
      }),
    ),
  );

export function privacyFromText(value: string | undefined): PrivacySettings {
  if (value === undefined || value.trim() === "") return DEFAULT_PRIVACY;
  return { privateItemsVisibleTo: PrivateItemsVisibleToSchema.parse(value) };
}

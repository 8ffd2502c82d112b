import type { RetentionKind } from "@modeklar/shared";
import { z } from "zod";

/**
 * Retention's settings: for each kind of record, the variable that sets how many days it is
 * kept and its default. Meetings' records count from the meeting's end, mail from its arrival,
 * audit entries from when they were made. The defaults are a starting point for the
 * municipality's own decision (docs/records-of-processing.md says why each is kept).
 */
export const RETENTION_SETTINGS: Record<RetentionKind, { variable: string; days: number }> = {
  plans: { variable: "RETENTION_PLANS_DAYS", days: 90 },
  orders: { variable: "RETENTION_ORDERS_DAYS", days: 90 },
  arrivals: { variable: "RETENTION_ARRIVALS_DAYS", days: 30 },
  briefingNotes: { variable: "RETENTION_BRIEFING_NOTES_DAYS", days: 30 },
  minutes: { variable: "RETENTION_MINUTES_DAYS", days: 365 },
  mail: { variable: "RETENTION_MAIL_DAYS", days: 90 },
  audit: { variable: "RETENTION_AUDIT_DAYS", days: 1095 },
};

const days = (fallback: number) => z.coerce.number().int().min(1).max(3650).default(fallback);

/** The variables' schema: whole days from 1 to 3650 each. */
export const retentionSchema = z.object(
  Object.fromEntries(Object.values(RETENTION_SETTINGS).map(({ variable, days: d }) => [variable, days(d)])),
);

/** The audit log must outlive what it tells about: its period is the longest. */
export function retentionProblems(periods: Record<RetentionKind, number>): string[] {
  const longest = Math.max(
    ...Object.entries(periods)
      .filter(([kind]) => kind !== "audit")
      .map(([, d]) => d),
  );
  return periods.audit < longest
    ? [
        `${RETENTION_SETTINGS.audit.variable}: the audit log must be kept at least as long as the longest other period (${longest} days)`,
      ]
    : [];
}

/** What the seed is asked for: which week, how much, whether calendars and mail at all. */
export interface SeedOptions {
  /** Monday 00:00 Europe/Copenhagen of the seeded week (ISO date); default: this week's Monday. */
  anchor?: string;
  /** Extra generated calendar items and messages for benchmarks. */
  scale?: number;
  /** Directory, rooms and apps only; no calendar or mail. */
  emptyCalendar?: boolean;
  /** Redirect URIs to register for the Mødeklar app (the pages' sign-in return addresses). */
  redirectUris?: string[];
}

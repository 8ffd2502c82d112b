import type { SimState } from "../state";

export interface SeedOptions {
  /** Monday 00:00 Europe/Copenhagen of the seeded week (ISO date); default: this week's Monday. */
  anchor?: string;
  /** Extra generated calendar items and messages for benchmarks. */
  scale?: number;
  /** Directory, rooms and apps only; no calendar or mail. */
  emptyCalendar?: boolean;
}

export function seedState(_state: SimState, _options: SeedOptions): void {}

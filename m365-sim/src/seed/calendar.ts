import type { SimState } from "../state";
import type { SeedOptions } from "./index";

/** The mayor's four weeks of calendar (and the invitations they brought). */
export function seedCalendar(_state: SimState, _options: SeedOptions): void {}

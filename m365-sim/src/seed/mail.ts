import type { SimState } from "../state";
import type { SeedOptions } from "./index";

/** The mayor's inbox: citizen inquiries, partner mail, flagged mail. */
export function seedMail(_state: SimState, _options: SeedOptions): void {}

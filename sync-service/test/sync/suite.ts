import { startSim, type RunningSim } from "@modeklar/m365-sim";
import pino from "pino";
import type { MailboxGateway } from "../../src/graph";
import type { SyncEngine } from "../../src/sync";
import { connectToSim } from "./sim";

/** What a sync test file starts with. */

/** The calendar window the sync tests mirror: a month back, half a year ahead. */
export const TEST_WINDOW = { pastDays: 30, futureDays: 180 };

/** A logger that writes nothing. */
export const silentLog = pino({ level: "silent" });

/** The seeded simulator and the service's Graph side connected to it. */
export async function startSimWithGateway(): Promise<{ sim: RunningSim; gateway: MailboxGateway }> {
  const sim = await startSim();
  return { sim, ...(await connectToSim(sim)) };
}

/** Two instances sharing two mailboxes have split them: each holds one (a check to wait for). */
export function eachHoldsOneMailbox(first: SyncEngine, second: SyncEngine): () => Promise<boolean> {
  return async () =>
    first.ownership.ownedMailboxes().length === 1 && second.ownership.ownedMailboxes().length === 1;
}

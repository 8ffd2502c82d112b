import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SimContext } from "./context";
import type {
  AppRegistration,
  ApplicationAccessPolicy,
  DirectoryUser,
  MailGroup,
  Room,
  RoomList,
} from "./directory";
import { notifierFor } from "./notifications";
import type { Faults, Mailbox, SimState, StoredEvent, StoredMessage, StoredSubscription } from "./state";

/**
 * The simulator keeps its world in memory; with `--snapshot <file>` it is also written to
 * a JSON file (periodically and on shutdown) and read back at start, so a demo survives a
 * restart. Tokens and delta links from before a restart are not carried over: signing keys
 * and the delta-token secret are new per process, so clients sign in and resync, as they
 * would after Microsoft 365 invalidated them.
 */

const FORMAT = "modeklar-sim-snapshot/1";

interface SnapshotFile {
  format: typeof FORMAT;
  savedAt: string;
  clockOffsetMs: number;
  seq: number;
  deltaTokenFloor: number;
  faults: Faults;
  users: DirectoryUser[];
  rooms: Room[];
  roomLists: RoomList[];
  apps: AppRegistration[];
  /** Absent in snapshots saved before groups and access policies were simulated. */
  groups?: MailGroup[];
  accessPolicies?: ApplicationAccessPolicy[];
  mailboxes: Array<
    Omit<Mailbox, "events" | "messages"> & { events: StoredEvent[]; messages: StoredMessage[] }
  >;
  subscriptions: StoredSubscription[];
}

export function snapshotOf(state: SimState): SnapshotFile {
  return {
    format: FORMAT,
    savedAt: new Date().toISOString(),
    clockOffsetMs: state.clock.now().getTime() - Date.now(),
    seq: state.currentSeq(),
    deltaTokenFloor: state.deltaTokenFloor,
    faults: state.faults,
    users: [...state.users.values()],
    rooms: [...state.rooms.values()],
    roomLists: [...state.roomLists.values()],
    apps: [...state.apps.values()],
    groups: [...state.groups.values()],
    accessPolicies: state.accessPolicies,
    mailboxes: [...state.mailboxes.values()].map((box) => ({
      ...box,
      events: [...box.events.values()],
      messages: [...box.messages.values()],
    })),
    subscriptions: [...state.subscriptions.values()],
  };
}

/** Replaces the state's contents with a snapshot's. */
export function restoreSnapshot(state: SimState, snapshot: SnapshotFile): void {
  if (snapshot.format !== FORMAT)
    throw new Error(`not a simulator snapshot (format ${String(snapshot.format)})`);
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
  state.users = byId(snapshot.users);
  state.rooms = byId(snapshot.rooms);
  state.roomLists = byId(snapshot.roomLists);
  state.apps = new Map(snapshot.apps.map((app) => [app.clientId, app]));
  state.groups = new Map((snapshot.groups ?? []).map((group) => [group.emailAddress.toLowerCase(), group]));
  state.accessPolicies = snapshot.accessPolicies ?? [];
  state.mailboxes = new Map(
    snapshot.mailboxes.map((box) => [
      box.userId,
      { ...box, events: byId(box.events), messages: byId(box.messages) },
    ]),
  );
  state.subscriptions = byId(snapshot.subscriptions);
  state.faults = { ...state.faults, ...snapshot.faults };
  state.deltaTokenFloor = snapshot.deltaTokenFloor;
  // Sequence numbers only move forward, so changes after the restart sort after the saved ones.
  while (state.currentSeq() < snapshot.seq) state.nextSeq();
  state.clock.reset();
  state.clock.advance(snapshot.clockOffsetMs);
}

/** Loads the snapshot file into the running simulator if the file exists; true when it did. */
export function loadSnapshot(ctx: SimContext, file: string): boolean {
  if (!existsSync(file)) return false;
  restoreSnapshot(ctx.state, JSON.parse(readFileSync(file, "utf8")) as SnapshotFile);
  notifierFor(ctx).sweep();
  return true;
}

/** Writes the state to the file (through a temporary file, so a crash never leaves half a snapshot). */
export async function saveSnapshot(state: SimState, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(snapshotOf(state)));
  await rename(temporary, file);
}

const snapshotFiles = new WeakMap<SimState, string>();

/** The file `--snapshot` named for this simulator, if any (the control API's snapshot writes there). */
export function snapshotFileOf(state: SimState): string | undefined {
  return snapshotFiles.get(state);
}

export interface SnapshotSchedule {
  save(): Promise<void>;
  stop(): void;
}

/** Remembers the file and writes the state to it every `everyMs`. */
export function keepSnapshots(state: SimState, file: string, everyMs: number): SnapshotSchedule {
  snapshotFiles.set(state, file);
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    writing = writing.then(() => saveSnapshot(state, file));
    return writing;
  };
  const timer = setInterval(() => {
    save().catch((err: unknown) => console.error("m365-sim: snapshot failed", err));
  }, everyMs);
  timer.unref();
  return { save, stop: () => clearInterval(timer) };
}

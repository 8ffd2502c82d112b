import type { SimContext } from "../context";
import { resetPipeline } from "../graph/pipeline";
import { notifierFor } from "../notifications";
import { NO_FAULTS } from "../state";

/**
 * Back to the seed the simulator started with: directory, calendars and mail as seeded,
 * no subscriptions, an empty request log, no faults, the real time. Delta tokens from
 * before the reset answer 410, so clients resync instead of reading a world that vanished.
 */
export function resetToSeed(ctx: SimContext): void {
  const { state } = ctx;
  notifierFor(ctx).stop();
  state.subscriptions.clear();
  state.users.clear();
  state.rooms.clear();
  state.roomLists.clear();
  state.apps.clear();
  state.groups.clear();
  state.accessPolicies = [];
  state.mailboxes.clear();
  state.requestLog.length = 0;
  state.faults = { ...NO_FAULTS };
  state.clock.reset();
  resetPipeline(state);
  state.deltaTokenFloor = state.nextSeq();
  ctx.seed(state);
}

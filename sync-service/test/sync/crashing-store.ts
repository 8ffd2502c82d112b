import type { ApplyResult, DeltaPage, MirrorStore, StreamKind } from "../../src/store/types";

/** The process "dies" here: thrown from the store, as a kill -9 would cut the round short. */
export class SimulatedCrash extends Error {
  constructor() {
    super("simulated crash");
    this.name = "SimulatedCrash";
  }
}

/**
 * A store that crashes at a chosen page: before the page is committed (the transaction
 * never happened) or just after (committed, but the process died before it went on).
 */
export function crashingStore(
  store: MirrorStore,
  crashAt: { page: number; when: "before-commit" | "after-commit" },
): MirrorStore {
  let pages = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== "applyDeltaPage") {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (mailbox: string, stream: StreamKind, page: DeltaPage): Promise<ApplyResult> => {
        pages += 1;
        if (pages === crashAt.page && crashAt.when === "before-commit") throw new SimulatedCrash();
        const result = await target.applyDeltaPage(mailbox, stream, page);
        if (pages === crashAt.page) throw new SimulatedCrash();
        return result;
      };
    },
  });
}

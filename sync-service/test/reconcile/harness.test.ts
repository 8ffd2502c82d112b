import { describe, expect, it } from "vitest";
import { startHarness } from "./harness";

describe("the reconcile harness", () => {
  it("closing it waits for a delta round still running, so the round never meets a closed store", async () => {
    const h = await startHarness();
    const round = h.sync();
    await h.close();
    await expect(round).resolves.toEqual(expect.any(Array));
  });

  it("a round asked for after closing is refused in words, not by a closed store", async () => {
    const h = await startHarness();
    await h.close();
    await expect(h.sync()).rejects.toThrow("the harness is closed");
  });
});

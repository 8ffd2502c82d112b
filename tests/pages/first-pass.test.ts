import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, eventually, MAYOR, SECRETARY, type Stack } from "../sync/stack";
import { closePageTests, danishContext, seriousViolations, signedIn, startPageTests } from "./browser";
import { api, seededMonday } from "./fixtures";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  // A mailbox big enough that its first pass is still running when the page opens.
  [stack, browser] = await startPageTests({ sim: { seed: { scale: 1500 } } });
});
afterAll(() => closePageTests(stack, browser));

describe("the weekly view during the first pass over the mayor's mailbox", () => {
  it("shows how far the first pass has come on a 375 px phone in dark mode, and drops it once the pass is done", async () => {
    const context = await danishContext(browser, {
      viewport: { width: 375, height: 812 },
      colorScheme: "dark",
    });
    const page = await signedIn(stack, context, `week.html?week=${seededMonday()}`, "Camilla Nørgaard");
    const notice = page.getByText("Første gennemgang af borgmesterens postkasse");
    await notice.waitFor();
    await page.getByRole("progressbar").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const secretary = await apiToken(stack.sim, SECRETARY);
    await eventually(
      "the first pass done",
      async () => {
        const status = (await api(stack, secretary, "GET", "/sync/status")).json() as {
          mailboxes: { mailbox: string; firstPass?: { state: string } }[];
        };
        return status.mailboxes.find((m) => m.mailbox === MAYOR)?.firstPass?.state === "done";
      },
      300_000,
    );
    await notice.waitFor({ state: "detached", timeout: 30_000 });
    await context.close();
  }, 360_000);
});

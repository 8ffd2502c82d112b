import { describe, expect, it } from "vitest";
import { apiToken, eventually, MAYOR, SECRETARY } from "../sync/stack";
import { danishContext, pageTests, seriousViolations, signedIn } from "./browser";
import { api, seededMonday } from "./fixtures";

// A mailbox big enough that its first pass is still running when the page opens.
const pages = pageTests({ sim: { seed: { scale: 1500 } } });

describe("the weekly view during the first pass over the mayor's mailbox", () => {
  it("shows how far the first pass has come on a 375 px phone in dark mode, and drops it once the pass is done", async () => {
    const context = await danishContext(pages.browser, {
      viewport: { width: 375, height: 812 },
      colorScheme: "dark",
    });
    const page = await signedIn(pages.stack, context, `week.html?week=${seededMonday()}`, "Camilla Nørgaard");
    const notice = page.getByText("Første gennemgang af borgmesterens postkasse");
    await notice.waitFor();
    await page.getByRole("progressbar").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const secretary = await apiToken(pages.stack.sim, SECRETARY);
    await eventually(
      "the first pass done",
      async () => {
        const status = (await api(pages.stack, secretary, "GET", "/sync/status")).json() as {
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

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_CLIENT_ID, registerRedirectUri, startSim, type RunningSim } from "@modeklar/m365-sim";
import { createService, loadConfig, type RunningService } from "@modeklar/sync-service";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPages } from "../../addin/scripts/pane-preview";
import { launchChromium } from "../pages/browser";
import { serviceEnv } from "../sync/stack";
import { installAddin, openMeetingInOutlook, simTokenFor } from "./outlook";

/**
 * The task pane signed in the way Outlook does it today: the host claims NestedAppAuth 1.1 and
 * brokers the add-in's token (MSAL's nestedAppAuthBridge), so the secretary never sees a popup.
 * The popup fallback is tested in taskpane-in-outlook.test.ts.
 */

const ZONE = "Europe/Copenhagen";
const MAYOR_ID = "11111111-1111-4111-8111-000000000001";

let sim: RunningSim;
let service: RunningService;
let browser: Browser;
let scratch: string;

/** A meeting in the mayor's calendar on Wednesday of next week. */
async function meetingNextWeek(subject: string): Promise<string> {
  const day = DateTime.fromJSDate(sim.state.clock.now(), { zone: ZONE })
    .startOf("week")
    .plus({ weeks: 1, days: 2 });
  const at = (hour: number) => ({
    dateTime: day.set({ hour }).toFormat("yyyy-LL-dd'T'HH:mm:ss"),
    timeZone: ZONE,
  });
  const response = await fetch(`${sim.graphBaseUrl}/users/${MAYOR_ID}/events`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await simTokenFor(sim, "sekretaer@fjordby.dk")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ subject, start: at(13), end: at(14) }),
  });
  return String(((await response.json()) as { id: string }).id);
}

beforeAll(async () => {
  sim = await startSim();
  scratch = mkdtempSync(path.join(tmpdir(), "modeklar-naa-"));
  const pages = path.join(scratch, "pages");
  await buildPages(pages, `${sim.url}/host/office.js`);
  process.env["PAGES_DIR"] = pages;
  service = await createService(loadConfig(await serviceEnv(sim, { DATA_DIR: path.join(scratch, "data") })), {
    pollMs: 50,
  });
  // The add-in lets Outlook broker its tokens; it registers no page to return to after a popup.
  registerRedirectUri(sim.state, DEMO_CLIENT_ID, `brk-multihub://${new URL(service.url).host}`);
  installAddin(sim, service.url, scratch, { nestedAppAuth: true });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  delete process.env["PAGES_DIR"];
  await browser?.close();
  await service?.stop();
  await sim?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function openMeeting(page: Page, eventId: string) {
  await openMeetingInOutlook(page, sim, MAYOR_ID, eventId);
  // Outlook shows the button with the add-in's icon, loaded from the service on another origin.
  const icon = page.locator("button.addin-command img");
  await expect
    .poll(() => icon.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
    .toBeGreaterThan(0);
  await page.locator("button.addin-command").click();
  return page.frameLocator("#taskpane");
}

describe("the task pane in an Outlook that brokers its sign-in (nested app authentication)", () => {
  it("shows the Mødeplan button with its icon, signs the secretary in through Outlook without a popup, and finds rooms with the service", async () => {
    const eventId = await meetingNextWeek("Møde med havnens bestyrelse");
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1200, height: 1000 },
    });
    const popups: string[] = [];
    const page = await context.newPage();
    context.on("page", (opened) => popups.push(opened.url()));
    const pane = await openMeeting(page, eventId);

    await pane.getByLabel("Status for Lokale").selectOption("todo");
    await pane.getByRole("button", { name: "Find ledige lokaler" }).click();
    await pane
      .getByRole("button", { name: /^Book / })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await pane.getByRole("button", { name: "Log ind på Mødeklar" }).count()).toBe(0);
    expect(popups).toEqual([]);
    await context.close();
  });
});

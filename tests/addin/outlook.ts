import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { configureHost, type RunningSim } from "@modeklar/m365-sim";
import type { Page } from "playwright-core";

/** What the task-pane tests in the simulator's Outlook share: a person's token, the add-in installed, a meeting opened. */

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A person's Graph token, minted by the simulator's control API. */
export async function simTokenFor(sim: RunningSim, user: string): Promise<string> {
  const response = await fetch(`${sim.url}/_sim/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * Installs the add-in in the simulator's Outlook: the repository's manifest, written to `dir`
 * with the service's address where the developer's https://localhost:3000 stands.
 */
export function installAddin(
  sim: RunningSim,
  serviceUrl: string,
  dir: string,
  host: { nestedAppAuth?: boolean } = {},
): void {
  const manifestPath = path.join(dir, "manifest.xml");
  writeFileSync(
    manifestPath,
    readFileSync(path.join(ROOT, "manifest.xml"), "utf8").replaceAll("https://localhost:3000", serviceUrl),
  );
  configureHost(sim, { manifestPath, ...host });
}

/**
 * Opens Outlook's host page, signs the secretary in when Outlook asks, shows `mailboxId`'s
 * calendar and clicks the meeting, paging up to three weeks ahead to find it.
 */
export async function openMeetingInOutlook(
  page: Page,
  sim: RunningSim,
  mailboxId: string,
  eventId: string,
): Promise<void> {
  await page.goto(`${sim.url}/host/`);
  await page.locator("#sign-in, #calendar").first().waitFor();
  if (await page.locator("#sign-in").isVisible()) {
    await page.click("#sign-in");
    await page.getByRole("link", { name: /Camilla Nørgaard/ }).click();
  }
  await page.waitForSelector("#calendar");
  await page.selectOption("#calendar", mailboxId);
  const meeting = page.locator(`button.meeting[data-event-id="${eventId}"]`);
  for (let week = 0; week < 3; week += 1) {
    if (
      await meeting.waitFor({ timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      break;
    await page.click("#next-week");
  }
  await meeting.click();
}

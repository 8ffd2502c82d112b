/**
 * Screenshots of the task pane for the README and docs: `npx tsx addin/scripts/screenshots.ts`
 * writes docs/taskpane-da.png and docs/taskpane-en.png (a meeting with every step under way,
 * the pane 360 px wide as Outlook on the web shows it).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { emptyPlan, encodePlan, PLAN_PROPERTY } from "@modeklar/shared";
import { chromium } from "playwright-core";
import { buildPages, servePages } from "./pane-preview";

const plan = emptyPlan();
const stored = encodePlan({
  ...plan,
  revision: 3,
  room: {
    ...plan.room,
    state: "confirmed",
    roomEmail: "moedelokale-2@fjordby.dk",
    roomName: "Mødelokale 2 (Skoven)",
    seatsNeeded: 8,
  },
  catering: {
    ...plan.catering,
    state: "ordered",
    items: ["coffeeTea", "water", "fruit"],
    count: 8,
    serveAt: "09:45",
  },
  reception: {
    ...plan.reception,
    state: "todo",
    guests: [
      { name: "Mette Lund", organisation: "Fjordby Havn" },
      { name: "Ole Berg", organisation: "Fjordby Erhvervsråd" },
    ],
    arrivalAt: "09:50",
    parking: true,
  },
  material: { ...plan.material, state: "todo", what: "Notat om havneudvidelsen" },
  journal: { state: "confirmed", caseNumber: "00.01.00-A00-1-24", kle: "00.01.00" },
});

const dist = await mkdtemp(path.join(tmpdir(), "modeklar-shots-"));
await buildPages(dist);
const preview = await servePages(dist);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const [lang, file] of [
    ["da-DK", "taskpane-da.png"],
    ["en-US", "taskpane-en.png"],
  ] as const) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 1400 },
      deviceScaleFactor: 1,
    });
    await context.addInitScript(
      `localStorage.setItem("stand-in.properties", ${JSON.stringify(JSON.stringify({ [PLAN_PROPERTY]: stored }))});`,
    );
    const page = await context.newPage();
    await page.goto(`${preview.origin}/taskpane.html?lang=${lang}`);
    await page.locator('section[data-step="briefing"]').waitFor();
    await page.screenshot({ path: path.resolve(import.meta.dirname, "../../docs", file), fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  await preview.close();
  await rm(dist, { recursive: true, force: true });
}

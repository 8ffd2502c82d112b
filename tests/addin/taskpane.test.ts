import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { emptyPlan, encodePlan, PLAN_PROPERTY, type MeetingPlan } from "@modeklar/shared";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPages, servePages, type PanePreview } from "../../addin/scripts/pane-preview";
import { faintButtons } from "../pages/browser";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let dist: string;
let preview: PanePreview;
let browser: Browser;
let axeSource: string;

/** A plan with every step under way, so every section's form is on the page. */
function planUnderWay(): MeetingPlan {
  const plan = emptyPlan();
  return {
    ...plan,
    revision: 2,
    updatedBy: "Camilla Nørgaard",
    room: { ...plan.room, state: "todo", seatsNeeded: 8, equipment: ["display"] },
    catering: { ...plan.catering, state: "todo", items: ["coffeeTea", "fruit"], count: 8 },
    reception: {
      ...plan.reception,
      state: "todo",
      guests: [{ name: "Mette Lund", organisation: "Fjordby Havn" }],
    },
    material: { ...plan.material, state: "todo", what: "Notat om havneudvidelsen" },
    journal: { state: "todo", caseNumber: "00.01.00-A00-1-24", kle: "00.01.00" },
    briefing: { state: "todo", noteVersion: 0 },
  };
}

async function openPane(
  options: {
    lang?: string;
    view?: "organizer" | "attendee";
    colorScheme?: "light" | "dark";
    plan?: MeetingPlan;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 320, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  const properties = JSON.stringify({ [PLAN_PROPERTY]: encodePlan(options.plan ?? planUnderWay()) });
  await context.addInitScript(
    `if (!localStorage.getItem("stand-in.properties")) localStorage.setItem("stand-in.properties", ${JSON.stringify(properties)});`,
  );
  const page = await context.newPage();
  await page.goto(
    `${preview.origin}/taskpane.html?lang=${options.lang ?? "da-DK"}&view=${options.view ?? "organizer"}`,
  );
  await page.locator('section[data-step="briefing"]').waitFor({ timeout: 20_000 });
  return { context, page };
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function axe(page: Page): Promise<AxeResult["violations"]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate<AxeResult>("axe.run(document, { resultTypes: ['violations'] })");
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  dist = await mkdtemp(path.join(tmpdir(), "modeklar-pane-"));
  await buildPages(dist);
  preview = await servePages(dist);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (dist) await rm(dist, { recursive: true, force: true });
});

describe("the task pane in Chromium", () => {
  it("shows every step of the meeting's plan in Danish, at 320 px without sideways scrolling", async () => {
    const { context, page } = await openPane();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Mødeplan");
    for (const step of [
      "Lokale",
      "Forplejning",
      "Modtagelse af gæster",
      "Mødemateriale",
      "Journalisering",
      "Notat til borgmesteren",
    ]) {
      expect(await page.getByRole("heading", { level: 3, name: step }).count()).toBe(1);
    }
    expect(await page.getByText("0 af 6 klar").count()).toBe(1);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(320);
    await context.close();
  });

  it("has no serious or critical accessibility violations and no button grey on grey, in light and dark, as organizer and attendee", async () => {
    for (const [colorScheme, view] of [
      ["light", "organizer"],
      ["dark", "organizer"],
      ["light", "attendee"],
    ] as const) {
      const { context, page } = await openPane({ colorScheme, view });
      expect(await axe(page), `${colorScheme} ${view}`).toEqual([]);
      expect(await faintButtons(page), `${colorScheme} ${view}`).toEqual([]);
      await context.close();
    }
  });

  it("keeps what was typed through closing and reopening the pane", async () => {
    const { context, page } = await openPane();
    await page.getByLabel("Journalnummer").fill("00.01.00-A00-42-26");
    await page.getByText("Alle ændringer er gemt.").waitFor();
    await page.reload();
    await page.locator('section[data-step="journal"]').waitFor();
    await expect.poll(() => page.getByLabel("Journalnummer").inputValue()).toBe("00.01.00-A00-42-26");
    await context.close();
  });

  it("speaks English when Outlook does", async () => {
    const { context, page } = await openPane({ lang: "en-US" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Meeting plan");
    expect(await page.getByRole("heading", { level: 3, name: "Guest reception" }).count()).toBe(1);
    await context.close();
  });
});

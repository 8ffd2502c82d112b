import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodePlan, emptyPlan, encodePlan, PLAN_PROPERTY, type MeetingPlan } from "@modeklar/shared";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { launchChromium } from "../chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPages, servePages, type PanePreview } from "../../addin/scripts/pane-preview";
import { faintButtons } from "../pages/browser";

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
  browser = await launchChromium();
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

  it("says what the meeting waits for and what is still missing on lines of their own", async () => {
    const underWay = planUnderWay();
    const { context, page } = await openPane({
      plan: { ...underWay, room: { ...underWay.room, state: "ordered" } },
    });
    const waiting = page.getByText(/^Venter på svar: /);
    const missing = page.getByText(/^Mangler: /);
    await waiting.waitFor();
    const [above, below] = [await waiting.boundingBox(), await missing.boundingBox()];
    expect(below?.y ?? 0).toBeGreaterThanOrEqual((above?.y ?? 0) + (above?.height ?? 0));
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

  it("plans a meeting with the keyboard alone, from the focus the pane opens with, and saves it", async () => {
    const { context, page } = await openPane({ plan: { ...emptyPlan(), revision: 1 } });
    // Opening the pane brings the keyboard into it: the meeting's name has the focus, no Tab through Outlook first.
    await expect.poll(() => focusedName(page)).toBe(await page.locator("h2").textContent());
    await tabTo(page, "Kaffe og te");
    await page.keyboard.press("Space");
    await tabTo(page, "Navn");
    await page.keyboard.type("Mette Lund");
    await tabTo(page, "Tilføj gæst");
    await page.keyboard.press("Enter");
    await page.getByText("Mette Lund", { exact: true }).waitFor();
    await tabTo(page, "Hvad skal bestilles");
    await page.keyboard.type("Notat om havneudvidelsen");
    await tabTo(page, "Journalnummer");
    await page.keyboard.type("00.01.00-A00-17-26");
    await page.getByText("Alle ændringer er gemt.").waitFor({ timeout: 20_000 });
    const saved = JSON.parse(
      (await page.evaluate<string | null>('localStorage.getItem("stand-in.properties")')) ?? "{}",
    ) as Record<string, string>;
    expect(decodePlan(saved[PLAN_PROPERTY] ?? "")).toMatchObject({
      catering: { state: "todo", items: ["coffeeTea"] },
      reception: { state: "todo", guests: [{ name: "Mette Lund" }] },
      material: { state: "todo", what: "Notat om havneudvidelsen" },
      journal: { state: "confirmed", caseNumber: "00.01.00-A00-17-26" },
    });
    await context.close();
  });

  it("shows a clearly visible focus indicator on every control, in light and in dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await openPane({ colorScheme });
      await expect.poll(() => focusedName(page)).not.toBe("");
      const unmarked: string[] = [];
      let stops = 0;
      for (let press = 0; press < 120; press += 1) {
        await page.keyboard.press("Tab");
        const box = await focusedBox(page);
        if (!box) break; // the focus left the page: every control has been visited
        stops += 1;
        const focused = await page.screenshot({ clip: box });
        await page.evaluate("document.activeElement.dataset.visited = '1'; document.activeElement.blur()");
        const blurred = await page.screenshot({ clip: box });
        if (focused.equals(blurred)) unmarked.push(`${stops}: ${await visitedName(page)}`);
        await page.evaluate(
          "document.querySelector('[data-visited]').focus(); document.querySelector('[data-visited]').removeAttribute('data-visited')",
        );
      }
      expect(stops, colorScheme).toBeGreaterThan(20);
      expect(unmarked, colorScheme).toEqual([]);
      await context.close();
    }
  });
});

/** The focused element's accessible name, roughly as a screen reader says it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "";
    const label = el.labels && el.labels[0] ? el.labels[0].textContent : null;
    return (label || el.getAttribute("aria-label") || el.textContent || "").replace(/\\s*\\*$/, "").trim();
  })()`);
}

function visitedName(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const el = document.querySelector("[data-visited]");
    return el ? (el.getAttribute("aria-label") || (el.labels && el.labels[0] && el.labels[0].textContent) || el.outerHTML.slice(0, 80)) : "";
  })()`);
}

/** Presses Tab (never the mouse) until the control named `name` has the focus. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let press = 0; press < 80; press += 1) {
    await page.keyboard.press("Tab");
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** The area around the focused control, where its focus indicator shows; null when nothing in the page has the focus. */
function focusedBox(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    el.scrollIntoView({ block: "center" });
    const field = el.closest(".fui-Input, .fui-Textarea, .fui-Select, .fui-Checkbox") || el;
    const r = field.getBoundingClientRect();
    const x = Math.max(0, r.left - 6), y = Math.max(0, r.top - 6);
    return { x, y, width: Math.min(innerWidth - x, r.width + 12), height: Math.min(innerHeight - y, r.height + 12) };
  })()`);
}

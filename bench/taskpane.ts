/**
 * The task pane's cost beside a page with only React + a Fluent v9 button (addin's
 * baseline.html), both built in this run: the JavaScript a first visit loads before the
 * first render (gzip), and the time to first contentful paint in Chromium; and the clicks
 * of the seeded "plan everything" flow the in-Outlook browser test runs, beside the old figure.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser } from "playwright-core";
import { launchChromium } from "../tests/chromium";
import { buildPages, servePages } from "../addin/scripts/pane-preview";
import { CLICKS_BEFORE, clicksOf, PLAN_EVERYTHING } from "../tests/addin/plan-everything";
import { percentile, type Benchmark, type Figure } from "./harness";

const RUNS = 9;
/** The module script and the chunks the page preloads: what runs before the first render. */
export async function initialJsGzip(dist: string, page: string): Promise<number> {
  const html = await readFile(path.join(dist, `${page}.html`), "utf8");
  const files = [
    ...html.matchAll(
      /<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g,
    ),
  ].map((match) => path.join(dist, match[1] ?? ""));
  let total = 0;
  for (const file of new Set(files)) total += gzipSync(await readFile(file), { level: 9 }).length;
  return total;
}

/** Median first contentful paint of a cold load (new context each time). */
async function firstRenderMs(browser: Browser, url: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    times.push(
      // A string, not a function: tsx would wrap a function with helpers the page does not have.
      await page.evaluate<number>(`new Promise((resolve) => {
        const read = () => {
          const paint = performance.getEntriesByName("first-contentful-paint")[0];
          if (paint) resolve(paint.startTime);
          else setTimeout(read, 20);
        };
        read();
      })`),
    );
    await context.close();
  }
  return percentile(times, 50);
}

export async function measureTaskPane(): Promise<Figure[]> {
  const dist = await mkdtemp(path.join(tmpdir(), "modeklar-bench-addin-"));
  await buildPages(dist);
  const preview = await servePages(dist);
  const browser = await launchChromium();
  try {
    const [paneJs, baselineJs] = [
      await initialJsGzip(dist, "taskpane"),
      await initialJsGzip(dist, "baseline"),
    ];
    // One warm-up load each, so neither page pays for Chromium's own start.
    await firstRenderMs(browser, `${preview.origin}/baseline.html`);
    const baselineMs = await firstRenderMs(browser, `${preview.origin}/baseline.html`);
    const paneMs = await firstRenderMs(browser, `${preview.origin}/taskpane.html?lang=da-DK`);
    const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
    return [
      { name: "baseline initial JS (gzip)", value: kb(baselineJs), unit: "KB" },
      {
        name: "task pane initial JS (gzip)",
        value: kb(paneJs),
        unit: "KB",
        target: { text: `≤ ${kb(baselineJs * 1.3)} (1.3 × baseline)`, met: paneJs <= baselineJs * 1.3 },
        note: `${(paneJs / baselineJs).toFixed(2)} × baseline; the plan loads after the first render`,
      },
      { name: "baseline first render (FCP, median)", value: baselineMs, unit: "ms" },
      {
        name: "task pane first render (FCP, median)",
        value: paneMs,
        unit: "ms",
        target: {
          text: `≤ ${Math.round(baselineMs * 1.5)} (1.5 × baseline)`,
          met: paneMs <= baselineMs * 1.5,
        },
        note: `${(paneMs / baselineMs).toFixed(2)} × baseline, ${RUNS} cold loads at 320 px`,
      },
      { name: "plan everything: clicks before (status lists first)", value: CLICKS_BEFORE, unit: "clicks" },
      {
        name: "plan everything: clicks",
        value: clicksOf(PLAN_EVERYTHING),
        unit: "clicks",
        target: { text: `< ${CLICKS_BEFORE} (before)`, met: clicksOf(PLAN_EVERYTHING) < CLICKS_BEFORE },
        note: `${(clicksOf(PLAN_EVERYTHING) / CLICKS_BEFORE).toFixed(2)} × before; the actions the in-Outlook browser test performs (tests/addin/plan-everything.ts), a list pick counted as two clicks`,
      },
    ];
  } finally {
    await browser.close();
    await preview.close();
    await rm(dist, { recursive: true, force: true });
  }
}

export const taskpaneBenchmark: Benchmark = {
  name: "taskpane",
  description: "The task pane's initial JavaScript and first render beside a React + Fluent baseline",
  run: measureTaskPane,
};

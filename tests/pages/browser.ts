import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DEMO_CLIENT_ID, registerRedirectUri } from "@modeklar/m365-sim";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "../chromium";
import { startStack, type Stack } from "../sync/stack";

const root = path.resolve(import.meta.dirname, "../..");

/** Builds the add-in's pages into addin/dist, which the service serves beside its API. */
function buildPages(): void {
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "addin", "--logLevel", "error"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}

export { launchChromium };

/** The service stack and Chromium that a file of page tests runs against, once its beforeAll has run. */
export interface PageTests {
  readonly stack: Stack;
  readonly browser: Browser;
}

/**
 * Registers what a file of page tests needs first: the pages built, then the service stack and
 * Chromium, started side by side, then `prepare` on the stack (seeding what the tests read);
 * after the file, both are closed.
 */
export function pageTests(
  options?: Parameters<typeof startStack>[0],
  prepare?: (stack: Stack) => Promise<void>,
): PageTests {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    buildPages();
    [stack, browser] = await Promise.all([startStack(options), launchChromium()]);
    await prepare?.(stack);
  });
  // Either is missing when the start failed.
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  return {
    get stack() {
      if (!stack) throw new Error("The page tests' stack is not started (read it inside a test)");
      return stack;
    },
    get browser() {
      if (!browser) throw new Error("The page tests' browser is not started (read it inside a test)");
      return browser;
    },
  };
}

/** The mayor's phone: a 375 px wide touch screen. */
export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** A Danish browser context that trusts the local development certificates (as a person's machine would). */
export function danishContext(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({
    ignoreHTTPSErrors: true,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    ...options,
  });
}

/** Opens a page of the service and signs in through MSAL's popup as the named person. */
export async function signedIn(
  stack: Stack,
  context: BrowserContext,
  page: string,
  displayName: string,
): Promise<Page> {
  registerRedirectUri(stack.sim.state, DEMO_CLIENT_ID, `${stack.service.url}/auth-redirect.html`);
  const tab = await context.newPage();
  await tab.goto(`${stack.service.url}/${page}`);
  const button = tab.getByRole("button", { name: "Log ind" });
  await button.waitFor();
  // MSAL opens its popup from the click; on a busy machine the first click can come before it is ready.
  let popup: Page | undefined;
  for (let attempt = 0; attempt < 3 && !popup; attempt += 1) {
    [popup] = await Promise.all([
      tab.waitForEvent("popup", { timeout: 10_000 }).catch(() => undefined),
      button.click(),
    ]);
  }
  if (!popup) throw new Error(`No sign-in popup on ${page}`);
  await popup.getByRole("link", { name: new RegExp(displayName) }).click();
  return tab;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP forbids inline scripts, as it should.
  await page.evaluate(axeSource);
  const result = (await page.evaluate("axe.run(document).then((r) => r.violations)")) as {
    id: string;
    impact: string;
    nodes: { target: string[]; html: string; failureSummary?: string }[];
  }[];
  return result
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html} (${n.failureSummary ?? ""})`));
}

/**
 * The README's screenshots in docs/, re-taken only when asked (UPDATE_SCREENSHOTS=1 npm test …):
 * a normal test run leaves the repository as it found it.
 */
export async function docsScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env["UPDATE_SCREENSHOTS"] !== "1") return;
  await page.screenshot({ path: path.join(root, "docs", name), fullPage });
}

/**
 * Buttons drawn grey on grey, as "label: ratio" lines: a button whose face is (almost) the
 * colour behind it (under 1.5:1) is told apart from the page by its outline alone, and that
 * outline must reach 3:1 against the page (WCAG 1.4.11, non-text contrast). A button with a
 * face of its own (Fluent's primary) is marked by that face; one that is only its text
 * (subtle, transparent) is read by its text, which axe's colour-contrast rule checks.
 */
export async function faintButtons(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const rgba = (css) => {
      const m = css.match(/rgba?\\(([^)]+)\\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a = "1"] = m[1].split(/[ ,/]+/).filter(Boolean);
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    const luminance = ([r, g, b]) => {
      const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const ratio = (a, b) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const behind = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const c = rgba(getComputedStyle(p).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return matchMedia("(prefers-color-scheme: dark)").matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
    };
    const out = [];
    for (const el of document.querySelectorAll("button, [role=button]")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.disabled || el.getAttribute("aria-disabled") === "true") continue;
      const style = getComputedStyle(el);
      const page = behind(el);
      const face = rgba(style.backgroundColor);
      const faceRatio = face[3] > 0.5 ? ratio(face, page) : 1;
      const outlined = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== "none" && rgba(style.borderTopColor)[3] > 0.5;
      const edgeRatio = outlined ? ratio(rgba(style.borderTopColor), page) : 1;
      if (faceRatio < 1.5 && outlined && edgeRatio < 3) out.push((el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 50) + ": " + edgeRatio.toFixed(2));
    }
    return out;
  })()`)) as string[];
}

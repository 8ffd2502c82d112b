import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DEMO_CLIENT_ID, registerRedirectUri } from "@modeklar/m365-sim";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { Stack } from "../sync/stack";

const root = path.resolve(import.meta.dirname, "../..");

/** Builds the add-in's pages into addin/dist, which the service serves beside its API. */
export function buildPages(): void {
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "addin", "--logLevel", "error"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}

/** `extraArgs` only where a test needs more than the page (e.g. a service worker over the dev certificate). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

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

export const docsPath = (name: string) => path.join(root, "docs", name);

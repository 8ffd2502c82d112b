import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, headless, with nothing that talks to the internet (the machine has none). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The one way tests and benchmarks start Chromium; `extraArgs` only where a page needs more. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_FLAGS, ...extraArgs] });
}

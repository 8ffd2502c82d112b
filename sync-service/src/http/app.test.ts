import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "./app";
import { Metrics } from "./metrics";

let pages: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  pages = mkdtempSync(path.join(tmpdir(), "modeklar-pages-"));
  mkdirSync(path.join(pages, "assets"));
  writeFileSync(path.join(pages, "assets", "icon-20.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(pages, "assets", "taskpane-1a2b.js"), "export {};");
  writeFileSync(path.join(pages, "taskpane.html"), "<!doctype html><title>Mødeplan</title>");
  const app = createHttpApp({
    logger: pino({ level: "silent" }),
    metrics: new Metrics(),
    notifications: { handleNotification: async () => undefined, handleLifecycle: async () => undefined },
    readiness: async () => ({ ready: true, checks: {}, mailboxes: [] }),
    api: express.Router(),
    openapi: () => ({}),
    trustedOrigins: [],
    staticDir: pages,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => {
  close();
  rmSync(pages, { recursive: true, force: true });
});

describe("the pages the service serves", () => {
  it("lets Outlook, on its own origin, show the add-in's icons", async () => {
    const icon = await fetch(`${base}/assets/icon-20.png`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("keeps the pages and their scripts to their own origin", async () => {
    for (const file of ["/taskpane.html", "/assets/taskpane-1a2b.js"]) {
      const answer = await fetch(`${base}${file}`);
      expect(answer.status, file).toBe(200);
      expect(answer.headers.get("cross-origin-resource-policy"), file).toBe("same-origin");
    }
  });
});

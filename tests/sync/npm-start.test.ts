import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "./stack";

const root = path.resolve(import.meta.dirname, "../..");

interface ReadyzBody {
  mailboxes: { mailbox: number; lastSuccessfulSync: string | null }[];
}

describe("npm start", () => {
  it("mirrors the seeded mailbox within 30 seconds and prints the service's URLs", async () => {
    const [simPort, servicePort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(path.join(tmpdir(), "modeklar-start-"));
    const child = spawn("npm", ["start", "--", "--no-pages", "--port", String(simPort)], {
      cwd: root,
      detached: true,
      env: { ...process.env, PORT: String(servicePort), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const serviceUrl = `https://localhost:${servicePort}`;
    const started = Date.now();
    let mirroredAfterMs: number | null = null;
    try {
      while (mirroredAfterMs === null && Date.now() - started < 45_000) {
        const body = await fetch(`${serviceUrl}/readyz`).then(
          (r) => r.json() as Promise<ReadyzBody>,
          () => null,
        );
        // The mayor's mailbox is the first of MAILBOXES: /readyz names it by place, never by address.
        const mayor = body?.mailboxes.find((m) => m.mailbox === 1);
        if (mayor?.lastSuccessfulSync) mirroredAfterMs = Date.now() - started;
        else await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(mirroredAfterMs, output).not.toBeNull();
      expect(mirroredAfterMs).toBeLessThan(30_000);
      for (const url of ["/openapi.json", "/healthz", "/readyz", "/metrics"]) {
        expect(output).toContain(`${serviceUrl}${url}`);
      }
      const doc = (await (await fetch(`${serviceUrl}/openapi.json`)).json()) as { openapi: string };
      expect(doc.openapi).toBe("3.1.0");
      // The service reports its own memory for Prometheus.
      const metrics = await (await fetch(`${serviceUrl}/metrics`)).text();
      expect(metrics).toMatch(/^process_resident_memory_bytes \d+$/m);
      expect(metrics).toMatch(/^nodejs_heap_size_used_bytes \d+$/m);
    } finally {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

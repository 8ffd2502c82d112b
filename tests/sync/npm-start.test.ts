import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "./stack";

const root = path.resolve(import.meta.dirname, "../..");

interface ReadyzBody {
  mailboxes: { mailbox: number; lastSuccessfulSync: string | null }[];
}

/**
 * Stops every part `npm start` started (its whole process group) and waits until each has exited:
 * npm itself exits at once on SIGTERM, while the simulator still saves its snapshot to DATA_DIR.
 */
async function stopAll(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
  for (const started = Date.now(); Date.now() - started < 30_000;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("npm start's parts were still running 30 s after SIGTERM");
}

describe("npm start", () => {
  it("mirrors the seeded mailbox and prints the service's URLs", async () => {
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
    let mirrored = false;
    try {
      // How fast is the bench's business, never a test's: a generous wait here.
      while (!mirrored && Date.now() - started < 90_000) {
        const body = await fetch(`${serviceUrl}/readyz`).then(
          (r) => r.json() as Promise<ReadyzBody>,
          () => null,
        );
        // The mayor's mailbox is the first of MAILBOXES: /readyz names it by place, never by address.
        const mayor = body?.mailboxes.find((m) => m.mailbox === 1);
        if (mayor?.lastSuccessfulSync) mirrored = true;
        else await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(mirrored, output).toBe(true);
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
      await stopAll(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("honours CERT_DIR, PORT and PUBLIC_URL: the host page loads the task pane from there, and the console reads as lines for people", async () => {
    const [simPort, servicePort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(path.join(tmpdir(), "modeklar-start-"));
    const certDir = mkdtempSync(path.join(tmpdir(), "modeklar-start-certs-"));
    const publicUrl = `https://localhost:${servicePort}`;
    const child = spawn("npm", ["start", "--", "--no-pages", "--port", String(simPort)], {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        PORT: String(servicePort),
        PUBLIC_URL: publicUrl,
        CERT_DIR: certDir,
        DATA_DIR: dataDir,
        LOG_LEVEL: "info",
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // This process trusts the repository's CA only: every request names CERT_DIR's.
    const fetchText = (url: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const ca = readFileSync(path.join(certDir, "ca.crt"), "utf8");
        request(url, { ca }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        })
          .on("error", reject)
          .end();
      });
    try {
      let ready = false;
      for (const started = Date.now(); !ready && Date.now() - started < 90_000;) {
        const answer = await fetchText(`${publicUrl}/readyz`).catch(() => null);
        const body = answer ? (JSON.parse(answer.text) as ReadyzBody) : null;
        ready = Boolean(body?.mailboxes.find((m) => m.mailbox === 1)?.lastSuccessfulSync);
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(ready, output).toBe(true);
      expect(output).toContain(`${publicUrl}/openapi.json`);

      const hostPage = await fetchText(`https://localhost:${simPort}/host/`);
      expect(hostPage.status).toBe(200);
      expect(hostPage.text).toContain(`${publicUrl}/taskpane.html`);
      expect(hostPage.text).toContain(`${publicUrl}/assets/icon-`);
      expect(hostPage.text).not.toContain("https://localhost:3000");

      const serviceLines = output.split("\n").filter((line) => line.startsWith("[sync-service] "));
      expect(serviceLines.length).toBeGreaterThan(0);
      for (const line of serviceLines) expect(line).not.toMatch(/^\[sync-service\] \{/);
      expect(output).toMatch(/^\[sync-service\] \d\d:\d\d:\d\d {2}INFO {3}\S/m);
    } finally {
      await stopAll(child);
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(certDir, { recursive: true, force: true });
    }
  });
});

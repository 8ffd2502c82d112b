import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

/** `npm run sim` in a process group of its own, its output gathered. */
function npmRunSim(env: Record<string, string> = {}) {
  const child = spawn("npm", ["run", "sim", "--", "--port", "0"], {
    cwd: root,
    detached: true,
    env: { ...process.env, ...env },
  });
  const run = { child, output: "" };
  child.stdout.on("data", (chunk: Buffer) => (run.output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (run.output += chunk.toString()));
  return run;
}

async function printed(run: { output: string }, text: string, timeoutMs = 20_000): Promise<void> {
  for (const started = Date.now(); !run.output.includes(text);) {
    if (Date.now() - started > timeoutMs) throw new Error(`'${text}' not printed:\n${run.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const simUrlIn = (output: string) =>
  /Microsoft Graph:\s+(https:\/\/localhost:\d+)\/v1\.0/.exec(output)?.[1] ?? "";

/** The status of a GET, or the TLS or connection error's code. */
function status(url: string, ca?: string): Promise<number | string> {
  return new Promise((resolve) => {
    get(url, ca ? { ca } : {}, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** Whether every process of the group is gone within 15 s (signal 0 reaches a group while any member lives). */
async function groupGone(pgid: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 15_000;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone, as it should be.
  }
  if (child.exitCode === null && child.signalCode === null)
    await new Promise((resolve) => child.once("exit", resolve));
}

describe("npm run sim", () => {
  it("prints every URL and the demo tenant's settings within ten seconds", async () => {
    const run = npmRunSim();
    try {
      await printed(run, "MAILBOXES=", 10_000);
      expect(run.output).toContain("MAILBOXES=borgmester@fjordby.dk");
      for (const label of [
        "Authority:",
        "OpenID Connect discovery:",
        "Microsoft Graph:",
        "Control API:",
        "Sign-in page:",
      ]) {
        expect(run.output).toMatch(new RegExp(`${label}\\s+https://localhost:\\d+`));
      }
      for (const setting of [
        "TENANT_ID=",
        "CLIENT_ID=",
        "CLIENT_SECRET=",
        "AUTHORITY_HOST=https://",
        "GRAPH_BASE_URL=https://",
      ]) {
        expect(run.output).toContain(setting);
      }
    } finally {
      await stopGroup(run.child);
    }
  });

  it("stops the simulator and every process it started when npm alone is sent SIGTERM", async () => {
    const run = npmRunSim();
    try {
      await printed(run, "MAILBOXES=");
      const discovery = `${simUrlIn(run.output)}/_sim/faults`;
      expect(await status(discovery)).not.toBe("ECONNREFUSED");
      process.kill(run.child.pid ?? 0, "SIGTERM");
      let answer = await status(discovery);
      for (const started = Date.now(); answer !== "ECONNREFUSED" && Date.now() - started < 15_000;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        answer = await status(discovery);
      }
      expect(answer).toBe("ECONNREFUSED");
      // Nothing of the run is left: npm, its shell, start.ts and the simulator all leave the group.
      expect(await groupGone(run.child.pid ?? 0)).toBe(true);
    } finally {
      await stopGroup(run.child);
    }
  });

  it("serves with the certificate in CERT_DIR, made there on first use", async () => {
    const certDir = mkdtempSync(path.join(tmpdir(), "modeklar-sim-certs-"));
    const run = npmRunSim({ CERT_DIR: certDir });
    try {
      await printed(run, "MAILBOXES=");
      expect(run.output).toContain(`NODE_EXTRA_CA_CERTS=${path.join(certDir, "ca.crt")}`);
      const faults = `${simUrlIn(run.output)}/_sim/faults`;
      expect(await status(faults, readFileSync(path.join(certDir, "ca.crt"), "utf8"))).toBe(200);
      // Not the repository's own certificate: without that folder's CA the answer is not trusted.
      expect(await status(faults)).toMatch(/CERT|SIGNATURE/);
    } finally {
      await stopGroup(run.child);
      rmSync(certDir, { recursive: true, force: true });
    }
  });
});

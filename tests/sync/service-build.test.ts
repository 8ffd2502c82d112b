import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildService } from "../../sync-service/build";
import { SERVICE_NODE_FLAGS } from "../../sync-service/launch";

const root = path.resolve(import.meta.dirname, "../..");
const outdir = mkdtempSync(path.join(tmpdir(), "modeklar-build-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the built sync service", () => {
  it("is one bundle that plain node runs: with no settings it names what is missing and exits 1", async () => {
    const main = await buildService(outdir);
    const run = await promisify(execFile)(process.execPath, [...SERVICE_NODE_FLAGS, main], {
      env: { PATH: process.env["PATH"] ?? "" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Invalid configuration");
    expect(run.stderr).toContain("TENANT_ID");
  });

  it("is started by the workspace's own start script with the same node flags as npm start", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "sync-service/package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts["start"]).toBe(`node ${SERVICE_NODE_FLAGS.join(" ")} dist/main.js`);
  });
});

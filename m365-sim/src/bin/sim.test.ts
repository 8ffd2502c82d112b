import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

describe("npm run sim", () => {
  it("prints every URL and the demo tenant's settings within ten seconds", async () => {
    const child = spawn("npm", ["run", "sim", "--", "--port", "0"], { cwd: root, detached: true });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    try {
      while (!output.includes("MAILBOXES=") && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain("MAILBOXES=borgmester@fjordby.dk");
      for (const label of [
        "Authority:",
        "OpenID Connect discovery:",
        "Microsoft Graph:",
        "Control API:",
        "Sign-in page:",
      ]) {
        expect(output).toMatch(new RegExp(`${label}\\s+https://localhost:\\d+`));
      }
      for (const setting of [
        "TENANT_ID=",
        "CLIENT_ID=",
        "CLIENT_SECRET=",
        "AUTHORITY_HOST=https://",
        "GRAPH_BASE_URL=https://",
      ]) {
        expect(output).toContain(setting);
      }
    } finally {
      if (child.pid) process.kill(-child.pid, "SIGINT");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  });
});

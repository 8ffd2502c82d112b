import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from "../../sync-service/launch";

const root = path.resolve(import.meta.dirname, "../..");
const guide = readFileSync(path.join(root, "docs/pilot.md"), "utf8");

function scriptsOf(workspace: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(root, workspace, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return manifest.scripts;
}

describe("the pilot guide (docs/pilot.md)", () => {
  it("starts the service from systemd with the node flags and malloc arena npm start uses", () => {
    const unit = /<!-- systemd-unit:start -->[\s\S]*?```ini\n([\s\S]*?)```/.exec(guide)?.[1] ?? "";
    const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1]?.split(" ") ?? [];
    expect(execStart).toEqual(["/usr/bin/node", ...SERVICE_NODE_FLAGS, "/opt/modeklar/dist/main.js"]);
    for (const [name, value] of Object.entries(SERVICE_ENV))
      expect(unit).toContain(`Environment=${name}=${value}`);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/modeklar\/modeklar\.env$/m);
  });

  it("names only npm scripts that exist", () => {
    const commands = [...guide.matchAll(/npm run ([\w:-]+)(?: -w (\w[\w-]*))?/g)];
    expect(commands.length).toBeGreaterThan(2);
    for (const [command, script, workspace] of commands) {
      expect(Object.keys(scriptsOf(workspace ?? ".")), command).toContain(script);
    }
  });

  it("runs the built preflight and service the build writes", () => {
    expect(guide).toContain("/opt/modeklar/dist/doctor.js");
    expect(scriptsOf("sync-service")["doctor"]).toBe("node dist/doctor.js");
  });
});

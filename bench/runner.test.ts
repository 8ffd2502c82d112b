import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const resultsDir = mkdtempSync(path.join(tmpdir(), "modeklar-bench-"));
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

/** Runs benchmarks made of the given bodies through the runner, in a process of their own. */
function run(bodies: Record<string, string>, wanted: string[] = []) {
  const list = Object.entries(bodies)
    .map(
      ([name, body]) =>
        `{ name: ${JSON.stringify(name)}, description: "the ${name} benchmark", run: async () => { ${body} } }`,
    )
    .join(",");
  const script = `
    import { runBenchmarks } from ${JSON.stringify(path.join(root, "bench/runner.ts"))};
    const code = await runBenchmarks([${list}], { wanted: ${JSON.stringify(wanted)}, resultsDir: ${JSON.stringify(resultsDir)} });
    process.exit(code);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, output })),
  );
}

const figure = `return [{ name: "figure", value: 1, unit: "ms" }];`;

describe("npm run bench's runner", () => {
  it("runs every benchmark to the end and writes each one's results", async () => {
    const { code, output } = await run({ first: figure, second: figure });
    expect(code).toBe(0);
    expect(output).toContain("the first benchmark");
    expect(output).toContain("the second benchmark");
    expect(readdirSync(resultsDir).sort()).toEqual(["first.json", "second.json"]);
  });

  it("reports a benchmark that throws by name, still runs the next and ends with a failure", async () => {
    const { code, output } = await run({ broken: `throw new Error("the store went away");`, next: figure });
    expect(code).toBe(1);
    expect(output).toContain("✗ the broken benchmark failed");
    expect(output).toContain("the store went away");
    expect(output).toContain("the next benchmark");
  });

  it("stops loudly at an unhandled rejection, naming the benchmark that left the work running", async () => {
    const leaky = `setTimeout(() => Promise.reject(new Error("PGlite is closed")), 50); ${figure}`;
    const slow = `await new Promise((resolve) => setTimeout(resolve, 500)); ${figure}`;
    const { code, output } = await run({ leaky, slow });
    expect(code).toBe(1);
    expect(output).toContain(
      "an unhandled rejection from work the leaky benchmark left running (while slow ran)",
    );
    expect(output).toContain("PGlite is closed");
  });

  it("refuses a benchmark name it does not know, naming the ones there are", async () => {
    const { code, output } = await run({ mirror: figure }, ["miror"]);
    expect(code).toBe(2);
    expect(output).toContain("No benchmark named miror; there are: mirror");
  });
});

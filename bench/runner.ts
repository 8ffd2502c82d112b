import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { printTable, type Benchmark } from "./harness";

/**
 * Runs benchmarks one after the other, each to its end: a table per benchmark and
 * `<resultsDir>/<name>.json`. A benchmark that throws is reported by name and the next one
 * still runs; the run then ends with exit code 1. An unhandled rejection is work a benchmark
 * left running: it stops the run at once, naming the benchmark that started the work (Node
 * runs the handler in the rejected promise's async context), because nothing measured after
 * it can be trusted.
 */
export async function runBenchmarks(
  benchmarks: readonly Benchmark[],
  options: { wanted: readonly string[]; resultsDir: string },
): Promise<number> {
  const startedBy = new AsyncLocalStorage<string>();
  let current = "";
  process.on("unhandledRejection", (reason) => {
    const cause = startedBy.getStore();
    console.error(
      cause
        ? `\n✗ an unhandled rejection from work the ${cause} benchmark left running${cause === current ? "" : ` (while ${current || "nothing"} ran)`}:`
        : "\n✗ an unhandled rejection outside any benchmark:",
    );
    console.error(reason);
    process.exit(1);
  });
  const unknown = options.wanted.filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(
      `No benchmark named ${unknown.join(", ")}; there are: ${benchmarks.map((b) => b.name).join(", ")}`,
    );
    return 2;
  }
  mkdirSync(options.resultsDir, { recursive: true });
  const failed: string[] = [];
  for (const benchmark of benchmarks.filter(
    (b) => options.wanted.length === 0 || options.wanted.includes(b.name),
  )) {
    current = benchmark.name;
    console.log(`\n${benchmark.description} …`);
    try {
      const figures = await startedBy.run(benchmark.name, () => benchmark.run());
      console.log(`\n${printTable(benchmark.name, figures)}\n`);
      writeFileSync(
        path.join(options.resultsDir, `${benchmark.name}.json`),
        `${JSON.stringify({ benchmark: benchmark.name, at: new Date().toISOString(), figures }, null, 2)}\n`,
      );
    } catch (err) {
      failed.push(benchmark.name);
      console.error(`\n✗ the ${benchmark.name} benchmark failed:`);
      console.error(err);
    }
  }
  current = "";
  if (failed.length > 0) console.error(`\n✗ failed: ${failed.join(", ")}`);
  return failed.length > 0 ? 1 : 0;
}

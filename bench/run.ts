/**
 * `npm run bench`: runs the benchmarks (not tests), prints a table per benchmark and writes
 * bench-results/<name>.json. `npm run bench -- mirror` runs the named ones only.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultCertDir, ensureDevCertificates } from "../m365-sim/src/certs";
import { printTable, type Benchmark } from "./harness";
import { mirrorBenchmark } from "./mirror";
import { pagesBenchmark } from "./pages";
import { reconcileBenchmark } from "./reconcile";
import { taskpaneBenchmark } from "./taskpane";

const benchmarks: Benchmark[] = [mirrorBenchmark, reconcileBenchmark, taskpaneBenchmark, pagesBenchmark];

// Node reads NODE_EXTRA_CA_CERTS only at start: unless it names the local CA, run again with it.
const certs = await ensureDevCertificates(defaultCertDir());
if (process.env["NODE_EXTRA_CA_CERTS"] !== certs.caPath) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certs.caPath },
  });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  const wanted = process.argv.slice(2);
  const results = path.resolve(import.meta.dirname, "../bench-results");
  mkdirSync(results, { recursive: true });
  for (const benchmark of benchmarks.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    console.log(`\n${benchmark.description} …`);
    const figures = await benchmark.run();
    console.log(`\n${printTable(benchmark.name, figures)}\n`);
    writeFileSync(
      path.join(results, `${benchmark.name}.json`),
      `${JSON.stringify({ benchmark: benchmark.name, at: new Date().toISOString(), figures }, null, 2)}\n`,
    );
  }
  process.exit(0);
}

/**
 * `npm run bench`: runs the benchmarks (not tests), prints a table per benchmark and writes
 * bench-results/<name>.json. `npm run bench -- mirror` runs the named ones only.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { defaultCertDir, ensureDevCertificates } from "../m365-sim/src/certs";
import type { Benchmark } from "./harness";
import { mirrorBenchmark } from "./mirror";
import { pagesBenchmark } from "./pages";
import { reconcileBenchmark } from "./reconcile";
import { runBenchmarks } from "./runner";
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
  const code = await runBenchmarks(benchmarks, {
    wanted: process.argv.slice(2),
    resultsDir: path.resolve(import.meta.dirname, "../bench-results"),
  });
  process.exit(code);
}

/**
 * Runs a command with the local development CA trusted: makes the CA and the localhost
 * certificate on first use, then starts the command with NODE_EXTRA_CA_CERTS pointing at
 * the CA (Node reads it only at process start, hence the wrapper).
 *
 *   tsx scripts/with-dev-ca.ts vitest run
 */
import { spawn } from "node:child_process";
import { defaultCertDir, ensureDevCertificates } from "../m365-sim/src/certs";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx scripts/with-dev-ca.ts <command> [args...]");
  process.exit(2);
}
const certs = await ensureDevCertificates(defaultCertDir());
const child = spawn(command, args, {
  stdio: "inherit",
  shell: false,
  env: {
    ...process.env,
    NODE_EXTRA_CA_CERTS: certs.caPath,
    PATH: `${process.cwd()}/node_modules/.bin:${process.env["PATH"]}`,
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

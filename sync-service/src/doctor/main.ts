/**
 * `npm run doctor` (or `node dist/doctor.js` beside the built service): checks the configured
 * tenant, database and public address before the mayor depends on them. One line per check,
 * Danish unless `--lang en`; `--json` for automation (both languages). Exit status 1 when a
 * check failed, 0 otherwise (warnings included), 2 for a wrong command line.
 */
import { localeOf } from "@modeklar/shared";
import { failed, formatReport, reportJson, runDoctor } from "./index";

const USAGE = "usage: doctor [--json] [--lang da|en]";

function parseArgs(args: string[]): { json: boolean; lang: string } | null {
  let json = false;
  let lang = "da";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") json = true;
    else if (arg === "--lang" && args[i + 1]) lang = String(args[++i]);
    else if (arg?.startsWith("--lang=")) lang = arg.slice("--lang=".length);
    else return null;
  }
  return { json, lang };
}

const options = parseArgs(process.argv.slice(2));
if (!options) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const checks = await runDoctor();
const report = options.json
  ? `${JSON.stringify(reportJson(checks), null, 2)}\n`
  : `${formatReport(localeOf(options.lang), checks)}\n`;
// MSAL and the PostgreSQL pool may keep handles open; the report is all this process is for, so
// it exits once the report is written (a pipe takes it asynchronously).
process.stdout.write(report, () => process.exit(failed(checks) ? 1 : 0));

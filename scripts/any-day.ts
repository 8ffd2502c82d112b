/**
 * `npm run test:any-day`: the date-sensitive suites (deadlines, working days and holidays,
 * week numbers, inquiries, reply deadlines, retention, the week view, the phone and the day lists)
 * once for each of the days a test suite most easily gets wrong, with "today" moved there
 * (TEST_TODAY; tests/today/setup.ts moves Date, and with it luxon, the simulator's clock and
 * the stores'). The first suite is a probe that fails unless the clock really moved.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** Days in the past on purpose: the dev certificates' expiry checks then never think they must be remade. */
const DAYS: { today: string; why: string }[] = [
  { today: "2026-11-28T00:30:00+01:00", why: "a Saturday, half past midnight (in UTC still Friday)" },
  { today: "2026-05-14T09:00:00+02:00", why: "Kristi Himmelfartsdag, a public holiday on a Thursday" },
  { today: "2026-03-29T01:30:00+01:00", why: "summer time starts in half an hour (02.00 becomes 03.00)" },
  { today: "2026-10-25T02:30:00+02:00", why: "summer time ends: the first 02.30 of the hour that repeats" },
];

const SUITES = [
  "tests/today/today.test.ts",
  "shared/src/calendar",
  "shared/src/deadlines",
  "sync-service/src/reconcile/deadlines.test.ts",
  "sync-service/src/reconcile/follow-ups.test.ts",
  "sync-service/src/reconcile/sent-replies.test.ts",
  "sync-service/src/store/invitation-responses.test.ts",
  "sync-service/src/store/retention.test.ts",
  "sync-service/src/retention",
  "sync-service/src/http/views/calendar.test.ts",
  "sync-service/src/http/routes/reconcile.test.ts",
  "sync-service/src/ics/calendar-file.test.ts",
  "addin/src/pages/week",
  "addin/src/pages/mobile",
  "addin/src/pages/daylist",
  "m365-sim/src/seed",
  "tests/pages/api.test.ts",
];

const failed: string[] = [];
for (const { today, why } of DAYS) {
  console.log(`\n== today is ${today}: ${why}`);
  const run = spawnSync(
    process.execPath,
    // Set-ups that mirror the seeded mailbox get a generous while on a busy machine.
    ["--import", "tsx", "scripts/with-dev-ca.ts", "vitest", "run", "--hookTimeout", "180000", ...SUITES],
    { cwd: root, stdio: "inherit", env: { ...process.env, TEST_TODAY: today } },
  );
  if (run.status !== 0) failed.push(`${today} (${why})`);
}
if (failed.length > 0) {
  console.error(`\nThe date-sensitive suites failed with today on:\n  ${failed.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nThe date-sensitive suites pass on all ${DAYS.length} days.`);

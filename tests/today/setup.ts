/**
 * Vitest setup for every project: with TEST_TODAY set, the test file runs as if today were
 * that day (see move-now.ts). `scripts/any-day.ts` runs the date-sensitive suites so.
 */
import { moveNow, parseToday } from "./move-now";

const today = process.env["TEST_TODAY"];
if (today) moveNow(parseToday(today));

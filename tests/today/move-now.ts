import { DateTime } from "luxon";

/**
 * Moves "now" for everything in this process that reads the clock through `Date` (luxon,
 * jose, the simulator's clock, the stores' system clock): `Date.now()` and `new Date()` answer
 * the chosen instant plus the time that has really passed since, so waits and timeouts
 * still work. Timers and `performance.now()` are untouched. Dates made any other way
 * (`new Date(x)`, `Date.parse`, `Date.UTC`) are what they always were.
 */

const RealDate = Date;

export function moveNow(to: Date): () => void {
  const offset = to.getTime() - RealDate.now();
  const now = () => RealDate.now() + offset;

  // A constructor sharing Date's prototype: what it makes are plain dates (instanceof, methods,
  // structuredClone all as before), only the no-argument form reads the moved clock. Called
  // without `new`, Date() gives the current time as a string.
  function MovedDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new RealDate(now()).toString();
    const values = args.length === 0 ? [now()] : args;
    return new.target === MovedDate
      ? new RealDate(...(values as [number]))
      : (Reflect.construct(RealDate, values, new.target) as Date);
  }
  MovedDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(MovedDate, RealDate);
  Object.defineProperty(MovedDate, "now", { value: now, writable: true, configurable: true });
  globalThis.Date = MovedDate as unknown as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
  };
}

/**
 * What TEST_TODAY names: an instant with its offset ("2026-03-29T01:30:00+01:00"), or a
 * day ("2026-11-28"), taken at 10.00 Copenhagen time.
 */
export function parseToday(raw: string): Date {
  const text = raw.trim();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? DateTime.fromISO(text, { zone: "Europe/Copenhagen" }).set({ hour: 10 })
    : /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(text)
      ? DateTime.fromISO(text, { setZone: true })
      : DateTime.invalid("neither a day nor an instant with its offset");
  if (!parsed.isValid) {
    throw new Error(`TEST_TODAY must be a day (YYYY-MM-DD) or an instant with its offset, got '${raw}'`);
  }
  return parsed.toJSDate();
}

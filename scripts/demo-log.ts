/**
 * The demo's console, for a person: the service writes one JSON object a line, as production
 * wants it for a log collector; `npm start` shows each as one short line (time, level, what
 * happened, the facts as key=value) and a failure's error under it. Anything that is not a
 * log line passes through untouched.
 */

const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** What pino puts on every line, and pino-http on each request's line, shown another way. */
const SHOWN_APART = new Set([
  "level",
  "time",
  "msg",
  "pid",
  "hostname",
  "req",
  "res",
  "responseTime",
  "err",
  "reqId",
]);

type Entry = Record<string, unknown> & { level: number; time: number };

function isLogEntry(value: unknown): value is Entry {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Entry).level === "number" &&
    typeof (value as Entry).time === "number"
  );
}

const clock = (time: number) =>
  new Date(time).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });

function value(v: unknown): string {
  if (typeof v === "string") return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

function requestText(entry: Entry): string | undefined {
  const req = entry["req"] as { method?: string; path?: string } | undefined;
  const res = entry["res"] as { statusCode?: number } | undefined;
  if (!req?.method) return undefined;
  const status = res?.statusCode ? ` → ${res.statusCode}` : "";
  const took = typeof entry["responseTime"] === "number" ? ` (${entry["responseTime"]} ms)` : "";
  return `${req.method} ${req.path ?? ""}${status}${took}`;
}

function errorLines(entry: Entry): string[] {
  const err = entry["err"] as { type?: string; message?: string; stack?: string } | undefined;
  if (!err) return [];
  // The stack only where something failed; a warning's cause reads well in one line.
  if (entry.level >= 50 && err.stack) return err.stack.split("\n").map((line) => `    ${line.trim()}`);
  return [`    ${err.type ?? "Error"}: ${err.message ?? ""}`];
}

export function readableLogLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (!isLogEntry(entry)) return line;
  const level = (LEVELS[entry.level] ?? String(entry.level)).padEnd(5);
  const what = requestText(entry) ?? (typeof entry["msg"] === "string" ? entry["msg"] : "");
  const facts = Object.entries(entry)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, v]) => `${key}=${value(v)}`);
  return [[clock(entry.time), level, what, ...facts].filter(Boolean).join("  "), ...errorLines(entry)].join(
    "\n",
  );
}

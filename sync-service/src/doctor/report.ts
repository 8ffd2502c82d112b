import { t, type Locale, type MessageKey } from "@modeklar/shared";

/** What one check found: pass, a warning (works, but not as it should be), a failure, or not run. */
export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** A catalog message and its values, rendered in Danish or English when printed; a value may be a message too. */
export interface Text {
  key: MessageKey;
  params?: Params;
}

export type Params = Record<string, string | number | Text>;

export interface CheckLine {
  /** Stable name for automation, e.g. `token`, `mailbox:borgmester@fjordby.dk`. */
  id: string;
  status: CheckStatus;
  message: Text;
  /** What to do about a failure or a warning. */
  fix?: Text;
}

export const text = (key: MessageKey, params?: Params): Text => (params ? { key, params } : { key });

export function line(id: string, status: CheckStatus, message: Text, fix?: Text): CheckLine {
  return fix ? { id, status, message, fix } : { id, status, message };
}

/** The catalog's `t` for a key chosen at run time; the catalogs' test keeps the placeholders right. */
export function render(locale: Locale, message: Text): string {
  const say = t as (locale: Locale, key: MessageKey, params?: Record<string, string | number>) => string;
  const values = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [
      name,
      typeof value === "object" ? render(locale, value) : value,
    ]),
  );
  return say(locale, message.key, values);
}

const STATUS_KEY = {
  pass: "doctor.status.pass",
  warn: "doctor.status.warn",
  fail: "doctor.status.fail",
  skip: "doctor.status.skip",
} as const satisfies Record<CheckStatus, MessageKey>;

/** One line a check: its status, what was found and, when something is wrong, what to do. */
export function formatLine(locale: Locale, check: CheckLine): string {
  const status = render(locale, text(STATUS_KEY[check.status])).padEnd(14);
  const fix = check.fix ? `. ${render(locale, text("doctor.fix", { fix: render(locale, check.fix) }))}` : "";
  return `${status}${render(locale, check.message)}${fix}`;
}

export function failed(checks: readonly CheckLine[]): boolean {
  return checks.some((check) => check.status === "fail");
}

export function formatReport(locale: Locale, checks: readonly CheckLine[]): string {
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  const summary = render(
    locale,
    text("doctor.summary", { failed: count("fail"), warned: count("warn"), passed: count("pass") }),
  );
  return [...checks.map((check) => formatLine(locale, check)), summary].join("\n");
}

/** `--json`: both languages, so automation can show either. */
export function reportJson(checks: readonly CheckLine[]) {
  const both = (message: Text) => ({ da: render("da", message), en: render("en", message) });
  return {
    ok: !failed(checks),
    checks: checks.map((check) => ({
      id: check.id,
      status: check.status,
      message: both(check.message),
      ...(check.fix ? { fix: both(check.fix) } : {}),
    })),
  };
}

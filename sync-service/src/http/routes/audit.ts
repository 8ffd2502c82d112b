import { AuditEntriesResponseSchema, AuditExportQuerySchema, type AuditEntry } from "@modeklar/shared";
import { z } from "zod";
import type { AuditLog } from "../../store/audit";
import type { ApiBuilder } from "../api";
import { badRequest } from "../problem";

export interface AuditApiDeps {
  audit: AuditLog;
}

/** A period export covers at most a year: the log's retention is longer, an export need not be. */
const LONGEST_EXPORT_MS = 366 * 86_400_000;
const EXPORT_PAGE = 1000;

const COLUMNS = [
  "at",
  "actor_id",
  "actor_name",
  "roles",
  "client",
  "action",
  "target_kind",
  "target_id",
  "fields",
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a separator, quote or line break; a cell a
 * spreadsheet would run as a formula (= + - @ at the start) is kept as text with a leading '.
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(entry: AuditEntry): string {
  return [
    entry.at,
    entry.actorId,
    entry.actorName,
    entry.roles.join(" "),
    entry.client,
    entry.action,
    entry.targetKind,
    entry.targetId ?? "",
    entry.fields.join(" "),
  ]
    .map(csvCell)
    .join(",");
}

/** The audit log for the secretary and the chief of staff: one meeting's entries, or a period as CSV. */
export function auditRoutes(api: ApiBuilder, deps: AuditApiDeps): void {
  api.add({
    method: "get",
    path: "/audit/meetings/:id",
    summary: "Who did what to one meeting, and who read it while it was private: oldest first.",
    response: AuditEntriesResponseSchema,
    handler: async ({ params }) => ({ entries: await deps.audit.forMeeting(params["id"] ?? "") }),
  });

  api.add({
    method: "get",
    path: "/audit.csv",
    summary: "The audit log of a period (at most a year) as CSV, one entry a line, oldest first.",
    query: AuditExportQuerySchema,
    response: z.string(),
    contentType: "text/csv; charset=utf-8",
    handler: async ({ query, res }) => {
      const span = Date.parse(query.to) - Date.parse(query.from);
      if (!(span > 0)) throw badRequest("query.to: must be after from");
      if (span > LONGEST_EXPORT_MS) throw badRequest("query.to: an export spans at most 366 days");
      const range = { from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString() };
      const lines: string[] = [COLUMNS.join(",")];
      for (let afterId: string | undefined; ;) {
        const page = await deps.audit.between(range, { limit: EXPORT_PAGE, ...(afterId ? { afterId } : {}) });
        lines.push(...page.map(csvLine));
        if (page.length < EXPORT_PAGE) break;
        afterId = page.at(-1)?.id;
      }
      res.setHeader(
        "content-disposition",
        `attachment; filename="revisionsspor-${range.from.slice(0, 10)}-${range.to.slice(0, 10)}.csv"`,
      );
      return `${lines.join("\r\n")}\r\n`;
    },
  });
}

import { z } from "zod";
import type { ApiBuilder } from "../../api";
import { changedFields, type AuditDeclaration } from "../../audit-trail";
import { who } from "../../auth";
import { sendVersion, staleVersion, versionRead } from "../../versions";
import type { Replaced, Versioned } from "../../../reconcile";
import { parseWhole } from "./bodies";

/**
 * A whole record kept in versions, as a GET and a PUT: the GET sends the version as its ETag; the
 * PUT replaces the record only if the version read (If-Match) is still the one stored (else 412),
 * and records which fields changed.
 */
export function versionedRecord<T extends Record<string, unknown>>(
  api: ApiBuilder,
  record: {
    path: string;
    /** The record as a 412's detail names it, e.g. "The travel table". */
    name: string;
    summary: { get: string; put: string };
    schema: z.ZodObject & z.ZodType<T>;
    audit: Exclude<AuditDeclaration, false>;
    read: () => Promise<Versioned<T>>;
    replace: (value: T, by: string, baseVersion: number) => Promise<Replaced>;
  },
): void {
  api.add({
    method: "get",
    path: record.path,
    summary: record.summary.get,
    response: record.schema,
    handler: async ({ res }) => {
      const { value, version } = await record.read();
      sendVersion(res, version);
      return value;
    },
  });
  api.add({
    method: "put",
    path: record.path,
    summary: record.summary.put,
    body: z.unknown(),
    response: record.schema,
    audit: record.audit,
    handler: async ({ body, principal, audit, req, res }) => {
      const baseVersion = versionRead(req);
      const value = parseWhole(record.schema, body, "body");
      const before = await record.read();
      const saved = await record.replace(value, who(principal), baseVersion);
      if (!saved.saved) throw staleVersion(record.name, saved.version);
      audit.describe({ fields: changedFields(before.value, value) });
      sendVersion(res, saved.version);
      return value;
    },
  });
}

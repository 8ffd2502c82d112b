import {
  AuditClientSchema,
  CLIENT_HEADER,
  type AuditAction,
  type AuditClient,
  type AuditTargetKind,
} from "@modeklar/shared";
import type { Request } from "express";
import type { AuditRecorder, NewAuditEntry } from "../store/audit";
import type { Principal } from "./auth";

/**
 * What an /api operation that writes records in the audit log: the action, and what it acts
 * on (the path parameter holding the meeting's or inquiry's id). `false` for the few POSTs
 * that only read (a room search, a dry run of rules).
 */
export type AuditDeclaration = { action: AuditAction; target: AuditTargetKind; param?: string } | false;

export interface AuditDetails {
  action?: AuditAction;
  target?: { kind: AuditTargetKind; id?: string | null };
  /** Names of the fields written: never their values. */
  fields?: readonly string[];
}

/** A request's own part of the audit log: who, from where and the declared action are filled in. */
export interface RequestAudit {
  /** Says more about this request's entry: the fields it wrote, or the meeting when the body names it. */
  describe(details: AuditDetails): void;
  /** Records the entry now, because something has left the building (a mail, an answer to Outlook) whatever follows. */
  commit(): Promise<void>;
  /** This call changed nothing after all (a repeated request): no entry is recorded. */
  nothingWritten(): void;
  /** Records that the person was shown these private meetings' fields (by name). */
  privateReads(reads: readonly PrivateRead[]): Promise<void>;
}

export interface PrivateRead {
  meetingId: string;
  fields: readonly string[];
}

/**
 * The private meetings among `events` whose fields the person was shown, as the privacy policy
 * decides for them: what a page showed of a private meeting is what the audit log records.
 */
export function privateReadsOf(
  viewer: (event: Record<string, unknown>) => { isPrivate: boolean; fields: ReadonlySet<string> },
  events: readonly { id: string; data: Record<string, unknown> }[],
): PrivateRead[] {
  return events.flatMap((event) => {
    const view = viewer(event.data);
    return view.isPrivate && view.fields.size > 0
      ? [{ meetingId: event.id, fields: [...view.fields].sort() }]
      : [];
  });
}

/** The page the request came from, as it says in `X-Modeklar-Client`; any other caller is "api". */
export function clientOf(req: Request): AuditClient {
  const parsed = AuditClientSchema.safeParse(req.header(CLIENT_HEADER));
  return parsed.success && parsed.data !== "service" ? parsed.data : "api";
}

/** The audit trail of one request; `finish` records the declared entry once the handler succeeded. */
export class RequestTrail implements RequestAudit {
  private details: AuditDetails = {};
  private committed = false;

  constructor(
    private readonly recorder: AuditRecorder,
    private readonly principal: Principal,
    private readonly client: AuditClient,
    private readonly declared: AuditDeclaration | undefined,
    private readonly params: Record<string, string>,
  ) {}

  describe(details: AuditDetails): void {
    this.details = {
      ...this.details,
      ...details,
      fields: [...new Set([...(this.details.fields ?? []), ...(details.fields ?? [])])],
    };
  }

  async commit(): Promise<void> {
    if (this.committed || !this.declared) return;
    const { action, target, param } = this.declared;
    this.committed = true;
    await this.recorder.record([
      this.entry(
        this.details.action ?? action,
        {
          kind: this.details.target?.kind ?? target,
          id: this.details.target?.id ?? (param ? (this.params[param] ?? null) : null),
        },
        this.details.fields ?? [],
      ),
    ]);
  }

  nothingWritten(): void {
    this.committed = true;
  }

  async privateReads(reads: readonly PrivateRead[]): Promise<void> {
    const once = new Map(reads.map((read) => [read.meetingId, read.fields]));
    await this.recorder.record(
      [...once].map(([id, fields]) => this.entry("meeting.read", { kind: "meeting", id }, fields)),
    );
  }

  /** Called by the API builder after the handler resolved. */
  finish(): Promise<void> {
    return this.commit();
  }

  private entry(
    action: AuditAction,
    target: { kind: AuditTargetKind; id: string | null },
    fields: readonly string[],
  ): NewAuditEntry {
    return {
      actor: {
        id: this.principal.oid,
        name: this.principal.name || this.principal.username,
        roles: this.principal.roles,
      },
      client: this.client,
      action,
      target,
      fields,
    };
  }
}

/** The top-level fields whose value differs between two versions of a record (a new record: all of them). */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  ignore: readonly string[] = [],
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !ignore.includes(key))
    .filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after[key]))
    .sort();
}

/** The fields a sent order or notice carries (empty ones and its own state aside): what left, by name. */
export function filledFields(
  record: Record<string, unknown>,
  ignore: readonly string[] = ["state"],
): string[] {
  const empty = (value: unknown) =>
    value === undefined ||
    value === null ||
    value === "" ||
    value === false ||
    // A count left at its default of none (e.g. moreGuestsInService) was not filled in.
    value === 0 ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && Object.keys(value).length === 0);
  return Object.keys(record)
    .filter((key) => !ignore.includes(key) && !empty(record[key]))
    .sort();
}

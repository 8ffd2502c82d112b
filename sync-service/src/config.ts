import {
  ADDIN_ID,
  CaseNumberFormatSchema,
  DEFAULT_SUBJECT_TAG,
  KL_CASE_NUMBER_FORMAT,
  PrivateItemsVisibleToSchema,
  RETENTION_KINDS,
  SubjectTagSchema,
  type CaseNumberFormat,
  type PrivacySettings,
  type RetentionKind,
} from "@modeklar/shared";
import { z } from "zod";
import { RETENTION_SETTINGS, retentionProblems, retentionSchema } from "./retention/settings";

/**
 * The service's whole configuration comes from the environment. The simulator is nothing
 * but other values for the same variables, so nothing here knows about it.
 */

const httpsUrl = z
  .url({ protocol: /^https$/, error: "must be an https:// URL" })
  .transform((value) => value.replace(/\/+$/, ""));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const mailboxList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((m) => m.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ error: "must be a comma-separated list of mailbox addresses" })).min(1));

const schema = z
  .object({
    TENANT_ID: z.string().min(1),
    CLIENT_ID: z.string().min(1),
    CLIENT_SECRET: z.string().min(1).optional(),
    CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
    CLIENT_CERTIFICATE_KEY_PATH: z.string().min(1).optional(),
    AUTHORITY_HOST: httpsUrl.default("https://login.microsoftonline.com"),
    GRAPH_BASE_URL: httpsUrl
      .default("https://graph.microsoft.com/v1.0")
      .refine((value) => /^\/[^/]+$/.test(new URL(value).pathname), {
        error: "must be the Graph origin followed by the version, e.g. https://graph.microsoft.com/v1.0",
      }),
    MAILBOXES: mailboxList,
    DATABASE_URL: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    PUBLIC_URL: httpsUrl,
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SYNC_WINDOW_PAST_DAYS: positiveInt(30),
    SYNC_WINDOW_FUTURE_DAYS: positiveInt(180),
    SAFETY_POLL_SECONDS: positiveInt(300),
    RATE_LIMIT_PER_MINUTE: positiveInt(300),
    MAILBOX_LEASE_SECONDS: positiveInt(30),
    /** After a send whose outcome is unknown (a crash, a 5xx), how long Exchange gets to file the Sent Items copy. */
    SENT_ITEMS_SETTLE_SECONDS: positiveInt(60),
    /** The add-in's manifest id: its plan is the event's `cecp-<ADDIN_ID>` extended property. */
    ADDIN_ID: z.uuid().default(ADDIN_ID),
    TLS_CERT_PATH: z.string().min(1).optional(),
    TLS_KEY_PATH: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Outlook's "Delegate can see my private items", for Mødeklar: which delegates see private meetings whole. */
    PRIVATE_ITEMS_VISIBLE_TO: PrivateItemsVisibleToSchema.default(["secretary"]),
    /** The case system's journal mailbox (F2 and other ESDH systems import mail from it); unset: no journalising. */
    JOURNAL_MAILBOX: z.email({ error: "must be the journal mailbox's address" }).toLowerCase().optional(),
    /** Where the case number goes in the subject the case system files by. */
    JOURNAL_SUBJECT_TAG: SubjectTagSchema.default(DEFAULT_SUBJECT_TAG),
    /** The municipality's case number form: a regular expression, and one number of that form. */
    CASE_NUMBER_PATTERN: z.string().default(KL_CASE_NUMBER_FORMAT.pattern),
    CASE_NUMBER_EXAMPLE: z.string().default(KL_CASE_NUMBER_FORMAT.example),
    /** Working days after an item arrived, was answered or was held before it is "mangler journalisering". */
    JOURNAL_DUE_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  })
  .superRefine((env, ctx) => {
    const format = CaseNumberFormatSchema.safeParse({
      pattern: env.CASE_NUMBER_PATTERN,
      example: env.CASE_NUMBER_EXAMPLE,
    });
    for (const issue of format.error?.issues ?? [])
      ctx.addIssue({
        code: "custom",
        path: [issue.path[0] === "example" ? "CASE_NUMBER_EXAMPLE" : "CASE_NUMBER_PATTERN"],
        message:
          issue.path[0] === "example"
            ? "does not have the form CASE_NUMBER_PATTERN asks for"
            : "must be a regular expression",
      });
  });

/** Secret or certificate: checked beside the schema so it is reported even when other variables are bad too. */
function credentialProblems(env: Record<string, string>): string[] {
  const { CLIENT_SECRET: secret, CLIENT_CERTIFICATE_PATH: cert, CLIENT_CERTIFICATE_KEY_PATH: key } = env;
  if (cert && !key) return ["CLIENT_CERTIFICATE_KEY_PATH: a certificate needs its private key as well"];
  if (key && !cert) return ["CLIENT_CERTIFICATE_PATH: a private key needs its certificate as well"];
  if (!secret && !cert)
    return ["CLIENT_SECRET: set CLIENT_SECRET, or CLIENT_CERTIFICATE_PATH and CLIENT_CERTIFICATE_KEY_PATH"];
  return [];
}

/** HTTPS needs both halves; Graph webhooks and Outlook add-ins only talk to https. */
function tlsProblems(env: Record<string, string>): string[] {
  if (env["TLS_CERT_PATH"] && !env["TLS_KEY_PATH"])
    return ["TLS_KEY_PATH: a certificate needs its private key as well"];
  if (env["TLS_KEY_PATH"] && !env["TLS_CERT_PATH"])
    return ["TLS_CERT_PATH: a private key needs its certificate as well"];
  return [];
}

export type ClientCredential =
  | { kind: "secret"; secret: string }
  | { kind: "certificate"; certificatePath: string; privateKeyPath: string };

export interface ServiceConfig {
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  authorityHost: string;
  graphBaseUrl: string;
  mailboxes: string[];
  databaseUrl: string | null;
  dataDir: string;
  publicUrl: string;
  port: number;
  syncWindow: { pastDays: number; futureDays: number };
  safetyPollSeconds: number;
  /** API requests one person may make in a minute (a burst of as many, then this pace). */
  rateLimitPerMinute: number;
  mailboxLeaseSeconds: number;
  sentItemsSettleSeconds: number;
  addinId: string;
  /** Serve HTTPS with this certificate; plain HTTP (behind a TLS-terminating proxy) without. */
  tls: { certPath: string; keyPath: string } | null;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  privacy: PrivacySettings;
  /** Journalising: the journal mailbox (null: not configured), its subject tag, the case number form and when it is due. */
  journal: {
    mailbox: string | null;
    subjectTag: string;
    caseNumberFormat: CaseNumberFormat;
    dueWorkingDays: number;
  };
  /** Days each kind of record is kept (RETENTION_*_DAYS): after the meeting ended, the mail arrived, the entry was made. */
  retention: Record<RetentionKind, number>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Empty strings count as unset, as in a `.env` file with `DATABASE_URL=`. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}

/** Parses the environment; a bad configuration lists every bad variable and never echoes a value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  const given = withoutBlanks(env);
  const parsed = schema.safeParse(given);
  const kept = retentionSchema.safeParse(given);
  const retention = kept.success
    ? (Object.fromEntries(
        RETENTION_KINDS.map((kind) => [kind, Number(kept.data[RETENTION_SETTINGS[kind].variable])]),
      ) as Record<RetentionKind, number>)
    : null;
  const problems = [
    ...[parsed, kept].flatMap((result) =>
      result.success
        ? []
        : result.error.issues.map((i) => `${String(i.path[0] ?? "environment")}: ${i.message}`),
    ),
    ...(retention ? retentionProblems(retention) : []),
    ...credentialProblems(given),
    ...tlsProblems(given),
  ];
  if (!parsed.success || !retention || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    tenantId: e.TENANT_ID,
    clientId: e.CLIENT_ID,
    credential:
      e.CLIENT_CERTIFICATE_PATH && e.CLIENT_CERTIFICATE_KEY_PATH
        ? {
            kind: "certificate",
            certificatePath: e.CLIENT_CERTIFICATE_PATH,
            privateKeyPath: e.CLIENT_CERTIFICATE_KEY_PATH,
          }
        : { kind: "secret", secret: e.CLIENT_SECRET ?? "" },
    authorityHost: e.AUTHORITY_HOST,
    graphBaseUrl: e.GRAPH_BASE_URL,
    mailboxes: [...new Set(e.MAILBOXES)],
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    publicUrl: e.PUBLIC_URL,
    port: e.PORT,
    syncWindow: { pastDays: e.SYNC_WINDOW_PAST_DAYS, futureDays: e.SYNC_WINDOW_FUTURE_DAYS },
    safetyPollSeconds: e.SAFETY_POLL_SECONDS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    mailboxLeaseSeconds: e.MAILBOX_LEASE_SECONDS,
    sentItemsSettleSeconds: e.SENT_ITEMS_SETTLE_SECONDS,
    addinId: e.ADDIN_ID,
    tls: e.TLS_CERT_PATH && e.TLS_KEY_PATH ? { certPath: e.TLS_CERT_PATH, keyPath: e.TLS_KEY_PATH } : null,
    logLevel: e.LOG_LEVEL,
    privacy: { privateItemsVisibleTo: e.PRIVATE_ITEMS_VISIBLE_TO },
    journal: {
      mailbox: e.JOURNAL_MAILBOX ?? null,
      subjectTag: e.JOURNAL_SUBJECT_TAG,
      caseNumberFormat: { pattern: e.CASE_NUMBER_PATTERN, example: e.CASE_NUMBER_EXAMPLE },
      dueWorkingDays: e.JOURNAL_DUE_WORKING_DAYS,
    },
    retention,
  };
}

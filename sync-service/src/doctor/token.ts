import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { decodeJwt } from "jose";
import type { ServiceConfig } from "../config";
import { createAuthProvider } from "../graph";
import { GRAPH_APPLICATION_PERMISSIONS } from "../graph/permissions";
import { line, text, type CheckLine, type Text } from "./report";

/** Entra refuses tokens from a machine whose clock is further off than this. */
const MAX_SKEW_MS = 5 * 60_000;
/** Entra back-dates a token's `iat` by five minutes to absorb other clocks' skew. */
const ISSUED_BACKDATE_MS = 5 * 60_000;
/** A certificate closer than this to its end is a warning: time to roll it. */
const RENEW_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

export interface TokenFinding {
  lines: CheckLine[];
  /** The app's Graph token, for the checks that call Graph. */
  token: string | null;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The AADSTS code of an Entra error tells what to fix; no code means the authority was not reached. */
function fixFor(error: unknown, config: ServiceConfig): Text {
  const message = error instanceof Error ? error.message : String(error);
  const code = /AADSTS(\d+)/.exec(message)?.[1];
  if (code === "7000215" || code === "7000222") return text("doctor.token.failed.secret");
  if (code === "700027" || code === "700024") return text("doctor.token.failed.certificate");
  if (code === "700016") return text("doctor.token.failed.app");
  if (code === "90002") return text("doctor.token.failed.tenant");
  if (!code) return text("doctor.token.failed.network", { host: new URL(config.authorityHost).host });
  return text("doctor.token.failed.other");
}

/** First line only: Entra's descriptions go on with trace and correlation ids. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\r?\n/)[0]?.trim() || message;
}

async function credentialLine(config: ServiceConfig): Promise<CheckLine> {
  const { credential, clientId } = config;
  if (credential.kind === "secret") return line("token", "pass", text("doctor.token.secret", { clientId }));
  const certificate = new X509Certificate(await readFile(credential.certificatePath, "utf8"));
  const expires = new Date(certificate.validTo);
  const thumbprint = certificate.fingerprint.replace(/:/g, "");
  const days = Math.floor((expires.getTime() - Date.now()) / DAY_MS);
  if (days < RENEW_WITHIN_DAYS) {
    return line(
      "token",
      "warn",
      text("doctor.token.expiring", { thumbprint, expires: day(expires), days }),
      text("doctor.token.expiring.fix"),
    );
  }
  return line(
    "token",
    "pass",
    text("doctor.token.certificate", { thumbprint, clientId, expires: day(expires) }),
  );
}

function clockLine(issuedAtSeconds: number, receivedAtMs: number): CheckLine {
  const skewMs = Math.abs(receivedAtMs - ISSUED_BACKDATE_MS - issuedAtSeconds * 1000);
  if (skewMs > MAX_SKEW_MS) {
    return line(
      "clock",
      "fail",
      text("doctor.clock.skewed", { minutes: Math.round(skewMs / 60_000) }),
      text("doctor.clock.skewed.fix"),
    );
  }
  return line("clock", "pass", text("doctor.clock.ok", { seconds: Math.round(skewMs / 1000) }));
}

/** The token's roles against exactly the list Mødeklar needs: missing fails, more is a warning. */
export function permissionsLine(roles: readonly string[]): CheckLine {
  const needed: readonly string[] = GRAPH_APPLICATION_PERMISSIONS;
  const missing = needed.filter((p) => !roles.includes(p));
  const extra = roles.filter((r) => !needed.includes(r));
  if (missing.length > 0) {
    return line(
      "permissions",
      "fail",
      text("doctor.permissions.missing", { names: missing.join(", ") }),
      text("doctor.permissions.missing.fix"),
    );
  }
  if (extra.length > 0) {
    return line(
      "permissions",
      "warn",
      text("doctor.permissions.extra", { names: extra.join(", ") }),
      text("doctor.permissions.extra.fix", { needed: needed.join(", ") }),
    );
  }
  return line(
    "permissions",
    "pass",
    text("doctor.permissions.ok", { count: needed.length, names: needed.join(", ") }),
  );
}

/** One client-credentials token (secret or certificate), then what it says about the clock and the app's roles. */
export async function checkToken(config: ServiceConfig): Promise<TokenFinding> {
  let token: string;
  try {
    const provider = await createAuthProvider(config);
    token = await provider.getAccessToken();
  } catch (error) {
    return {
      token: null,
      lines: [
        line(
          "token",
          "fail",
          text("doctor.token.failed", { error: firstLine(error) }),
          fixFor(error, config),
        ),
      ],
    };
  }
  const receivedAt = Date.now();
  const claims = decodeJwt(token);
  const roles = Array.isArray(claims["roles"]) ? claims["roles"].map(String) : [];
  return {
    token,
    lines: [
      await credentialLine(config),
      clockLine(claims.iat ?? Math.floor((receivedAt - ISSUED_BACKDATE_MS) / 1000), receivedAt),
      permissionsLine(roles),
    ],
  };
}

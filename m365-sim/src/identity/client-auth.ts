import { X509Certificate, createHash, createPublicKey, type KeyObject } from "node:crypto";
import type { Request } from "express";
import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import type { SimContext } from "../context";
import type { AppRegistration } from "../directory";
import { AadstsError, aadsts } from "./errors";
import type { ClientAuthMethod } from "./tokens";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface AuthenticatedClient {
  app: AppRegistration;
  method: ClientAuthMethod;
}

type TokenRequestBody = Record<string, string | undefined>;

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))` (client_secret_basic, RFC 6749 2.3.1). */
function basicCredentials(req: Request): { clientId: string; secret: string } | undefined {
  const header = req.header("authorization");
  const match = header && /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

function thumbprints(pem: string): { sha1?: string; sha256?: string } {
  try {
    const cert = new X509Certificate(pem);
    return {
      sha1: createHash("sha1").update(cert.raw).digest("base64url"),
      sha256: createHash("sha256").update(cert.raw).digest("base64url"),
    };
  } catch {
    return {};
  }
}

/** The registered key the assertion names by thumbprint; a bare public key (no thumbprint) is tried as is. */
function keyFor(app: AppRegistration, header: Record<string, unknown>): KeyObject[] {
  const x5t = header["x5t"];
  const x5tS256 = header["x5t#S256"];
  const keys: KeyObject[] = [];
  for (const pem of app.certificates) {
    const prints = thumbprints(pem);
    const named = (x5t && prints.sha1 === x5t) || (x5tS256 && prints.sha256 === x5tS256);
    if (named || (!prints.sha1 && !x5t && !x5tS256)) keys.push(createPublicKey(pem));
  }
  return keys;
}

async function verifyAssertion(
  ctx: SimContext,
  app: AppRegistration,
  assertion: string,
  tokenEndpoints: string[],
): Promise<void> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch {
    throw aadsts.assertionSignature();
  }
  const keys = keyFor(app, header);
  if (keys.length === 0) throw aadsts.assertionUnknownKey(app.clientId);
  let lastError: unknown;
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify(assertion, key, {
        algorithms: ["RS256", "PS256"],
        currentDate: ctx.state.clock.now(),
        // Entra tolerates five minutes of clock skew on client assertions.
        clockTolerance: 300,
        requiredClaims: ["aud", "exp", "iss", "sub"],
      });
      if (payload.iss !== app.clientId || payload.sub !== app.clientId) throw aadsts.assertionSignature();
      const audiences = [payload.aud].flat();
      if (!audiences.some((a) => a && tokenEndpoints.includes(a))) {
        throw aadsts.assertionAudience(tokenEndpoints[0] ?? "");
      }
      return;
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw aadsts.assertionExpired();
      if (err instanceof errors.JWTClaimValidationFailed && err.claim === "nbf")
        throw aadsts.assertionExpired();
      lastError = err;
    }
  }
  if (lastError instanceof AadstsError) throw lastError;
  throw aadsts.assertionSignature();
}

/**
 * Who is calling the token endpoint: the client id from the body, the Basic header or the
 * assertion, checked against the app registration with its secret or certificate. Public
 * clients (no credential) come back with method "none"; the grant decides if that is enough.
 */
export async function authenticateClient(
  ctx: SimContext,
  req: Request,
  body: TokenRequestBody,
  tokenEndpoints: string[],
): Promise<AuthenticatedClient> {
  const basic = basicCredentials(req);
  const clientId = body["client_id"] ?? basic?.clientId;
  if (!clientId) throw aadsts.missingParameter("client_id");
  const app = ctx.state.apps.get(clientId);
  if (!app) throw aadsts.appNotFound(clientId);

  const secret = body["client_secret"] ?? basic?.secret;
  const assertion = body["client_assertion"];
  if (secret !== undefined) {
    if (!app.secrets.includes(secret)) throw aadsts.invalidSecret(clientId);
    return { app, method: "secret" };
  }
  if (assertion !== undefined) {
    if (body["client_assertion_type"] !== JWT_BEARER) throw aadsts.assertionType();
    await verifyAssertion(ctx, app, assertion, tokenEndpoints);
    return { app, method: "certificate" };
  }
  return { app, method: "none" };
}

import type { NextFunction, Request, Response } from "express";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { ROLES, type Role } from "@modeklar/shared";
import { z } from "zod";
import { forbidden, unauthorized } from "./problem";

export { ROLES, type Role };

export interface Principal {
  /** Entra object id of the person (or app). */
  oid: string;
  name: string;
  username: string;
  roles: Role[];
}

export interface TokenValidatorOptions {
  /** `${AUTHORITY_HOST}/${TENANT_ID}`; the OIDC discovery document is read from here. */
  authority: string;
  /** The API's client id: accepted audiences are it and `api://<clientId>`. */
  clientId: string;
}

const discoverySchema = z.object({ issuer: z.string().url(), jwks_uri: z.string().url() });

/**
 * Validates bearer tokens exactly as for Entra ID: signature against the tenant's JWKS
 * (from OIDC discovery), issuer, audience, expiry and not-before.
 */
export class TokenValidator {
  private discovery?: Promise<{ issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> }>;

  constructor(private readonly options: TokenValidatorOptions) {}

  private discover() {
    this.discovery ??= (async () => {
      const res = await fetch(`${this.options.authority}/v2.0/.well-known/openid-configuration`);
      if (!res.ok) throw new Error(`OIDC discovery failed with HTTP ${res.status}`);
      const doc = discoverySchema.parse(await res.json());
      return { issuer: doc.issuer, jwks: createRemoteJWKSet(new URL(doc.jwks_uri)) };
    })().catch((err: unknown) => {
      this.discovery = undefined;
      throw err;
    });
    return this.discovery;
  }

  /** Reachability of the identity provider, for /readyz. */
  async ready(): Promise<boolean> {
    try {
      await this.discover();
      return true;
    } catch {
      return false;
    }
  }

  async validate(token: string): Promise<Principal> {
    const { issuer, jwks } = await this.discover();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer,
        audience: [this.options.clientId, `api://${this.options.clientId}`],
        algorithms: ["RS256"],
        clockTolerance: 5,
      }));
    } catch (err) {
      const code = (err as { code?: string }).code ?? "ERR_JWT_INVALID";
      throw unauthorized(describeJoseError(code));
    }
    const roles = (Array.isArray(payload["roles"]) ? payload["roles"] : []).filter((r): r is Role =>
      (ROLES as readonly string[]).includes(String(r)),
    );
    return {
      oid: String(payload["oid"] ?? payload.sub ?? ""),
      name: String(payload["name"] ?? ""),
      username: String(payload["preferred_username"] ?? ""),
      roles,
    };
  }
}

function describeJoseError(code: string): string {
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "The access token has expired. Sign in again.";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return "The access token was not issued for Mødeklar by this tenant (issuer, audience or validity).";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "The access token's signature is not valid.";
    default:
      return "The access token is not a valid signed token.";
  }
}

declare module "express-serve-static-core" {
  interface Locals {
    principal?: Principal;
  }
}

/** Requires a valid bearer token; the principal is put on res.locals. */
export function authenticate(validator: TokenValidator) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return next(unauthorized("Sign in: this request needs a bearer token."));
    try {
      res.locals.principal = await validator.validate(match[1]);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Allows the request only for a principal holding one of the roles. */
export function requireRole(...allowed: Role[]) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal;
    if (!principal) return next(unauthorized("Sign in: this request needs a bearer token."));
    if (!principal.roles.some((r) => allowed.includes(r))) {
      return next(
        forbidden(`This needs one of the roles: ${allowed.join(", ")}.`, { code: "roleNotAllowed" }),
      );
    }
    next();
  };
}

/** How a person is named where their work is recorded (plans, orders, minutes): their name, else their sign-in. */
export const who = (principal: Pick<Principal, "name" | "username">): string =>
  principal.name || principal.username;

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal;
  if (!principal) throw unauthorized("Sign in: this request needs a bearer token.");
  return principal;
}

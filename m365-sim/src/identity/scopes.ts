import { GRAPH_APP_ID, GRAPH_RESOURCE, type AppRegistration } from "../directory";
import type { SimState } from "../state";
import { aadsts } from "./errors";

/** The resource a token is for: Microsoft Graph, or an API exposed by an app registration in the tenant. */
export type Resource = { kind: "graph" } | { kind: "api"; appId: string };

/** A scope request resolved against the directory: one resource, its scopes and the OpenID Connect scopes. */
export interface GrantedScopes {
  resource: Resource;
  /** Scope names on the resource without its prefix, e.g. `Calendars.ReadWrite` or `access_as_user`. */
  scopes: string[];
  /** `openid`, `profile`, `email`, `offline_access` as requested. */
  oidc: string[];
}

/** The OpenID Connect scopes Entra honours beside a resource's: none of them is a Graph or API scope. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(["openid", "profile", "email", "offline_access"]);

/** Delegated Graph permissions the simulator knows; anything else is not a Graph scope at all. */
const KNOWN_GRAPH_SCOPES = new Set(
  [
    "User.Read",
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Calendars.Read",
    "Calendars.ReadWrite",
    "Calendars.Read.Shared",
    "Calendars.ReadWrite.Shared",
    "Mail.Read",
    "Mail.ReadWrite",
    "Mail.Read.Shared",
    "Mail.ReadWrite.Shared",
    "Mail.Send",
    "Mail.Send.Shared",
    "MailboxSettings.Read",
    "MailboxSettings.ReadWrite",
    "Place.Read.All",
    "People.Read",
    "Contacts.Read",
  ].map((s) => s.toLowerCase()),
);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ParsedScope {
  resource: Resource;
  /** The resource identifier as the client wrote it, for error messages. */
  resourceId: string;
  name: string;
  raw: string;
}

function parseOne(state: SimState, raw: string): ParsedScope {
  const graphPrefixes = [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`];
  for (const prefix of graphPrefixes) {
    if (raw.toLowerCase().startsWith(prefix)) {
      return {
        resource: { kind: "graph" },
        resourceId: prefix.slice(0, -1),
        name: raw.slice(prefix.length),
        raw,
      };
    }
  }
  const api = /^(?:api:\/\/)?([0-9a-f-]{36})\/(.+)$/i.exec(raw);
  if (api?.[1] && api[2] && GUID.test(api[1])) {
    const resourceId = raw.startsWith("api://") ? `api://${api[1]}` : api[1];
    if (!state.apps.has(api[1])) throw aadsts.resourceNotFound(resourceId);
    return { resource: { kind: "api", appId: api[1] }, resourceId, name: api[2], raw };
  }
  const slash = raw.lastIndexOf("/");
  if (raw.includes("://") || slash > 0)
    throw aadsts.resourceNotFound(raw.slice(0, Math.max(slash, 0)) || raw);
  return { resource: { kind: "graph" }, resourceId: GRAPH_RESOURCE, name: raw, raw };
}

function sameResource(a: Resource, b: Resource): boolean {
  return a.kind === b.kind && (a.kind === "graph" || (b.kind === "api" && a.appId === b.appId));
}

/** Client credentials: exactly `<resource>/.default`, nothing else (AADSTS1002012 otherwise). */
export function appScope(state: SimState, raw: string | undefined): Resource {
  if (!raw?.trim()) throw aadsts.missingParameter("scope");
  const requested = raw.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s));
  const [only, ...more] = requested;
  if (!only || more.length > 0 || !only.endsWith("/.default")) throw aadsts.clientCredentialsScope(raw);
  return parseOne(state, only).resource;
}

/** The delegated Graph scopes an app registration is consented for, its OpenID Connect ones left out. */
export function consentedGraphScopes(client: AppRegistration): string[] {
  return client.graphDelegatedScopes.filter((s) => !OIDC_SCOPES.has(s));
}

/**
 * Delegated flows: one resource per request, every scope consented for the client (the
 * app registration's admin-consented scopes, or the scopes the resource API exposes).
 */
export function delegatedScopes(
  state: SimState,
  client: AppRegistration,
  raw: string | undefined,
): GrantedScopes {
  if (!raw?.trim()) throw aadsts.missingParameter("scope");
  const all = raw.split(/\s+/).filter(Boolean);
  const oidc = [...new Set(all.filter((s) => OIDC_SCOPES.has(s)))];
  const parsed = all.filter((s) => !OIDC_SCOPES.has(s)).map((s) => parseOne(state, s));
  const first = parsed[0];
  if (!first) return { resource: { kind: "graph" }, scopes: [], oidc };
  if (parsed.some((p) => !sameResource(p.resource, first.resource))) throw aadsts.multipleResources();

  const resource = first.resource;
  const consented =
    resource.kind === "graph"
      ? consentedGraphScopes(client)
      : (state.apps.get(resource.appId)?.exposedScopes ?? []);
  const scopes = new Set<string>();
  for (const p of parsed) {
    if (p.name === ".default") {
      for (const s of consented) scopes.add(s);
      continue;
    }
    const match = consented.find((s) => s.toLowerCase() === p.name.toLowerCase());
    if (match) {
      scopes.add(match);
      continue;
    }
    if (resource.kind === "graph" && KNOWN_GRAPH_SCOPES.has(p.name.toLowerCase())) {
      throw aadsts.consentRequired(client.clientId, client.displayName);
    }
    throw aadsts.invalidScope(p.raw);
  }
  return { resource, scopes: [...scopes], oidc };
}

/** How Entra lists granted scopes in a token response: resource-qualified, then the OpenID Connect ones. */
export function scopeString(granted: GrantedScopes): string {
  const prefix =
    granted.resource.kind === "graph" ? `${GRAPH_RESOURCE}/` : `api://${granted.resource.appId}/`;
  return [...granted.scopes.map((s) => prefix + s), ...granted.oidc].join(" ");
}

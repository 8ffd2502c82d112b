import type { SimContext } from "../context";
import { DEMO_DOMAIN } from "../directory";

/** `common` and `organizations` resolve to the one tenant the simulator hosts. */
export const MULTI_TENANT_SEGMENTS = ["common", "organizations"];

/** The path segments that name the simulated tenant: its id, its domain, or a multi-tenant alias. */
export function tenantSegments(ctx: SimContext): string[] {
  return [ctx.tenantId, DEMO_DOMAIN, ...MULTI_TENANT_SEGMENTS];
}

export function isOurTenant(ctx: SimContext, segment: string): boolean {
  return tenantSegments(ctx).includes(segment.toLowerCase());
}

/** Every URL of the token endpoint a client assertion may name as its audience. */
export function tokenEndpointUrls(ctx: SimContext): string[] {
  return tenantSegments(ctx).map((t) => `${ctx.baseUrl()}/${t}/oauth2/v2.0/token`);
}

/** Redirect URIs the start script allows for the demo app through the environment (comma or space separated). */
export function environmentRedirectUris(): string[] {
  return (process.env["SIM_REDIRECT_URIS"] ?? "").split(/[\s,]+/).filter(Boolean);
}

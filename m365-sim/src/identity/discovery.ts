import type { SimContext } from "../context";
import { OIDC_SCOPES } from "./scopes";
import { MULTI_TENANT_SEGMENTS } from "./tenant";

/**
 * The OpenID Connect discovery document as Entra ID publishes it for a v2.0 authority
 * (https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc). A tenant's
 * document names the tenant id everywhere; `common` and `organizations` keep their alias
 * in the endpoints and a `{tenantid}` placeholder in the issuer, as Entra's do.
 */
export function openIdConfiguration(ctx: SimContext, segment: string) {
  const multi = MULTI_TENANT_SEGMENTS.includes(segment.toLowerCase());
  const tenant = multi ? segment.toLowerCase() : ctx.tenantId;
  const base = `${ctx.baseUrl()}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: [...OIDC_SCOPES],
    issuer: multi ? `${ctx.baseUrl()}/{tenantid}/v2.0` : ctx.issuer(),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.baseUrl()}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email",
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: new URL(ctx.baseUrl()).host,
    rbac_url: "https://pas.windows.net",
  };
}

/**
 * Entra's instance discovery answer (`/common/discovery/instance`), for clients that do
 * not list the simulator among their known authorities: the host is its own only alias.
 */
export function instanceDiscovery(ctx: SimContext, authorizationEndpoint: string | undefined) {
  const host = new URL(ctx.baseUrl()).host;
  const tenant = authorizationEndpoint?.match(/^https:\/\/[^/]+\/([^/]+)\//)?.[1] ?? "common";
  return {
    tenant_discovery_endpoint: `${ctx.baseUrl()}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

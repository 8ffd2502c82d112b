import { randomUUID } from "node:crypto";
import type { Response } from "express";

/**
 * Entra ID's token endpoint errors: an OAuth error code plus an AADSTS number and
 * message, with trace and correlation ids, as documented in
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_scope"
  | "invalid_resource"
  | "invalid_tenant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "consent_required"
  | "login_required";

export class AadstsError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly aadsts: number,
    message: string,
    /** invalid_client answers 401, everything else 400, as Entra does. */
    readonly status = error === "invalid_client" ? 401 : 400,
  ) {
    super(message);
  }
}

/** Entra's timestamp format in error bodies: `2023-05-06 06:03:00Z`. */
function entraTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
}

export interface AadstsBody {
  error: OAuthErrorCode;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

export function aadstsBody(err: AadstsError, baseUrl: string, now: Date, correlationId?: string): AadstsBody {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    error: err.error,
    error_description: `AADSTS${err.aadsts}: ${err.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `${baseUrl}/error?code=${err.aadsts}`,
  };
}

export function sendAadstsError(res: Response, err: AadstsError, baseUrl: string, now: Date): void {
  // MSAL sends its correlation id as `client-request-id` in the query string; Entra echoes it.
  const fromQuery = res.req.query["client-request-id"];
  const correlationId =
    res.req.header("client-request-id") ?? (typeof fromQuery === "string" ? fromQuery : undefined);
  res.status(err.status).setHeader("Cache-Control", "no-store, no-cache");
  res.json(aadstsBody(err, baseUrl, now, correlationId));
}

export const TENANT_DISPLAY_NAME = "Fjordby Kommune";

/** The errors the simulator gives, named by what went wrong; messages follow Entra's wording. */
export const aadsts = {
  tenantNotFound: (tenant: string, error: OAuthErrorCode = "invalid_request") =>
    new AadstsError(
      error,
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  appNotFound: (clientId: string, error: OAuthErrorCode = "unauthorized_client") =>
    new AadstsError(
      error,
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${TENANT_DISPLAY_NAME}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    new AadstsError(
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  missingCredential: () =>
    new AadstsError(
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  assertionSignature: () =>
    new AadstsError("invalid_client", 700027, "Client assertion failed signature validation."),
  assertionUnknownKey: (clientId: string) =>
    new AadstsError(
      "invalid_client",
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
    ),
  assertionExpired: () =>
    new AadstsError(
      "invalid_client",
      700024,
      "Client assertion is not within its valid time range. Ensure that the client assertion is not expired and that the current time is within the 'nbf' and 'exp' claims.",
    ),
  assertionAudience: (expected: string) =>
    new AadstsError(
      "invalid_client",
      700212,
      `No matching federated identity record found for presented assertion audience. The audience must be '${expected}'.`,
    ),
  assertionType: () =>
    new AadstsError(
      "invalid_request",
      700026,
      "Client assertion type is not supported. It must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.",
    ),
  redirectMismatch: (uri: string, clientId: string) =>
    new AadstsError(
      "invalid_request",
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  codeRedirectMismatch: () =>
    new AadstsError(
      "invalid_grant",
      500112,
      "The reply address does not match the reply address provided when requesting Authorization code.",
    ),
  codeExpired: () =>
    new AadstsError(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    ),
  codeRedeemed: () =>
    new AadstsError(
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    ),
  malformedRequest: (error: OAuthErrorCode = "invalid_grant") =>
    new AadstsError(error, 9002313, "Invalid request. Request is malformed or invalid."),
  grantOfOtherClient: () =>
    new AadstsError("invalid_grant", 70000, "Provided grant is invalid or malformed."),
  pkceMismatch: () =>
    new AadstsError(
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
    ),
  pkceRequired: () =>
    new AadstsError(
      "invalid_request",
      9002325,
      "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
    ),
  spaNeedsOrigin: () =>
    new AadstsError(
      "invalid_request",
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    ),
  untrustedBroker: (clientId: string) =>
    new AadstsError(
      "unauthorized_client",
      7000218,
      `The application '${clientId}' is not a trusted broker: it may not redeem tokens on behalf of a nested app.`,
    ),
  refreshTokenInvalid: () =>
    new AadstsError(
      "invalid_grant",
      9002313,
      "Invalid request. Request is malformed or invalid. The provided refresh token is not valid or was already used.",
    ),
  unsupportedGrant: (grant: string) =>
    new AadstsError(
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
    ),
  clientCredentialsScope: (scope: string) =>
    new AadstsError(
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  invalidScope: (scope: string) =>
    new AadstsError(
      "invalid_scope",
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  multipleResources: () =>
    new AadstsError(
      "invalid_request",
      28000,
      "Provided value for the input parameter scope is not valid because it contains more than one resource. Scope openid profile offline_access with more than one resource is not valid.",
    ),
  resourceNotFound: (resource: string) =>
    new AadstsError(
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${TENANT_DISPLAY_NAME}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  consentRequired: (clientId: string, displayName: string) =>
    new AadstsError(
      "invalid_grant",
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${displayName}'. Send an interactive authorization request for this user and resource.`,
    ),
  unsupportedResponseType: (type: string) =>
    new AadstsError(
      "unsupported_response_type",
      700054,
      `response_type '${type}' is not enabled for the application.`,
    ),
  loginRequired: () =>
    new AadstsError(
      "login_required",
      50058,
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    ),
  invalidCodeChallengeMethod: () =>
    new AadstsError(
      "invalid_request",
      501491,
      "Invalid size of Code_Challenge parameter, or unsupported code_challenge_method. Use S256 or plain.",
    ),
};

/// <reference lib="dom" />
import { z } from "zod";
import { SIGN_IN_SCOPES } from "../../directory";
import type { HostPageConfig } from "../config";
import { currentSession, keepRefreshToken } from "./sign-in";

/**
 * Outlook's side of nested app authentication: MSAL.js in the task pane sends its bridge
 * requests (GetInitContext, GetToken, GetTokenPopup) through `window.nestedAppAuthBridge`; the
 * host answers them with the signed-in person's session, redeeming its own refresh token at the
 * token endpoint for the add-in (`client_id`) as a trusted broker (`brk_client_id`), with the
 * add-in's `brk-multihub://<pane origin>` redirect URI. The pane never sees the host's tokens.
 * https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in
 */

const request = z.object({
  messageType: z.literal("NestedAppAuthRequest"),
  method: z.enum(["GetInitContext", "GetToken", "GetTokenPopup"]),
  requestId: z.string(),
  tokenParams: z.looseObject({ clientId: z.string(), scope: z.string() }).optional(),
});

const tokenAnswer = z.object({
  access_token: z.string(),
  expires_in: z.number(),
  id_token: z.string(),
  scope: z.string(),
  refresh_token: z.string(),
});
const tokenError = z.object({ error: z.string(), error_description: z.string() });
const idClaims = z.object({
  oid: z.string(),
  tid: z.string(),
  preferred_username: z.string(),
  name: z.string().optional(),
});

type Status = "USER_INTERACTION_REQUIRED" | "PERSISTENT_ERROR" | "ACCOUNT_UNAVAILABLE";

function failure(requestId: string, status: Status, code: string, description: string) {
  return {
    messageType: "NestedAppAuthResponse",
    requestId,
    success: false,
    error: { status, code, description },
  };
}

function claimsOf(idToken: string): z.infer<typeof idClaims> {
  const payload = idToken.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
  return idClaims.parse(JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))));
}

async function redeem(
  config: HostPageConfig,
  paneOrigin: string,
  requestId: string,
  params: { clientId: string; scope: string },
) {
  const refreshToken = currentSession()?.refreshToken;
  if (!refreshToken)
    return failure(requestId, "ACCOUNT_UNAVAILABLE", "no_account", "Sign in to Outlook first.");
  const scope = [...new Set([...params.scope.split(/\s+/).filter(Boolean), ...SIGN_IN_SCOPES])].join(" ");
  const response = await fetch(`${config.authority}/${config.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: params.clientId,
      refresh_token: refreshToken,
      scope,
      redirect_uri: `brk-multihub://${new URL(paneOrigin).host}`,
      brk_client_id: config.clientId,
      brk_redirect_uri: config.redirectUri,
    }),
  });
  const body: unknown = await response.json();
  if (!response.ok) {
    const error = tokenError.safeParse(body);
    return failure(
      requestId,
      "PERSISTENT_ERROR",
      error.data?.error ?? `http_${response.status}`,
      error.data?.error_description ?? "The token endpoint refused the brokered request.",
    );
  }
  const token = tokenAnswer.parse(body);
  keepRefreshToken(token.refresh_token);
  const claims = claimsOf(token.id_token);
  return {
    messageType: "NestedAppAuthResponse",
    requestId,
    success: true,
    token: {
      access_token: token.access_token,
      expires_in: token.expires_in,
      id_token: token.id_token,
      scope: token.scope,
      properties: null,
    },
    account: {
      homeAccountId: `${claims.oid}.${claims.tid}`,
      environment: new URL(config.authority).host,
      tenantId: claims.tid,
      username: claims.preferred_username,
      localAccountId: claims.oid,
      ...(claims.name ? { name: claims.name } : {}),
    },
  };
}

/** One request at a time: each redemption rotates the refresh token the next one needs. */
let queue: Promise<unknown> = Promise.resolve();

/** Answers one bridge request from the pane at `paneOrigin`; the answer is MSAL's JSON response envelope. */
export function answerBrokerRequest(
  config: HostPageConfig,
  paneOrigin: string,
  raw: string,
): Promise<string> {
  const answer = queue.then(async () => {
    let parsed: z.infer<typeof request>;
    try {
      parsed = request.parse(JSON.parse(raw));
    } catch {
      return failure("", "PERSISTENT_ERROR", "invalid_request", "Not a nested app authentication request.");
    }
    if (parsed.method === "GetInitContext") {
      return {
        messageType: "NestedAppAuthResponse",
        requestId: parsed.requestId,
        success: true,
        initContext: {
          sdkName: "Outlook (simulator)",
          sdkVersion: "1.1",
          capabilities: { queryAccount: false },
        },
      };
    }
    if (!parsed.tokenParams)
      return failure(parsed.requestId, "PERSISTENT_ERROR", "invalid_request", "tokenParams is missing.");
    return redeem(config, paneOrigin, parsed.requestId, parsed.tokenParams).catch((error: unknown) =>
      failure(parsed.requestId, "PERSISTENT_ERROR", "broker_error", String(error)),
    );
  });
  queue = answer;
  return answer.then((envelope) => JSON.stringify(envelope));
}

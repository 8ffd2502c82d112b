import type { Request, Response } from "express";
import type { SimContext } from "../context";
import type { DirectoryUser } from "../directory";
import { AadstsError, aadsts, aadstsBody } from "./errors";
import { errorPage, formPostPage, signInPage, signedOutPage } from "./pages";
import { isAllowedRedirect } from "./redirects";
import { delegatedScopes } from "./scopes";
import { forgetStale, identityRecords, opaqueToken } from "./store";
import { isOurTenant } from "./tenant";

type ResponseMode = "query" | "fragment" | "form_post";

/** People who can sign in here: staff, and the shared mailboxes that hold Mødeklar roles. */
export function signInAccounts(ctx: SimContext): DirectoryUser[] {
  return [...ctx.state.users.values()].filter(
    (u) => u.kind === "person" || (u.kind === "shared" && u.appRoles.length > 0),
  );
}

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function showError(res: Response, ctx: SimContext, err: AadstsError): void {
  const body = aadstsBody(err, ctx.baseUrl(), ctx.state.clock.now());
  res.status(400).type("html").send(errorPage(body));
}

function answer(
  res: Response,
  redirectUri: string,
  mode: ResponseMode,
  fields: Record<string, string>,
): void {
  if (mode === "form_post") {
    res.type("html").send(formPostPage(redirectUri, fields));
    return;
  }
  const params = new URLSearchParams(fields).toString();
  if (mode === "fragment") {
    res.redirect(302, `${redirectUri.split("#")[0]}#${params}`);
    return;
  }
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
  res.redirect(302, url.toString());
}

/**
 * `GET /{tenant}/oauth2/v2.0/authorize`: the authorization code flow with PKCE. Problems
 * with the client or its redirect URI show an error page (never a redirect to an address
 * nobody registered); every later problem goes back to the app as `error` and
 * `error_description`, as Entra does.
 */
export function authorizeEndpoint(ctx: SimContext) {
  return (req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store, no-cache");
    const tenant = String(req.params["tenant"]);
    if (!isOurTenant(ctx, tenant)) return showError(res, ctx, aadsts.tenantNotFound(tenant));
    const clientId = query(req, "client_id");
    if (!clientId) return showError(res, ctx, aadsts.missingParameter("client_id"));
    const app = ctx.state.apps.get(clientId);
    if (!app) return showError(res, ctx, aadsts.appNotFound(clientId));
    const redirectUri = query(req, "redirect_uri");
    if (!redirectUri) return showError(res, ctx, aadsts.missingParameter("redirect_uri"));
    if (!isAllowedRedirect(app, redirectUri))
      return showError(res, ctx, aadsts.redirectMismatch(redirectUri, clientId));

    const modeParam = query(req, "response_mode") ?? "query";
    const mode: ResponseMode = modeParam === "fragment" || modeParam === "form_post" ? modeParam : "query";
    const state = query(req, "state");
    const withState = (fields: Record<string, string>) => (state ? { ...fields, state } : fields);
    const fail = (err: AadstsError) => {
      const body = aadstsBody(err, ctx.baseUrl(), ctx.state.clock.now());
      answer(
        res,
        redirectUri,
        mode,
        withState({
          error: body.error,
          error_description: body.error_description,
          error_uri: body.error_uri,
        }),
      );
    };

    try {
      const responseType = query(req, "response_type");
      if (!responseType) throw aadsts.missingParameter("response_type");
      if (responseType !== "code") throw aadsts.unsupportedResponseType(responseType);
      const scopes = delegatedScopes(ctx.state, app, query(req, "scope"));
      const codeChallenge = query(req, "code_challenge");
      const method = query(req, "code_challenge_method") ?? "plain";
      if (codeChallenge && method !== "S256" && method !== "plain") throw aadsts.invalidCodeChallengeMethod();

      const hint = query(req, "login_hint");
      const hinted = hint ? ctx.state.findUser(hint) : undefined;
      const accounts = signInAccounts(ctx);
      const chosen = hinted && accounts.includes(hinted) ? hinted : undefined;

      if (query(req, "prompt") !== "none") {
        const choices = accounts.map((user) => {
          const url = new URL(req.originalUrl, ctx.baseUrl());
          url.searchParams.set("login_hint", user.userPrincipalName);
          url.searchParams.set("prompt", "none");
          return { user, href: `${url.pathname}${url.search}`, suggested: user === chosen };
        });
        choices.sort((a, b) => Number(b.suggested) - Number(a.suggested));
        res.type("html").send(signInPage(app.displayName, choices));
        return;
      }
      if (!chosen) throw aadsts.loginRequired();

      forgetStale(ctx.state);
      const code = opaqueToken("1.AQ");
      const nonce = query(req, "nonce");
      identityRecords(ctx.state).codes.set(code, {
        clientId,
        redirectUri,
        userId: chosen.id,
        scopes,
        codeChallenge,
        codeChallengeMethod: codeChallenge ? (method as "S256" | "plain") : undefined,
        nonce,
        issuedAt: ctx.state.clock.now().getTime(),
        redeemed: false,
      });
      const fields: Record<string, string> = { code };
      if (query(req, "client_info") === "1") {
        fields["client_info"] = Buffer.from(JSON.stringify({ uid: chosen.id, utid: ctx.tenantId })).toString(
          "base64url",
        );
      }
      answer(res, redirectUri, mode, withState({ ...fields, session_state: `${chosen.id}-session` }));
    } catch (err) {
      if (err instanceof AadstsError) return fail(err);
      throw err;
    }
  };
}

/** `/{tenant}/oauth2/v2.0/logout`: back to `post_logout_redirect_uri` when an app registered it. */
export function logoutEndpoint(ctx: SimContext) {
  return (req: Request, res: Response) => {
    const target = query(req, "post_logout_redirect_uri");
    const registered = target && [...ctx.state.apps.values()].some((app) => isAllowedRedirect(app, target));
    if (!target || !registered) {
      res.type("html").send(signedOutPage());
      return;
    }
    const url = new URL(target);
    const state = query(req, "state");
    if (state) url.searchParams.set("state", state);
    res.redirect(302, url.toString());
  };
}

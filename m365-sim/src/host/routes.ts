import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { Router, type Request, type Response } from "express";
import type { SimContext } from "../context";
import { DEMO_DOMAIN, GRAPH_APP_ID, GRAPH_RESOURCE, OUTLOOK_HOST_CLIENT_ID } from "../directory";
import { registerRedirectUri } from "../identity/store";
import type { SimState } from "../state";
import { browserScript, type BrowserScript } from "./bundle";
import { HOST_SCOPES, type HostPageConfig, type OpenableCalendar } from "./config";
import { parseManifest, type AddinManifest } from "./manifest";
import { hostPage } from "./page";

/**
 * `/host`: Outlook on the web for the add-in. The page, its script, the Office.js the task
 * pane loads instead of Microsoft's, and the list of calendars a person may open.
 */

export interface HostSettings {
  /** The add-in manifest the page shows buttons from; read again on every page load. */
  manifestPath: string;
  /** Claim NestedAppAuth 1.1 and broker the pane's sign-in (Outlook today); off: the pane's popup fallback. */
  nestedAppAuth: boolean;
}

const DEFAULT_MANIFEST =
  process.env["SIM_ADDIN_MANIFEST"] ?? fileURLToPath(new URL("../../../manifest.xml", import.meta.url));
const settings = new WeakMap<SimState, HostSettings>();

/** Points the host page at another manifest (a test's, or one written for another PUBLIC_URL). */
export function configureHost(sim: { state: SimState }, changes: Partial<HostSettings>): void {
  settings.set(sim.state, { ...hostSettings(sim.state), ...changes });
}

export function hostSettings(state: SimState): HostSettings {
  return (
    settings.get(state) ?? {
      manifestPath: DEFAULT_MANIFEST,
      nestedAppAuth: process.env["SIM_HOST_NESTED_APP_AUTH"] === "1",
    }
  );
}

/** The page's address; also its redirect URI on Outlook's app registration. */
export function hostUrlOf(baseUrl: string): string {
  return `${baseUrl}/host/`;
}

async function loadAddin(path: string): Promise<{ addin: AddinManifest | null; problem: string | null }> {
  try {
    return { addin: parseManifest(await readFile(path, "utf8")), problem: null };
  } catch (error) {
    return { addin: null, problem: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function hostRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;

  router.get("/", async (req: Request, res: Response) => {
    if (!req.originalUrl.split("?")[0]?.endsWith("/")) {
      const query = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?")) : "";
      res.redirect(301, `${req.baseUrl}/${query}`);
      return;
    }
    const redirectUri = hostUrlOf(ctx.baseUrl());
    // Registered on every load: a control-API reset brings back the seeded app registrations.
    registerRedirectUri(state, OUTLOOK_HOST_CLIENT_ID, redirectUri);
    const { addin, problem } = await loadAddin(hostSettings(state).manifestPath);
    const config: HostPageConfig = {
      authority: ctx.baseUrl(),
      tenantId: ctx.tenantId,
      clientId: OUTLOOK_HOST_CLIENT_ID,
      redirectUri,
      scope: HOST_SCOPES,
      tenantDomain: DEMO_DOMAIN,
      addin,
      addinProblem: problem,
      nestedAppAuth: hostSettings(state).nestedAppAuth,
    };
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(hostPage(config));
  });

  const script = (name: BrowserScript) => async (_req: Request, res: Response) => {
    const code = await browserScript(name);
    res.setHeader("Cache-Control", "no-cache");
    // The task pane is on another origin and loads office.js from here.
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.type("application/javascript").send(code);
  };
  router.get("/office.js", script("office"));
  router.get("/outlook.js", script("outlook"));

  /** Outlook remembers which shared calendars a person opened; here: their own and every one they are a delegate of. */
  router.get("/calendars", async (req: Request, res: Response) => {
    const token = req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
    let userId: string;
    try {
      const claims = await ctx.keys.verify(token, {
        issuer: ctx.issuer(),
        audience: [GRAPH_RESOURCE, GRAPH_APP_ID],
        now: state.clock.now(),
      });
      userId = String(claims["oid"]);
    } catch {
      res.status(401).json({ error: "Sign in again." });
      return;
    }
    const me = state.users.get(userId);
    if (!me) {
      res.status(401).json({ error: "Sign in again." });
      return;
    }
    const calendar = (id: string, own: boolean): OpenableCalendar[] => {
      const user = state.users.get(id);
      return user ? [{ id: user.id, displayName: user.displayName, mail: user.mail ?? "", own }] : [];
    };
    res.json({
      calendars: [...calendar(me.id, true), ...me.delegateOf.flatMap((id) => calendar(id, false))],
      now: DateTime.fromJSDate(state.clock.now()).toISO(),
      timeZone: me.timeZone,
    });
  });

  return router;
}

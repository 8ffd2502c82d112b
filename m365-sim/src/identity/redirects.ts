import type { AppRegistration } from "../directory";
import { DEMO_CLIENT_ID } from "../directory";
import type { SimState } from "../state";
import { environmentRedirectUris } from "./tenant";

/** Exact match, as Entra compares redirect URIs (the demo app also takes the ones in SIM_REDIRECT_URIS). */
export function isAllowedRedirect(app: AppRegistration, uri: string): boolean {
  if (app.redirectUris.includes(uri)) return true;
  return app.clientId === DEMO_CLIENT_ID && environmentRedirectUris().includes(uri);
}

/** Origins of every registered redirect URI: the browser pages allowed to call the token endpoint. */
export function redirectOrigins(state: SimState): Set<string> {
  const origins = new Set<string>();
  const uris = [...[...state.apps.values()].flatMap((a) => a.redirectUris), ...environmentRedirectUris()];
  for (const uri of uris) {
    try {
      // brk-multihub:// and other custom schemes name no web origin.
      const { origin, protocol } = new URL(uri);
      if (protocol === "https:" || protocol === "http:") origins.add(origin);
    } catch {
      // A malformed registration allows no origin.
    }
  }
  return origins;
}

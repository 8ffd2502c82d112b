import {
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  InteractionRequiredAuthError,
  type Configuration,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import { TaskPaneConfigSchema, type TaskPaneConfig } from "@modeklar/shared";
import { supportsNestedAppAuth } from "../office";

/** A signed-in connection to Mødeklar's service: where its API is, and a fresh token per call. */
export interface ServiceSession {
  apiBase: string;
  /** True when a token can be had without asking the person (an account is remembered, or Outlook brokers it). */
  readonly signedIn: boolean;
  /** A fresh token; may open the sign-in popup, so call it from a click when not signed in. */
  token(): Promise<string>;
}

/** Mødeklar's service did not answer (network down, the service stopped or failing): not a sign-in matter. */
export class ServiceUnreachable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ServiceUnreachable";
  }
}

/** The page's public settings, served by the service beside the page; ServiceUnreachable when it does not answer. */
export async function loadTaskPaneConfig(url = "./config.json"): Promise<TaskPaneConfig> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-cache" });
  } catch (error) {
    throw new ServiceUnreachable(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new ServiceUnreachable(`${url} answered ${response.status}`);
  return TaskPaneConfigSchema.parse(await response.json());
}

export function msalConfiguration(config: TaskPaneConfig): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: new URL("./auth-redirect.html", globalThis.location.href).href,
    },
    cache: { cacheLocation: "localStorage" },
  };
}

/**
 * Signs in to the service: through Outlook (nested app authentication) where the host
 * supports it, else with MSAL in the page: silently from its cache, then by a popup.
 */
export async function signIn(
  config: TaskPaneConfig,
  create: (configuration: Configuration) => Promise<IPublicClientApplication> = supportsNestedAppAuth()
    ? createNestablePublicClientApplication
    : createStandardPublicClientApplication,
): Promise<ServiceSession> {
  const nested = supportsNestedAppAuth();
  const msal = await create(msalConfiguration(config));
  await msal.handleRedirectPromise().catch(() => null);
  const request = { scopes: config.scopes };
  const token = async () => {
    const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
    // Through Outlook's broker no account is needed: Outlook knows who is signed in.
    if (account || nested) {
      try {
        const result = await msal.acquireTokenSilent({ ...request, ...(account ? { account } : {}) });
        msal.setActiveAccount(result.account);
        return result.accessToken;
      } catch (error) {
        if (!(error instanceof InteractionRequiredAuthError)) throw error;
      }
    }
    const result = await msal.acquireTokenPopup(request);
    msal.setActiveAccount(result.account);
    return result.accessToken;
  };
  return {
    apiBase: config.apiBase,
    get signedIn() {
      return nested || msal.getAllAccounts().length > 0;
    },
    token,
  };
}

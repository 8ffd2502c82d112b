import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ConfidentialClientApplication, type NodeAuthOptions } from "@azure/msal-node";
import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import type { ClientCredential } from "../config";

/** Who the app signs in as; the service's configuration is one (`createAuthProvider(config)`). */
export interface AppIdentity {
  tenantId: string;
  clientId: string;
  authorityHost: string;
  credential: ClientCredential;
  /** The Graph resource whose `.default` scope is requested. */
  graphResource?: string;
}

const GRAPH_RESOURCE = "https://graph.microsoft.com";

async function credentialOptions(credential: ClientCredential): Promise<Partial<NodeAuthOptions>> {
  if (credential.kind === "secret") return { clientSecret: credential.secret };
  const [certificatePem, privateKey] = await Promise.all([
    readFile(credential.certificatePath, "utf8"),
    readFile(credential.privateKeyPath, "utf8"),
  ]);
  const certificate = new X509Certificate(certificatePem);
  return {
    clientCertificate: {
      thumbprintSha256: certificate.fingerprint256.replace(/:/g, ""),
      privateKey,
      // Sending the chain (x5c) lets Entra accept a rolled certificate by subject name.
      x5c: certificatePem,
    },
  };
}

/**
 * The app's Graph token source: MSAL's client-credentials flow against
 * `${AUTHORITY_HOST}/${TENANT_ID}`. MSAL caches the token and renews it before it expires.
 */
export async function createAuthProvider(identity: AppIdentity): Promise<AuthenticationProvider> {
  const authorityHost = new URL(identity.authorityHost);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: identity.clientId,
      authority: `${authorityHost.origin}/${identity.tenantId}`,
      knownAuthorities: [authorityHost.host],
      ...(await credentialOptions(identity.credential)),
    },
  });
  const scopes = [`${identity.graphResource ?? GRAPH_RESOURCE}/.default`];
  return {
    async getAccessToken() {
      const result = await app.acquireTokenByClientCredential({ scopes });
      if (!result?.accessToken) throw new Error("The identity provider returned no access token.");
      return result.accessToken;
    },
  };
}

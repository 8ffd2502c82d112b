import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import path from "node:path";
import { createCA, createCert } from "mkcert";

/**
 * A local development CA and a localhost server certificate, made once and reused.
 * MSAL refuses an `http:` authority and the Graph client only sends tokens to `https:`
 * hosts, so the simulator (and the service in the demo) speak HTTPS. Node processes
 * trust the CA through NODE_EXTRA_CA_CERTS, set by the start and test scripts; TLS
 * checks are never turned off. (This is what office-addin-dev-certs does, through the
 * same `mkcert` package, without its telemetry and system trust-store install.)
 */
export interface DevCertificates {
  caPath: string;
  certPath: string;
  keyPath: string;
  ca: string;
  cert: string;
  key: string;
}

const DOMAINS = ["localhost", "127.0.0.1", "::1"];

export async function ensureDevCertificates(dir: string): Promise<DevCertificates> {
  const caPath = path.join(dir, "ca.crt");
  const caKeyPath = path.join(dir, "ca.key");
  const certPath = path.join(dir, "localhost.crt");
  const keyPath = path.join(dir, "localhost.key");
  mkdirSync(dir, { recursive: true });

  if (
    !existsSync(caPath) ||
    !existsSync(caKeyPath) ||
    expiresWithinDays(caPath, 30) ||
    !hasAsciiSubject(caPath)
  ) {
    // ASCII names only: they are encoded as PrintableString, and Chromium refuses a certificate
    // whose PrintableString holds "ø" (ERR_SSL_SERVER_CERT_BAD_FORMAT).
    const ca = await createCA({
      organization: "Modeklar local development CA",
      countryCode: "DK",
      state: "Sjaelland",
      locality: "Fjordby",
      validity: 825,
    });
    writeFileSync(caPath, ca.cert);
    writeFileSync(caKeyPath, ca.key, { mode: 0o600 });
    writeFileSync(certPath, "");
  }
  if (!existsSync(certPath) || readFileSync(certPath, "utf8") === "" || expiresWithinDays(certPath, 7)) {
    const cert = await createCert({
      ca: { cert: readFileSync(caPath, "utf8"), key: readFileSync(caKeyPath, "utf8") },
      domains: DOMAINS,
      validity: 365,
      organization: "Modeklar local development",
    });
    writeFileSync(certPath, cert.cert);
    writeFileSync(keyPath, cert.key, { mode: 0o600 });
  }
  return {
    caPath,
    certPath,
    keyPath,
    ca: readFileSync(caPath, "utf8"),
    cert: readFileSync(certPath, "utf8"),
    key: readFileSync(keyPath, "utf8"),
  };
}

function expiresWithinDays(pemPath: string, days: number): boolean {
  try {
    const cert = new X509Certificate(readFileSync(pemPath));
    return new Date(cert.validTo).getTime() - Date.now() < days * 86_400_000;
  } catch {
    return true;
  }
}

function hasAsciiSubject(pemPath: string): boolean {
  try {
    return /^[\x20-\x7e\n]*$/.test(new X509Certificate(readFileSync(pemPath)).subject);
  } catch {
    return false;
  }
}

/** The certificate folder: CERT_DIR when set, else `.certs/` at the repository root (git-ignored). */
export function defaultCertDir(): string {
  return process.env["CERT_DIR"] || path.resolve(import.meta.dirname, "../../.certs");
}

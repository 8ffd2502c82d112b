/**
 * Writes the Outlook add-in manifest (manifest.xml at the repository root) from
 * addin/manifest.template.xml. Every URL in it comes from PUBLIC_URL, the address that
 * serves the add-in's pages; AUTHORITY_HOST only adds the sign-in host to AppDomains.
 *
 *   PUBLIC_URL=https://moedeklar.kommune.dk npx tsx scripts/write-manifest.ts [out.xml]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ADDIN_ID } from "../addin/src/addin-id";

export const DEFAULT_PUBLIC_URL = "https://localhost:3000";
export const DEFAULT_SIGN_IN_HOST = "https://login.microsoftonline.com";

const repoRoot = resolve(fileURLToPath(import.meta.url), "../..");
export const MANIFEST_TEMPLATE_PATH = resolve(repoRoot, "addin/manifest.template.xml");
export const MANIFEST_PATH = resolve(repoRoot, "manifest.xml");

export interface ManifestSettings {
  publicUrl: string;
  signInHost?: string;
}

export function renderManifest(settings: ManifestSettings, template = readTemplate()): string {
  const publicUrl = httpsUrl(settings.publicUrl, "PUBLIC_URL");
  const signIn = httpsUrl(settings.signInHost ?? DEFAULT_SIGN_IN_HOST, "AUTHORITY_HOST");
  const values: Record<string, string> = {
    ADDIN_ID,
    VERSION: manifestVersion(),
    // No trailing slash: the template appends "/taskpane.html" and the like.
    PUBLIC_URL: publicUrl.href.replace(/\/+$/, ""),
    PUBLIC_ORIGIN: publicUrl.origin,
    SIGN_IN_ORIGIN: signIn.origin,
  };
  const banner = "<!-- Written by scripts/write-manifest.ts from addin/manifest.template.xml. -->\n";
  const xml = template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Unknown placeholder ${placeholder} in the manifest template`);
    return escapeXml(value);
  });
  return xml.replace(/^(<\?xml[^>]*\?>\n)/, `$1${banner}`);
}

function readTemplate(): string {
  return readFileSync(MANIFEST_TEMPLATE_PATH, "utf8");
}

function httpsUrl(value: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${setting} must be an absolute URL, got "${value}"`);
  }
  // Outlook loads add-in pages and icons only over HTTPS.
  if (url.protocol !== "https:") throw new Error(`${setting} must start with https://, got "${value}"`);
  if (url.search || url.hash) throw new Error(`${setting} must not have a query or fragment, got "${value}"`);
  return url;
}

/** The manifest wants four numeric parts (n.n.n.n); the root package.json has three. */
function manifestVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(repoRoot, "package.json"), "utf8")) as { version: string };
  return `${pkg.version.replace(/[-+].*$/, "")}.0`;
}

function escapeXml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(process.argv[2] ?? MANIFEST_PATH);
  const publicUrl = process.env["PUBLIC_URL"] || DEFAULT_PUBLIC_URL;
  writeFileSync(
    out,
    renderManifest({ publicUrl, signInHost: process.env["AUTHORITY_HOST"] || DEFAULT_SIGN_IN_HOST }),
  );
  console.log(`Wrote ${out} for ${publicUrl}`);
}

/**
 * Writes the Outlook add-in's two manifests at the repository root from what
 * addin/manifest-declarations.ts declares: manifest.xml (the add-in only manifest, from
 * addin/manifest.template.xml) and manifest.json with its English localization (the unified
 * manifest for Microsoft 365, scripts/unified-manifest.ts). Every URL in them comes from
 * PUBLIC_URL, the address that serves the add-in's pages; AUTHORITY_HOST only adds the sign-in
 * host to the domains the task pane may open.
 *
 *   PUBLIC_URL=https://moedeklar.kommune.dk npx tsx scripts/write-manifest.ts [out.xml]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ADDIN_ID } from "@modeklar/shared";
import { ADDIN_DECLARATIONS as ADDIN } from "../addin/manifest-declarations";
import { ENGLISH_FILE, renderUnifiedManifest } from "./unified-manifest";

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
    PROVIDER: ADDIN.provider,
    NAME_DA: ADDIN.name.da,
    NAME_EN: ADDIN.name.en,
    DESCRIPTION_DA: ADDIN.description.da,
    DESCRIPTION_EN: ADDIN.description.en,
    GROUP_LABEL_DA: ADDIN.groupLabel.da,
    GROUP_LABEL_EN: ADDIN.groupLabel.en,
    BUTTON_LABEL_DA: ADDIN.buttonLabel.da,
    BUTTON_LABEL_EN: ADDIN.buttonLabel.en,
    BUTTON_TOOLTIP_DA: ADDIN.buttonTooltip.da,
    BUTTON_TOOLTIP_EN: ADDIN.buttonTooltip.en,
    ITEM_ACCESS: ADDIN.itemAccess,
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

export function httpsUrl(value: string, setting: string): URL {
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
export function manifestVersion(): string {
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
  const settings = {
    publicUrl: process.env["PUBLIC_URL"] || DEFAULT_PUBLIC_URL,
    signInHost: process.env["AUTHORITY_HOST"] || DEFAULT_SIGN_IN_HOST,
  };
  writeFileSync(out, renderManifest(settings));
  const unified = renderUnifiedManifest(settings);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(resolve(dirname(out), "manifest.json"), json(unified.manifest));
  writeFileSync(resolve(dirname(out), ENGLISH_FILE), json(unified.english));
  console.log(`Wrote ${out}, manifest.json and ${ENGLISH_FILE} for ${settings.publicUrl}`);
}

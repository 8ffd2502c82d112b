import react from "@vitejs/plugin-react";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";

const MICROSOFT_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Each page is its own HTML entry, so the phone page never loads the task pane's code. */
const PAGES = ["taskpane", "mobile", "week", "daylist", "inquiries", "baseline", "auth-redirect"] as const;

/**
 * Production pages load Microsoft's office.js; OFFICE_JS_URL lets a build load another
 * Office.js-shaped script (the simulator's Outlook host) without any code knowing.
 */
function officeJs(): Plugin {
  const url = process.env["OFFICE_JS_URL"] || MICROSOFT_OFFICE_JS;
  return {
    name: "modeklar-office-js",
    transformIndexHtml: { order: "pre", handler: (html) => html.replaceAll("%OFFICE_JS_URL%", url) },
  };
}

/**
 * What every React page (one with `<div id="root">`) shares, in one place: a viewport for the
 * phone, light and dark colour schemes, Mødeklar's icon on the browser tab, and no margin around the app. The page files keep only
 * their title, their own tags and their entry script.
 */
function pageShell(): Plugin {
  const charset = '<meta charset="utf-8" />';
  const shared = [
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<meta name="color-scheme" content="light dark" />',
    '<link rel="icon" href="./assets/icon-32.png" />',
  ];
  return {
    name: "modeklar-page-shell",
    transformIndexHtml: {
      order: "pre",
      handler: (html) =>
        html.includes('<div id="root">')
          ? html
              .replace(charset, [charset, ...shared].join("\n    "))
              .replace("<body>", '<body style="margin: 0">')
          : html,
    },
  };
}

/**
 * `npm run dev -w addin` serves https://localhost:3000, the manifest's default PUBLIC_URL, with
 * the local development certificate (made by `npm start` or the test wrapper) when it exists.
 */
function devCertificate(): { cert: Buffer; key: Buffer } | undefined {
  const dir = process.env["CERT_DIR"] || resolve(import.meta.dirname, "../.certs");
  const [cert, key] = [resolve(dir, "localhost.crt"), resolve(dir, "localhost.key")];
  if (!existsSync(cert) || !existsSync(key)) return undefined;
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  base: "./",
  plugins: [react(), officeJs(), pageShell()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: Object.fromEntries(PAGES.map((page) => [page, resolve(import.meta.dirname, `${page}.html`)])),
    },
  },
  server: { port: 3000, strictPort: true, ...(command === "serve" ? { https: devCertificate() } : {}) },
}));

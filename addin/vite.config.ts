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
  plugins: [react(), officeJs()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: Object.fromEntries(PAGES.map((page) => [page, resolve(import.meta.dirname, `${page}.html`)])),
    },
  },
  server: { port: 3000, strictPort: true, ...(command === "serve" ? { https: devCertificate() } : {}) },
}));

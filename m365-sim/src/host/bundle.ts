import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The host page's scripts are TypeScript beside this file, bundled for the browser with
 * esbuild the first time a page asks for them and kept for the life of the process.
 */

export type BrowserScript = "office" | "outlook";

const ENTRIES: Record<BrowserScript, string> = {
  office: fileURLToPath(new URL("./browser/office.ts", import.meta.url)),
  outlook: fileURLToPath(new URL("./browser/outlook.ts", import.meta.url)),
};

const built = new Map<BrowserScript, Promise<string>>();

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: "inline",
    write: false,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
  return file.text;
}

export function browserScript(name: BrowserScript): Promise<string> {
  let script = built.get(name);
  if (!script) {
    script = bundle(ENTRIES[name]);
    // A failed build is tried again on the next request rather than remembered.
    script.catch(() => built.delete(name));
    built.set(name, script);
  }
  return script;
}

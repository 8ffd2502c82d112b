/**
 * Builds the sync service for running: `sync-service/dist/main.js` and the preflight
 * `dist/doctor.js` (plus chunks they share or load on demand), bundles of the service, `shared/`
 * and the libraries, started with plain `node`. `.env.example` goes beside them: the doctor
 * checks the environment against it.
 * Running the bundle instead of the TypeScript sources through tsx saves the transpiler's
 * memory and start-up work; the one process the secretariat keeps running all day should carry
 * only what it runs.
 *
 *   node --import tsx sync-service/build.ts
 *
 * PGlite stays a package of its own: it loads its WebAssembly and data files from beside its
 * code. `pg-native` is an optional driver `pg` never loads here.
 */
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const here = import.meta.dirname;

export async function buildService(outdir = path.join(here, "dist")): Promise<string> {
  await build({
    entryPoints: { main: path.join(here, "src/main.ts"), doctor: path.join(here, "src/doctor/main.ts") },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["@electric-sql/pglite", "pg-native"],
    // CommonJS libraries in an ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: "linked",
    legalComments: "linked",
    logLevel: "warning",
  });
  await copyFile(path.join(here, "../.env.example"), path.join(outdir, ".env.example"));
  return path.join(outdir, "main.js");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const main = await buildService();
  process.stdout.write(`Built ${path.relative(process.cwd(), main)}\n`);
}

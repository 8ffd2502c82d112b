import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import globals from "globals";

/**
 * Layered imports: a package's parts in tiers, lowest first; a part may import the parts in
 * the tiers below its own and nothing beside or above it, so imports point one way and no
 * circle can form between parts. A part is a folder under `root` or a module in `root`
 * itself. Test files (*.test.ts) sit above everything and are left out. Returns flat-config
 * blocks of `no-restricted-imports` (one per part and folder depth), refusing the relative
 * specifiers that would reach a part at the same tier or above, and a folder's own index
 * (`./index`), whose re-exports are how a folder imports itself in a circle.
 */
function layeredImports({ root, tiers, why }) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const tierOf = new Map(tiers.flatMap((parts, tier) => parts.map((part) => [part.name, tier])));
  const blocks = [];
  for (const [tier, parts] of tiers.entries()) {
    const refused = tiers.slice(tier).flat();
    for (const part of parts) {
      for (const depth of part.module ? [0] : (part.depths ?? [1])) {
        // How a file at this depth names `root`: "./" beside it, "../" from a folder in it.
        const up = escape(depth === 0 ? "./" : "../".repeat(depth));
        const reach = (other) =>
          other.module
            ? `^${up}${escape(other.name)}(\\.[jt]s)?$` +
              (other.name === "index" ? `|^${up.slice(0, -1)}$` : "")
            : `^${up}${escape(other.name)}(/|$)`;
        const patterns = refused
          .filter((other) => other.name !== part.name)
          .map((other) => ({
            regex: reach(other),
            caseSensitive: true,
            message: `${part.name} (tier ${tier}) may not import ${other.name} (tier ${tierOf.get(other.name)}): ${why}`,
          }));
        if (depth > 0) {
          patterns.push({
            regex: "^\\.(/index(\\.[jt]s)?)?/?$",
            caseSensitive: true,
            message: `import the module itself, not its folder's index: ${why}`,
          });
        }
        blocks.push({
          files: [
            part.module ? `${root}/${part.name}.ts` : `${root}/${part.name}/${"*/".repeat(depth - 1)}*.ts`,
          ],
          ignores: [`${root}/**/*.test.ts`],
          rules: { "no-restricted-imports": ["error", { patterns }] },
        });
      }
    }
  }
  return blocks;
}

// ── m365-sim: its imports point one way (m365-sim/README.md, "Layers") ─────────────────
// The world and its model at the bottom; what Exchange and Entra do with it; Graph's routes;
// the seed and the snapshot; the control API and the Outlook host page; the app, the server
// and the command line on top. Change a tier here and in the README together.
const folder = (name, depths) => ({ name, depths });
const rootModule = (name) => ({ name, module: true });
const simLayers = layeredImports({
  root: "m365-sim/src",
  why: "m365-sim's imports point one way, see the tiers in m365-sim/README.md",
  tiers: [
    ["directory", "odata", "item-body", "signing-keys", "certs"].map(rootModule),
    ["state", "extended-properties"].map(rootModule),
    ["context", "dice"].map(rootModule),
    [folder("calendar"), folder("identity"), folder("notifications")],
    [folder("mail"), folder("places")],
    [folder("graph")],
    [folder("seed"), rootModule("snapshot")],
    [folder("control"), folder("host", [1, 2])],
    [rootModule("app")],
    [rootModule("server")],
    [rootModule("index"), folder("bin")],
  ],
});
// ── end of m365-sim ────────────────────────────────────────────────────────────────────

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/dist-demo/**",
      "data/**",
      ".certs/**",
      "coverage/**",
      "bench-results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["addin/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["addin/src/**/*.{ts,tsx}"],
    ignores: ["addin/src/office/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        {
          name: "Office",
          message:
            "Office.js is touched only in addin/src/office/ (one adapter); everything else gets a plain interface from there.",
        },
      ],
    },
  },
  {
    files: ["scripts/**", "**/*.test.ts", "**/*.test.tsx", "tests/**", "bench/**", "**/bin/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["shared/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["node:*", "react", "react-dom", "@fluentui/*", "express", "pg", "@electric-sql/*"] },
      ],
    },
  },
  ...simLayers,
  // What ships never imports what only tests use: the simulator, and the sync service's test
  // helpers and store suites (sync-service/test/). Test files themselves are left out.
  ...[
    { files: ["sync-service/src/**/*.ts"], ignores: ["sync-service/src/**/*.test.ts"] },
    { files: ["addin/src/**/*.{ts,tsx}"], ignores: ["addin/src/**/*.test.{ts,tsx}"] },
    // Below the API: the mirror, sync, reconcile, outbox, journal and the store never import http/.
    {
      files: ["sync-service/src/{graph,mirror,sync,store,reconcile,outbox,journal,retention,ics}/**/*.ts"],
      ignores: ["sync-service/src/**/*.test.ts"],
      below: "http",
    },
    // The pages' views compute what each page gets; the routes call them, never the other way round.
    {
      files: ["sync-service/src/http/views/**/*.ts"],
      ignores: ["sync-service/src/**/*.test.ts"],
      below: "routes",
      why: "a page view never imports the routes: the routes parse, call the view and answer.",
    },
  ].map(({ below, why, ...block }) => ({
    ...block,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@modeklar/m365-sim", "@modeklar/m365-sim/*"],
              message: "production code never imports the Microsoft 365 simulator; tests do.",
            },
            {
              regex: "^(\\.\\./)+(m365-sim|test|tests)(/|$)",
              message:
                "production code never imports the simulator or test-only code (sync-service/test, tests/).",
            },
            ...(below
              ? [
                  {
                    regex: `^(\\.\\./)+${below}(/|$)`,
                    message:
                      why ??
                      `business logic and the edges below it never import ${below}/: the API mounts them, not the other way round.`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  prettier,
);

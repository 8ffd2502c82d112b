import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GRAPH_APPLICATION_PERMISSIONS, permissionsMarkdown, whyPermission } from "./permissions";

const root = path.resolve(import.meta.dirname, "../../..");

/** The block between the markers, without the indentation a list item gives it. */
function documented(file: string): string {
  const markdown = readFileSync(path.join(root, file), "utf8");
  const block = /<!-- graph-permissions:start -->\n([\s\S]*?)\n\s*<!-- graph-permissions:end -->/.exec(
    markdown,
  );
  if (!block?.[1]) throw new Error(`${file} has no graph-permissions block`);
  return block[1]
    .split("\n")
    .map((line) => line.trim())
    .join("\n");
}

describe("the Graph application permissions Mødeklar needs", () => {
  it("each say in Danish and English what Mødeklar does with them", () => {
    for (const permission of GRAPH_APPLICATION_PERMISSIONS) {
      expect(whyPermission("da", permission)).not.toBe(whyPermission("en", permission));
      expect(whyPermission("en", permission).length).toBeGreaterThan(10);
    }
  });

  it.each(["README.md", "docs/pilot.md"])("are the list %s shows", (file) => {
    expect(documented(file), `paste into ${file}:\n${permissionsMarkdown()}`).toBe(permissionsMarkdown());
  });
});

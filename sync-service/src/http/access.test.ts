import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fieldsMarkdown } from "../graph/fields";
import { accessMarkdown } from "./access";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");

/** The README's block between `<!-- name:start -->` and `<!-- name:end -->`. */
function block(name: string): string {
  const found = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme);
  if (!found?.[1]) throw new Error(`README.md has no ${name} block`);
  return found[1].trim();
}

describe("the README's privacy tables", () => {
  it("show who may call each route, as the access table decides it", () => {
    expect(block("role-route"), `paste into README.md:\n${accessMarkdown()}`).toBe(accessMarkdown());
  });

  it("show which Graph field each feature reads, as the mirror asks for them", () => {
    expect(block("graph-fields"), `paste into README.md:\n${fieldsMarkdown()}`).toBe(fieldsMarkdown());
  });
});

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * `.env.example` is the list of the service's settings: the preflight asks for every variable it
 * names, so a variable added there is checked without touching the doctor. A line `NAME=value`
 * is a setting to give; `NAME=` (empty) one that may stay empty; `# NAME=…` an alternative.
 */

export interface ExampleVariable {
  name: string;
  /** The example value; empty when the setting may stay empty. */
  example: string;
  /** Commented out in the file: an alternative to another setting (a certificate instead of a secret). */
  alternative: boolean;
}

const VARIABLE = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;

export function parseEnvExample(text: string): ExampleVariable[] {
  const variables: ExampleVariable[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const match = VARIABLE.exec(raw.trim());
    if (!match?.[2]) continue;
    variables.push({ name: match[2], example: (match[3] ?? "").trim(), alternative: Boolean(match[1]) });
  }
  return variables;
}

/** The service's credential is a secret or a certificate: the configuration's own rule says which are needed. */
export const CREDENTIAL_VARIABLES = new Set([
  "CLIENT_SECRET",
  "CLIENT_CERTIFICATE_PATH",
  "CLIENT_CERTIFICATE_KEY_PATH",
]);

/** The variables the environment must set: given in the example with a value, not one of the credential's alternatives. */
export function requiredVariables(variables: readonly ExampleVariable[]): string[] {
  return variables
    .filter((v) => !v.alternative && v.example !== "" && !CREDENTIAL_VARIABLES.has(v.name))
    .map((v) => v.name);
}

/**
 * Where `.env.example` is: beside the built doctor (the build copies it into dist/), else in a
 * folder above it (the repository's root, when run from the sources).
 */
export function findEnvExample(from: string = import.meta.dirname): string | null {
  let dir = from;
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(dir, ".env.example");
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

export function readEnvExample(file: string): ExampleVariable[] {
  return parseEnvExample(readFileSync(file, "utf8"));
}

import { ConfigError, loadConfig, type ServiceConfig } from "../config";
import { readEnvExample, requiredVariables } from "./env-example";
import { line, text, type CheckLine } from "./report";

export interface ConfigurationFinding {
  line: CheckLine;
  /** The parsed configuration when it is complete and well-formed; the other checks need it. */
  config: ServiceConfig | null;
}

/** Every variable `.env.example` gives is set, and the service's own parser accepts the whole environment. */
export function checkConfiguration(
  env: Record<string, string | undefined>,
  examplePath: string | null,
): ConfigurationFinding {
  if (!examplePath) {
    return {
      config: null,
      line: line(
        "config",
        "fail",
        text("doctor.config.noExample", { path: "—" }),
        text("doctor.config.noExample.fix"),
      ),
    };
  }
  const variables = readEnvExample(examplePath);
  const isSet = (name: string) => (env[name] ?? "").trim() !== "";
  const missing = requiredVariables(variables).filter((name) => !isSet(name));
  if (missing.length > 0) {
    return {
      config: null,
      line: line(
        "config",
        "fail",
        text("doctor.config.missing", { names: missing.join(", ") }),
        text("doctor.config.missing.fix"),
      ),
    };
  }
  try {
    const config = loadConfig(env);
    const count = new Set(variables.filter((v) => isSet(v.name)).map((v) => v.name)).size;
    return { config, line: line("config", "pass", text("doctor.config.ok", { count })) };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return {
      config: null,
      line: line(
        "config",
        "fail",
        text("doctor.config.invalid", { problems: err.problems.join("; ") }),
        text("doctor.config.invalid.fix"),
      ),
    };
  }
}

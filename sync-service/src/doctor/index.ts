import type { ServiceConfig } from "../config";
import { createGraphConnection } from "../graph";
import { checkConfiguration } from "./configuration";
import { checkDatabase } from "./database";
import { findEnvExample } from "./env-example";
import { checkPublicUrl } from "./public-url";
import { line, text, type CheckLine } from "./report";
import { checkAccessPolicy, checkMailbox, checkRooms } from "./tenant";
import { checkToken } from "./token";

export { formatReport, reportJson, failed, type CheckLine, type CheckStatus } from "./report";

export interface DoctorOptions {
  env?: Record<string, string | undefined>;
  /** `.env.example` to hold the environment against; found beside the doctor when not given. */
  envExamplePath?: string | null;
}

/** The checks that call Graph with the app's token, in the order IT would fix them. */
async function tenantChecks(token: string, config: ServiceConfig): Promise<CheckLine[]> {
  const { client } = createGraphConnection({
    graphBaseUrl: config.graphBaseUrl,
    authProvider: { getAccessToken: () => Promise.resolve(token) },
    retryDelaySeconds: 1,
    maxRetries: 2,
  });
  const lines = [await checkAccessPolicy(client, config)];
  for (const mailbox of config.mailboxes) lines.push(await checkMailbox(client, mailbox));
  lines.push(await checkRooms(client));
  lines.push(await checkPublicUrl(client, config));
  return lines;
}

const TENANT_CHECKS = ["access-policy", "rooms", "public-url"];

function skipped(ids: string[], reason: "doctor.check.config" | "doctor.check.token"): CheckLine[] {
  return ids.map((id) => line(id, "skip", text("doctor.skipped", { check: id, reason: text(reason) })));
}

/**
 * The preflight: one line per check, in Danish and English, with what to do when it fails.
 * Checks that need what an earlier one failed to give are listed as skipped, never silently left out.
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<CheckLine[]> {
  const env = options.env ?? process.env;
  const examplePath = options.envExamplePath === undefined ? findEnvExample() : options.envExamplePath;
  const configuration = checkConfiguration(env, examplePath);
  const config = configuration.config;
  if (!config) {
    return [
      configuration.line,
      ...skipped(["token", "clock", "permissions", ...TENANT_CHECKS, "database"], "doctor.check.config"),
    ];
  }
  const token = await checkToken(config);
  const tenant = token.token
    ? await tenantChecks(token.token, config)
    : skipped(["clock", "permissions", ...TENANT_CHECKS], "doctor.check.token");
  return [configuration.line, ...token.lines, ...tenant, await checkDatabase(config)];
}

/**
 * The sync service's process: configuration from the environment, then the service until
 * SIGTERM or SIGINT, on which it stops leasing, finishes the rounds under way, hands its
 * mailboxes back and closes the store.
 */
import { ConfigError, loadConfig, type ServiceConfig } from "./config";
import { createLogger } from "./http/logging";
import { createService } from "./service";

let config: ServiceConfig;
try {
  config = loadConfig();
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
const service = await createService(config, { logger }).catch((err: unknown) => {
  logger.fatal({ err }, "the sync service could not start");
  process.exit(1);
});

logger.info(
  {
    url: service.url,
    instanceId: service.instanceId,
    mailboxes: config.mailboxes,
    openapi: `${config.publicUrl}/openapi.json`,
    healthz: `${config.publicUrl}/healthz`,
    readyz: `${config.publicUrl}/readyz`,
    metrics: `${config.publicUrl}/metrics`,
  },
  "Mødeklar sync service is running",
);

let stopping = false;
async function shutDown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping: finishing the rounds under way and handing the mailboxes back");
  try {
    await service.stop();
    process.exit(0);
  } catch (err) {
    logger.error({ err }, "stopping failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutDown("SIGTERM"));
process.on("SIGINT", () => void shutDown("SIGINT"));

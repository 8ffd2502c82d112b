import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";
import { pinoHttp } from "pino-http";

/**
 * Logs never carry secrets or message content: authorization headers, cookies, client
 * states and tokens are redacted, and request/response bodies are not logged at all.
 */
export function createLogger(level = "info"): Logger {
  return pino({
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "*.clientState",
        "*.client_secret",
        "*.access_token",
        "*.refresh_token",
        "*.body",
        "*.subject",
      ],
      censor: "[redacted]",
    },
  });
}

export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader("x-request-id", id);
      return id;
    },
    // Query strings may carry validation tokens and names: log the path only.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split("?")[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
  });
}

export { loadConfig, ConfigError, type ServiceConfig } from "./config";
export { createService, type RunningService, type ServiceOptions } from "./service";
export { ROLES, type Role } from "./http/auth";
export { createLogger } from "./http/logging";

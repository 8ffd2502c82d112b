export { loadConfig, ConfigError, type ServiceConfig } from "./config";
export { createService, type RunningService, type ServiceOptions } from "./service";
export { ROLES, type Role } from "./http/auth";
export { PRIVATE_SUBJECT } from "./http/routes";

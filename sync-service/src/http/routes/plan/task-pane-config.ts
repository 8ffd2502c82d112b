import type { TaskPaneConfig } from "@modeklar/shared";

/** What the task pane needs to sign in and find the API: public values only. */
export function taskPaneConfig(config: {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  publicUrl: string;
}): TaskPaneConfig {
  return {
    authority: `${config.authorityHost}/${config.tenantId}`,
    clientId: config.clientId,
    scopes: [`api://${config.clientId}/access_as_user`],
    apiBase: `${config.publicUrl}/api`,
    knownAuthorities: [new URL(config.authorityHost).host],
  };
}

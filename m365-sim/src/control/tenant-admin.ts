import { Router } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import { GRAPH_APP_PERMISSIONS, type ApplicationAccessPolicy } from "../directory";
import { parseInput, Problem } from "./problem";

/**
 * What a tenant's admin changes and the preflight checks: an app registration's admin-consented
 * Graph permissions (Entra admin centre), mail-enabled security groups and application access
 * policies (Exchange Online PowerShell: New-ApplicationAccessPolicy, Add-DistributionGroupMember).
 */

const permissionsSchema = z.strictObject({
  graphAppPermissions: z.array(z.enum(GRAPH_APP_PERMISSIONS)),
});

const groupSchema = z.strictObject({
  displayName: z.string().min(1).optional(),
  members: z.array(z.string().min(1)),
});

const policySchema = z.strictObject({
  appId: z.string().min(1),
  scopeGroup: z.email(),
  accessRight: z.enum(["RestrictAccess", "DenyAccess"]),
  description: z.string().default(""),
});

export function tenantAdminRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;

  const appOf = (clientId: string) => {
    const app = state.apps.get(clientId);
    if (!app) throw new Problem(404, "Not found", `No app registration '${clientId}'.`);
    return app;
  };

  router.get("/apps/:clientId", (req, res) => {
    const app = appOf(req.params.clientId);
    res.json({
      clientId: app.clientId,
      displayName: app.displayName,
      graphAppPermissions: app.graphAppPermissions,
    });
  });

  router.put("/apps/:clientId/permissions", (req, res) => {
    const app = appOf(req.params.clientId);
    const { graphAppPermissions } = parseInput(permissionsSchema, req.body);
    app.graphAppPermissions = [...new Set(graphAppPermissions)];
    res.json({ clientId: app.clientId, graphAppPermissions: app.graphAppPermissions });
  });

  router.put("/groups/:address", (req, res) => {
    const address = req.params.address.toLowerCase();
    const input = parseInput(groupSchema, req.body);
    const members = input.members.map((member) => {
      const user = state.findUser(member);
      if (!user)
        throw new Problem(400, "Invalid request", `members: no person '${member}' in the directory.`);
      return user.id;
    });
    const existing = state.groups.get(address);
    const group = {
      id: existing?.id ?? crypto.randomUUID(),
      emailAddress: address,
      displayName: input.displayName ?? existing?.displayName ?? address,
      members,
    };
    state.groups.set(address, group);
    res.json(group);
  });

  router.get("/access-policies", (_req, res) => {
    res.json({ value: state.accessPolicies });
  });

  router.post("/access-policies", (req, res) => {
    const policy: ApplicationAccessPolicy = parseInput(policySchema, req.body);
    appOf(policy.appId);
    if (!state.groups.has(policy.scopeGroup.toLowerCase()))
      throw new Problem(400, "Invalid request", `scopeGroup: no group '${policy.scopeGroup}'.`);
    const same = (p: ApplicationAccessPolicy) =>
      p.appId === policy.appId && p.scopeGroup.toLowerCase() === policy.scopeGroup.toLowerCase();
    if (state.accessPolicies.some(same))
      throw new Problem(409, "Conflict", "The app already has a policy for that group.");
    state.accessPolicies.push(policy);
    res.status(201).json(policy);
  });

  /** Remove-ApplicationAccessPolicy for every policy of the app. */
  router.delete("/access-policies/:appId", (req, res) => {
    state.accessPolicies = state.accessPolicies.filter((p) => p.appId !== req.params.appId);
    res.status(204).end();
  });

  return router;
}

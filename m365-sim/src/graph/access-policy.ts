import type { ApplicationAccessPolicy } from "../directory";
import { GraphError } from "../odata";
import type { SimState } from "../state";

/**
 * Exchange Online's application access policies, applied where an app's application permission
 * meets a mailbox. https://learn.microsoft.com/graph/auth-limit-mailbox-access
 */

function inScope(state: SimState, policy: ApplicationAccessPolicy, mailboxId: string): boolean {
  return state.groups.get(policy.scopeGroup.toLowerCase())?.members.includes(mailboxId) ?? false;
}

/** Whether the app's policies let it reach the mailbox: no policy reaches every mailbox. */
export function policyAllows(state: SimState, appId: string, mailboxId: string): boolean {
  const policies = state.accessPolicies.filter((p) => p.appId.toLowerCase() === appId.toLowerCase());
  if (policies.some((p) => p.accessRight === "DenyAccess" && inScope(state, p, mailboxId))) return false;
  const restricting = policies.filter((p) => p.accessRight === "RestrictAccess");
  return restricting.length === 0 || restricting.some((p) => inScope(state, p, mailboxId));
}

/** Graph's answer to an app token on a mailbox its access policy keeps it out of. */
export function checkAccessPolicy(state: SimState, appId: string, mailboxId: string): void {
  if (policyAllows(state, appId, mailboxId)) return;
  throw new GraphError(
    403,
    "ErrorAccessDenied",
    "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.",
  );
}

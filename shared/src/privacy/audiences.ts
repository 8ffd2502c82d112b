/** The app roles a person signs in with (the Mødeklar app registration's roles in Entra ID). */
export const ROLES = ["secretary", "mayor", "chief-of-staff", "reception", "catering"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who meeting data goes to: a person by role; the kitchen's and the reception's mailboxes
 * (as catering and reception); a department's mailbox (material orders); the case system's
 * journal mailbox (what is filed on the meeting's case); and operations (logs, metrics,
 * health checks), which are shown nothing of any meeting.
 */
export const AUDIENCES = [...ROLES, "department", "journal", "operations"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The roles that, besides the mayor, may be let see private meetings whole. */
export const DELEGATE_ROLES = ["secretary", "chief-of-staff"] as const satisfies readonly Role[];
export type DelegateRole = (typeof DELEGATE_ROLES)[number];

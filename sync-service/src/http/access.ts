import { ROLES, type Role } from "@modeklar/shared";

/**
 * Who may call each /api operation, and why: the one place the decision is made. ApiBuilder
 * takes an operation's roles from here and refuses to declare one that has no entry, and the
 * security suite walks /openapi.json and checks every role against this table, so a new route
 * without a decision fails CI. What a caller then sees of a private meeting is the privacy
 * policy's answer (shared/src/privacy), not this table's.
 */
export interface RouteAccess {
  roles: readonly Role[];
  /** What the roles need it for, in a line. */
  why: string;
  /**
   * What the route shows of a private meeting: `policy` (as the privacy policy says for the
   * caller's roles), `refused` (403 to a role that may not see private items), or `none` (it
   * carries nothing of a meeting's content).
   */
  privateMeetings: "policy" | "refused" | "none";
}

const WEEKLY_MEETING: readonly Role[] = ["mayor", "secretary", "chief-of-staff"];
const PLANNERS: readonly Role[] = ["mayor", "secretary", "chief-of-staff"];
const SECRETARIAT: readonly Role[] = ["secretary", "chief-of-staff"];

/** Keyed `METHOD /path` with the path as the route declares it under /api (`:id` for parameters). */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  "GET /meetings": {
    roles: WEEKLY_MEETING,
    why: "the mayor's calendar for those who plan it; the reception and the kitchen have their day lists",
    privateMeetings: "policy",
  },
  "GET /invitations/pending": {
    roles: WEEKLY_MEETING,
    why: "invitations awaiting the mayor's answer",
    privateMeetings: "policy",
  },
  "POST /invitations/:id/respond": {
    roles: ["mayor", "secretary"],
    why: "the mayor answers, or her secretary as her delegate",
    privateMeetings: "refused",
  },
  "GET /sync/status": {
    roles: SECRETARIAT,
    why: "whether the mirror is up to date",
    privateMeetings: "none",
  },
  "POST /rooms/available": {
    roles: PLANNERS,
    why: "booking a room in the task pane",
    privateMeetings: "none",
  },
  "GET /departments": { roles: PLANNERS, why: "ordering material in the task pane", privateMeetings: "none" },
  "GET /meetings/:id/deadlines": {
    roles: PLANNERS,
    why: "the task pane's cut-offs",
    privateMeetings: "refused",
  },
  "GET /meetings/:id/plan": { roles: PLANNERS, why: "the task pane's plan", privateMeetings: "refused" },
  "PUT /meetings/:id/plan": { roles: PLANNERS, why: "the task pane's plan", privateMeetings: "refused" },
  "POST /meetings/:id/catering": {
    roles: PLANNERS,
    why: "ordering catering from the kitchen",
    privateMeetings: "refused",
  },
  "POST /meetings/:id/reception": {
    roles: PLANNERS,
    why: "sending the guest list to the reception",
    privateMeetings: "refused",
  },
  "POST /meetings/:id/material": {
    roles: PLANNERS,
    why: "ordering material from a department",
    privateMeetings: "refused",
  },
  "GET /meetings/:id/briefing": {
    roles: PLANNERS,
    why: "the briefing note for the mayor",
    privateMeetings: "refused",
  },
  "PUT /meetings/:id/briefing": {
    roles: PLANNERS,
    why: "the briefing note for the mayor",
    privateMeetings: "refused",
  },
  "GET /reception/day": {
    roles: ["reception", ...PLANNERS],
    why: "the guests of a day, for the reception and for checking what it was sent",
    privateMeetings: "policy",
  },
  "GET /phone/invitations": {
    roles: ["mayor"],
    why: "the mayor's phone page",
    privateMeetings: "policy",
  },
  "GET /week": { roles: WEEKLY_MEETING, why: "the weekly calendar meeting", privateMeetings: "policy" },
  "POST /week/decisions": {
    roles: WEEKLY_MEETING,
    why: "decisions of the weekly calendar meeting",
    privateMeetings: "refused",
  },
  "GET /week.ics": {
    roles: WEEKLY_MEETING,
    why: "the week as a calendar file",
    privateMeetings: "policy",
  },
  "GET /daylists/reception": {
    roles: ["reception"],
    why: "the reception's guests today and tomorrow",
    privateMeetings: "policy",
  },
  "POST /daylists/reception/:id/arrivals": {
    roles: ["reception"],
    why: "marking a guest arrived",
    privateMeetings: "none",
  },
  "GET /daylists/catering": {
    roles: ["catering"],
    why: "the kitchen's orders",
    privateMeetings: "policy",
  },
  "POST /daylists/catering/:id/confirm": {
    roles: ["catering"],
    why: "the kitchen confirms an order",
    privateMeetings: "none",
  },
  "GET /priorities/rules": {
    roles: WEEKLY_MEETING,
    why: "the priority rules in force",
    privateMeetings: "none",
  },
  "PUT /priorities/rules": { roles: SECRETARIAT, why: "editing the priority rules", privateMeetings: "none" },
  "POST /priorities/rules/dry-run": {
    roles: SECRETARIAT,
    why: "what a rule change would reclassify",
    privateMeetings: "policy",
  },
  "GET /priorities": {
    roles: WEEKLY_MEETING,
    why: "every meeting's priority and its reason",
    privateMeetings: "policy",
  },
  "PUT /priorities/pins/:itemId": {
    roles: SECRETARIAT,
    why: "the secretary's pin on a meeting",
    privateMeetings: "none",
  },
  "DELETE /priorities/pins/:itemId": {
    roles: SECRETARIAT,
    why: "the secretary's pin on a meeting",
    privateMeetings: "none",
  },
  "GET /conflicts": {
    roles: WEEKLY_MEETING,
    why: "overlaps and travel between meetings",
    privateMeetings: "policy",
  },
  "GET /travel": { roles: WEEKLY_MEETING, why: "the travel table", privateMeetings: "none" },
  "PUT /travel": { roles: SECRETARIAT, why: "editing the travel table", privateMeetings: "none" },
  "GET /reconcile/settings": {
    roles: WEEKLY_MEETING,
    why: "departments, kitchens, digest and closed days",
    privateMeetings: "none",
  },
  "PUT /reconcile/settings": { roles: SECRETARIAT, why: "editing the settings", privateMeetings: "none" },
  "GET /deadlines": {
    roles: WEEKLY_MEETING,
    why: "one list of everything due",
    privateMeetings: "policy",
  },
  "GET /inquiries": {
    roles: WEEKLY_MEETING,
    why: "citizens' inquiries and their reply deadlines",
    privateMeetings: "none",
  },
  "PATCH /inquiries/:id": {
    roles: SECRETARIAT,
    why: "routing and closing an inquiry",
    privateMeetings: "none",
  },
  "POST /inquiries/:id/forward": {
    roles: SECRETARIAT,
    why: "forwarding an inquiry to a department",
    privateMeetings: "none",
  },
  "POST /inquiries/:id/journal": {
    roles: SECRETARIAT,
    why: "journalising an inquiry and its answer to its case (the journaliseringsansvarlige)",
    privateMeetings: "none",
  },
  "GET /meetings/:id/journal": {
    roles: SECRETARIAT,
    why: "the task pane's journal step: what of the meeting is journalised",
    privateMeetings: "policy",
  },
  "POST /meetings/:id/journal": {
    roles: SECRETARIAT,
    why: "journalising a meeting to its case; a private one only by the explicit choice of one who sees it",
    privateMeetings: "policy",
  },
  "GET /audit/meetings/:id": {
    roles: SECRETARIAT,
    why: "who did what to a meeting, and who read it while private (the audit log)",
    privateMeetings: "none",
  },
  "GET /audit.csv": {
    roles: SECRETARIAT,
    why: "a period of the audit log exported for the municipality's records",
    privateMeetings: "none",
  },
};

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** The decision for a route, or an error that says where to make it. */
export function accessOf(method: string, path: string): RouteAccess {
  const access = ROUTE_ACCESS[routeKey(method, path)];
  if (!access) {
    throw new Error(
      `No access decision for ${routeKey(method, path)}: add it to ROUTE_ACCESS in sync-service/src/http/access.ts.`,
    );
  }
  return access;
}

const PRIVATE_MEETINGS: Record<RouteAccess["privateMeetings"], string> = {
  policy: "as the privacy policy shows the caller",
  refused: "403 to a role that does not see private items",
  none: "carries no meeting content",
};

/** The table as the README shows it (sync-service/src/http/access.test.ts keeps them equal). */
export function accessMarkdown(): string {
  const header = `| route | ${ROLES.join(" | ")} | a private meeting | what for |`;
  const rule = `| --- | ${ROLES.map(() => "---").join(" | ")} | --- | --- |`;
  const rows = Object.entries(ROUTE_ACCESS).map(
    ([route, access]) =>
      `| \`${route.replace(" ", " /api")}\` | ${ROLES.map((role) => (access.roles.includes(role) ? "✓" : "–")).join(" | ")} | ` +
      `${PRIVATE_MEETINGS[access.privateMeetings]} | ${access.why} |`,
  );
  return [header, rule, ...rows].join("\n");
}

import {
  addLocationsPatch,
  customPropertiesId,
  customPropertiesOf,
  customPropertiesPatch,
  graphEvent,
  itemSnapshot,
  removeLocationsPatch,
  type GraphEvent,
} from "../item";
import {
  OFFICE_ERRORS,
  type CallResult,
  type CustomValues,
  type HostCall,
  type ItemSnapshot,
} from "../protocol";

/**
 * What the host does for the task pane's Office.js calls, with Graph and the signed-in
 * person's delegated token: the work Outlook on the web does against Exchange.
 */

export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GraphClient {
  send(method: string, path: string, options?: { body?: unknown; ifMatch?: string }): Promise<unknown>;
}

/** Graph over fetch with a bearer token; `baseUrl` ends in `/v1.0`. */
export function graphClient(baseUrl: string, token: () => string): GraphClient {
  return {
    async send(method, path, options = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${token()}` };
      if (options.body !== undefined) headers["content-type"] = "application/json";
      if (options.ifMatch) headers["if-match"] = options.ifMatch;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (!response.ok) {
        const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
        throw new GraphFailure(
          response.status,
          error?.code ?? "",
          error?.message ?? `HTTP ${response.status}`,
        );
      }
      return body;
    },
  };
}

/** The meeting open in the host: which calendar, which event, who is looking. */
export interface OpenMeeting {
  graph: GraphClient;
  addinId: string;
  tenantDomain: string;
  /** Graph's base URL, ending in /v1.0. */
  restUrl: string;
  /** The signed-in person's address. */
  signedIn: string;
  /** The calendar's owner (id for Graph paths, address for Office). */
  mailbox: { id: string; mail: string };
  eventId: string;
}

const eventPath = (m: OpenMeeting) =>
  `/users/${encodeURIComponent(m.mailbox.id)}/events/${encodeURIComponent(m.eventId)}`;

export async function readEvent(meeting: OpenMeeting): Promise<GraphEvent> {
  const filter = encodeURIComponent(
    `singleValueExtendedProperties($filter=id eq '${customPropertiesId(meeting.addinId)}')`,
  );
  return graphEvent.parse(await meeting.graph.send("GET", `${eventPath(meeting)}?$expand=${filter}`));
}

export function snapshotOf(meeting: OpenMeeting, event: GraphEvent): ItemSnapshot {
  return itemSnapshot(event, {
    signedIn: meeting.signedIn,
    mailboxOwner: meeting.mailbox.mail,
    tenantDomain: meeting.tenantDomain,
    restUrl: meeting.restUrl,
  });
}

/** Same values regardless of key order, so a reordered save is not taken for someone else's. */
function sameValues(a: CustomValues, b: CustomValues): boolean {
  const canonical = (v: CustomValues) =>
    JSON.stringify(
      Object.keys(v)
        .sort()
        .map((k) => [k, v[k]]),
    );
  return canonical(a) === canonical(b);
}

const CONFLICT =
  "Mødet er ændret af en anden, siden planen blev hentet. Hent den igen, og gem derefter. / Someone else changed this meeting's custom properties since they were loaded: load them again, then save.";

async function change(meeting: OpenMeeting, patch: (event: GraphEvent) => unknown): Promise<CallResult> {
  const event = await readEvent(meeting);
  if (!event.isOrganizer) {
    return {
      ok: false,
      error: OFFICE_ERRORS.accessRestricted("Only the organizer's calendar can change the meeting."),
    };
  }
  await meeting.graph.send("PATCH", eventPath(meeting), {
    body: patch(event),
    ifMatch: event["@odata.etag"],
  });
  return { ok: true, value: null, item: snapshotOf(meeting, await readEvent(meeting)) };
}

function utcGraphTime(iso: string) {
  return { dateTime: new Date(iso).toISOString().replace("Z", ""), timeZone: "UTC" };
}

function attendeesPatch(event: GraphEvent, changes: Extract<HostCall, { method: "updateItem" }>["changes"]) {
  const current = event.attendees ?? [];
  const keep = (type: "required" | "optional") =>
    current.filter((a) => a.type === type).map((a) => a.emailAddress.address ?? "");
  const listed = (type: "required" | "optional", addresses: string[]) =>
    addresses.map((address) => ({ type, emailAddress: { address } }));
  return [
    ...listed("required", changes.requiredAttendees ?? keep("required")),
    ...listed("optional", changes.optionalAttendees ?? keep("optional")),
    ...current
      .filter((a) => a.type === "resource")
      .map((a) => ({ type: a.type, emailAddress: a.emailAddress })),
  ];
}

async function perform(meeting: OpenMeeting, call: HostCall): Promise<CallResult> {
  switch (call.method) {
    case "loadCustomProperties":
      return { ok: true, value: customPropertiesOf(await readEvent(meeting), meeting.addinId) };
    case "saveCustomProperties": {
      const event = await readEvent(meeting);
      if (!sameValues(customPropertiesOf(event, meeting.addinId), call.loaded)) {
        return { ok: false, error: OFFICE_ERRORS.saveConflict(CONFLICT) };
      }
      await meeting.graph.send("PATCH", eventPath(meeting), {
        body: customPropertiesPatch(meeting.addinId, call.values),
        ifMatch: event["@odata.etag"],
      });
      return { ok: true, value: null };
    }
    case "addLocations":
      return change(meeting, (event) => addLocationsPatch(event, call.locations));
    case "removeLocations":
      return change(meeting, (event) => removeLocationsPatch(event, call.locations));
    case "updateItem":
      return change(meeting, (event) => {
        const { subject, location, start, end } = call.changes;
        const patch: Record<string, unknown> = {};
        if (subject !== undefined) patch["subject"] = subject;
        if (location !== undefined) patch["location"] = { displayName: location };
        if (start !== undefined) patch["start"] = utcGraphTime(start);
        if (end !== undefined) patch["end"] = utcGraphTime(end);
        if (call.changes.requiredAttendees || call.changes.optionalAttendees)
          patch["attendees"] = attendeesPatch(event, call.changes);
        return patch;
      });
  }
}

/** Runs one call; Graph's refusals come back as Office's failed AsyncResult, never as a thrown error. */
export async function performCall(meeting: OpenMeeting, call: HostCall): Promise<CallResult> {
  try {
    return await perform(meeting, call);
  } catch (error) {
    if (error instanceof GraphFailure) {
      if (error.status === 412) return { ok: false, error: OFFICE_ERRORS.saveConflict(CONFLICT) };
      if (error.status === 403) return { ok: false, error: OFFICE_ERRORS.accessRestricted(error.message) };
      return { ok: false, error: OFFICE_ERRORS.internal(`${error.code}: ${error.message}`) };
    }
    return {
      ok: false,
      error: OFFICE_ERRORS.internal(error instanceof Error ? error.message : String(error)),
    };
  }
}

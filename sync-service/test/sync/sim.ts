import { ADDRESSES, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type RunningSim } from "@modeklar/m365-sim";
import {
  createAuthProvider,
  createGraphConnection,
  createMailboxGateway,
  type CalendarWindow,
  type MailboxGateway,
  type MailboxTraffic,
  type MetricsSink,
} from "../../src/graph";

/** The demo tenant's people the tests sign in as or send to; the mayor's is the mailbox Mødeklar mirrors. */
export const { mayor: MAYOR, secretary: SECRETARY, chiefOfStaff: CHIEF_OF_STAFF } = ADDRESSES;
/** The kitchen, the reception and the journal mailbox the service's mails go to. */
export const { catering: CATERING, reception: RECEPTION, journal: JOURNAL } = ADDRESSES;

/** The service's Graph side, configured against the simulator by nothing but its URLs. */
export async function connectToSim(
  sim: RunningSim,
  options: {
    metrics?: MetricsSink;
    retryDelaySeconds?: number;
    maxRetries?: number;
    /** The per-mailbox limits, when a caller needs its own (the harness's liftable budget). */
    traffic?: MailboxTraffic;
  } = {},
): Promise<{ gateway: MailboxGateway; traffic: MailboxTraffic }> {
  const authProvider = await createAuthProvider({
    tenantId: sim.tenantId,
    clientId: DEMO_CLIENT_ID,
    authorityHost: sim.authorityHost,
    credential: { kind: "secret", secret: DEMO_CLIENT_SECRET },
  });
  const connection = createGraphConnection({ graphBaseUrl: sim.graphBaseUrl, authProvider, ...options });
  return { gateway: createMailboxGateway(connection), traffic: connection.traffic };
}

/** Graph as a person would use it (a delegated token from the simulator's control API). */
export async function graphAs(sim: RunningSim, user: string) {
  const tokenResponse = await fetch(`${sim.url}/_sim/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  return async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${sim.graphBaseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
}

/** Every instance in the mailbox's calendarView over the window, as the simulator serves it (all pages). */
export async function calendarViewOf(
  sim: RunningSim,
  mailbox: string,
  window: CalendarWindow,
): Promise<Record<string, unknown>[]> {
  const graph = await graphAs(sim, mailbox);
  const items: Record<string, unknown>[] = [];
  let path: string | undefined =
    `/users/${mailbox}/calendarView?startDateTime=${window.start}&endDateTime=${window.end}&$top=500`;
  while (path) {
    const page = await graph("GET", path);
    items.push(...(page["value"] as Record<string, unknown>[]));
    const next = page["@odata.nextLink"];
    path = typeof next === "string" ? next.slice(sim.graphBaseUrl.length) : undefined;
  }
  return items;
}

/** What makes two copies of an event the same version: id, changeKey, subject and times. */
export function versionOf(event: Record<string, unknown>): string {
  const time = (v: unknown) => (v as { dateTime?: string } | undefined)?.dateTime?.slice(0, 19) ?? "";
  return [event["id"], event["changeKey"], event["subject"], time(event["start"]), time(event["end"])].join(
    " | ",
  );
}

/** A time `daysAhead` days from now at `hour` o'clock, Copenhagen time, as Graph takes it. */
export function daysAheadAt(daysAhead: number, hour: number) {
  const day = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
  return { dateTime: `${day}T${String(hour).padStart(2, "0")}:00:00`, timeZone: "Europe/Copenhagen" };
}

/** The simulator's control API (`/_sim`): acts of people outside Mødeklar, faults, the clock. */
export function simControl(sim: RunningSim) {
  return async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${sim.url}/_sim${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /_sim${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
}

/** A citizen writes the mayor a plain mail. */
export async function citizenWrites(sim: RunningSim, subject: string, content: string): Promise<void> {
  await simControl(sim)("POST", `/act/${encodeURIComponent("borger@example.dk")}/sendMail`, {
    message: {
      subject,
      body: { contentType: "text", content },
      toRecipients: [{ emailAddress: { address: MAYOR } }],
    },
  });
}

/** Ole Bak, a citizen, writes to the mayor with a PDF of signatures; the id of the mayor's copy. */
export async function citizenWritesWithFile(
  sim: RunningSim,
  subject: string,
  pdfBase64: string,
): Promise<string> {
  const sent = await simControl(sim)("POST", "/act/ole.bak@gmail.com/sendMail", {
    senderName: "Ole Bak",
    message: {
      subject,
      body: { contentType: "text", content: "Se vedhæftede underskrifter." },
      toRecipients: [{ emailAddress: { address: MAYOR } }],
      attachments: [
        {
          "@odata.type": "#microsoft.graph.fileAttachment",
          name: "Underskrifter.pdf",
          contentType: "application/pdf",
          contentBytes: pdfBase64,
        },
      ],
    },
  });
  return (sent["delivered"] as { id: string }[])[0]!.id;
}

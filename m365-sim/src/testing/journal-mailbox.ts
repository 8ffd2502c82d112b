import type { RunningSim } from "../server";
import { ADDRESSES, CASE_SYSTEM_CLIENT } from "../seed/directory";

/** A mail in the journal mailbox as the case system's import reads it through Graph. */
export interface JournalMail {
  id: string;
  subject: string;
  /** Who sent it to the journal (the mayor's mailbox). */
  from: string;
  body: string;
  receivedDateTime: string;
  attachments: { name: string; contentType: string; size: number; contentBytes: string }[];
}

interface GraphPage<T> {
  value: T[];
  "@odata.nextLink"?: string;
}

interface GraphMessage {
  id: string;
  subject: string;
  from?: { emailAddress?: { address?: string } };
  body?: { content?: string };
  receivedDateTime: string;
  hasAttachments: boolean;
}

/**
 * Everything in the journal mailbox's inbox, oldest first, read through Graph with the case
 * system's own app (client credentials, restricted to the journal mailbox), attachments included.
 */
export async function readJournalMailbox(sim: RunningSim): Promise<JournalMail[]> {
  const tokenResponse = await fetch(`${sim.url}/_sim/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientId: CASE_SYSTEM_CLIENT.clientId }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const get = async <T>(url: string): Promise<T> => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const messages: GraphMessage[] = [];
  let next: string | undefined =
    `${sim.url}/v1.0/users/${ADDRESSES.journal}/mailFolders/inbox/messages?$top=100&$orderby=receivedDateTime asc` +
    "&$select=subject,from,body,receivedDateTime,hasAttachments";
  while (next) {
    const page: GraphPage<GraphMessage> = await get(next);
    messages.push(...page.value);
    next = page["@odata.nextLink"];
  }
  return Promise.all(
    messages.map(async (message) => ({
      id: message.id,
      subject: message.subject,
      from: message.from?.emailAddress?.address ?? "",
      body: message.body?.content ?? "",
      receivedDateTime: message.receivedDateTime,
      attachments: message.hasAttachments
        ? (
            await get<GraphPage<JournalMail["attachments"][number]>>(
              `${sim.url}/v1.0/users/${ADDRESSES.journal}/messages/${message.id}/attachments`,
            )
          ).value.map(({ name, contentType, size, contentBytes }) => ({
            name,
            contentType,
            size,
            contentBytes,
          }))
        : [],
    })),
  );
}

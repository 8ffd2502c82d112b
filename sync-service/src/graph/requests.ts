import { GraphError, type Client, type GraphRequest } from "@microsoft/microsoft-graph-client";
import { GraphFailure } from "./gateway";
import { MailboxOption, retryAfterSeconds, type RequestKind } from "./traffic";

/** `/users/{mailbox}` with the address escaped, the prefix of every mailbox resource. */
export function userPath(mailbox: string): string {
  return `/users/${encodeURIComponent(mailbox)}`;
}

/** A request for one mailbox's resource: the traffic middleware counts it against that mailbox. */
export function mailboxRequest(
  client: Client,
  mailbox: string,
  pathOrLink: string,
  kind: RequestKind = {},
): GraphRequest {
  return client.api(pathOrLink).middlewareOptions([new MailboxOption(mailbox, kind)]);
}

/** Runs a Graph call and turns the SDK's errors into the gateway's own. */
export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toFailure(err);
  }
}

export function toFailure(err: unknown): GraphFailure {
  if (err instanceof GraphFailure) return err;
  if (err instanceof GraphError) {
    return new GraphFailure(
      err.statusCode,
      err.code,
      `Graph answered ${err.statusCode}: ${err.message}`,
      retryAfterSeconds(err.headers?.get("retry-after")),
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new GraphFailure(0, null, `Graph could not be reached: ${message}`);
}

/** The id of a Graph item, checked: items without one are not Graph items. */
export function idOf(item: Record<string, unknown>): string {
  const id = item["id"];
  if (typeof id !== "string" || !id) throw new GraphFailure(502, null, "Graph returned an item without id.");
  return id;
}

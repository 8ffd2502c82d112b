import type { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import type { ServiceConfig } from "../config";
import { GraphFailure } from "../graph";
import { listRooms } from "../graph/mailbox";
import { call, userPath } from "../graph/requests";
import { line, text, type CheckLine } from "./report";

/** Exchange Online's answer to an app its application access policy keeps out of a mailbox. */
export function refusedByAccessPolicy(error: unknown): boolean {
  return (
    error instanceof GraphFailure && error.status === 403 && /AccessPolicy|\[RAOP\]/i.test(error.message)
  );
}

/** A directory user without an Exchange Online mailbox (no licence, or on premises). */
function hasNoMailbox(error: unknown): boolean {
  return error instanceof GraphFailure && error.code === "MailboxNotEnabledForRESTAPI";
}

function notFound(error: unknown): boolean {
  return error instanceof GraphFailure && error.status === 404;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const get = (client: Client, path: string) => call(() => client.api(path).get() as Promise<unknown>);

const directoryPage = z.object({
  value: z.array(z.object({ mail: z.string().nullish(), userPrincipalName: z.string().nullish() })),
});

/** How many mailboxes outside MAILBOXES the check tries: the policy's group may hold a few more than Mødeklar mirrors. */
const PROBES = 10;

/**
 * The application access policy is in force when a mailbox that is not one of Mødeklar's is
 * refused. Without a policy, the app's Mail.ReadWrite reaches every mailbox in the tenant: every
 * mailbox tried is readable.
 */
export async function checkAccessPolicy(client: Client, config: ServiceConfig): Promise<CheckLine> {
  const ours = new Set(config.mailboxes.map((m) => m.toLowerCase()));
  const directory = await get(client, "/users?$select=mail,userPrincipalName&$top=100").catch(() => null);
  const page = directoryPage.safeParse(directory);
  const candidates = (page.success ? page.data.value : [])
    .map((user) => user.mail ?? "")
    .filter((mail) => mail !== "" && !ours.has(mail.toLowerCase()))
    .slice(0, PROBES);
  const readable: string[] = [];
  for (const outside of candidates) {
    try {
      await get(client, `${userPath(outside)}/calendar`);
      readable.push(outside);
    } catch (error) {
      if (refusedByAccessPolicy(error)) {
        return line("access-policy", "pass", text("doctor.policy.ok", { outside }));
      }
      if (!notFound(error) && !hasNoMailbox(error)) break;
    }
  }
  if (readable.length > 0) {
    return line(
      "access-policy",
      "fail",
      text("doctor.policy.open", { count: readable.length, outside: readable.slice(0, 3).join(", ") }),
      text("doctor.policy.open.fix", { clientId: config.clientId, mailboxes: config.mailboxes.join(",") }),
    );
  }
  return line(
    "access-policy",
    "warn",
    text("doctor.policy.untested"),
    text("doctor.policy.untested.fix", { clientId: config.clientId }),
  );
}

const settings = z.object({ timeZone: z.string().nullish() });

/** The mailbox exists in the directory, the app reaches its calendar, and its settings (time zone) are read. */
export async function checkMailbox(client: Client, mailbox: string): Promise<CheckLine> {
  const id = `mailbox:${mailbox}`;
  try {
    await get(client, `${userPath(mailbox)}?$select=id,mail`);
  } catch (error) {
    if (notFound(error))
      return line(
        id,
        "fail",
        text("doctor.mailbox.unknown", { mailbox }),
        text("doctor.mailbox.unknown.fix"),
      );
    return line(
      id,
      "fail",
      text("doctor.mailbox.failed", { mailbox, error: messageOf(error) }),
      text("doctor.mailbox.failed.fix"),
    );
  }
  try {
    await get(client, `${userPath(mailbox)}/calendar`);
    const parsed = settings.safeParse(await get(client, `${userPath(mailbox)}/mailboxSettings`));
    const timeZone = (parsed.success && parsed.data.timeZone) || "?";
    return line(id, "pass", text("doctor.mailbox.ok", { mailbox, timeZone }));
  } catch (error) {
    if (refusedByAccessPolicy(error)) {
      return line(
        id,
        "fail",
        text("doctor.mailbox.outsidePolicy", { mailbox }),
        text("doctor.mailbox.outsidePolicy.fix", { mailbox }),
      );
    }
    if (hasNoMailbox(error)) {
      return line(
        id,
        "fail",
        text("doctor.mailbox.noMailbox", { mailbox }),
        text("doctor.mailbox.noMailbox.fix"),
      );
    }
    return line(
      id,
      "fail",
      text("doctor.mailbox.failed", { mailbox, error: messageOf(error) }),
      text("doctor.mailbox.failed.fix"),
    );
  }
}

const roomLists = z.object({ value: z.array(z.object({ emailAddress: z.string().nullish() })) });

/** The rooms and at least one room list are visible: the task pane's room search starts there. */
export async function checkRooms(client: Client): Promise<CheckLine> {
  try {
    const lists = roomLists.safeParse(await get(client, "/places/microsoft.graph.roomlist"));
    const listCount = lists.success ? lists.data.value.length : 0;
    const rooms = (await listRooms(client)).length;
    if (listCount === 0)
      return line("rooms", "fail", text("doctor.rooms.noList", { rooms }), text("doctor.rooms.noList.fix"));
    return line("rooms", "pass", text("doctor.rooms.ok", { rooms, lists: listCount }));
  } catch (error) {
    return line(
      "rooms",
      "fail",
      text("doctor.rooms.failed", { error: messageOf(error) }),
      text("doctor.rooms.failed.fix"),
    );
  }
}

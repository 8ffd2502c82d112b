import type { Client } from "@microsoft/microsoft-graph-client";
import { patchItems } from "./batch";
import { eventsDelta, messagesDelta, sentItemsDelta } from "./delta";
import type { MailboxGateway } from "./gateway";
import {
  ensureMasterCategory,
  eventOfMeetingRequest,
  findSent,
  forwardMessage,
  forwardRetitled,
  getEvent,
  getSchedule,
  listRooms,
  respondToEvent,
  sendMail,
} from "./mailbox";
import {
  createSubscription,
  deleteSubscription,
  listSubscriptions,
  renewSubscription,
} from "./subscriptions";

export * from "./gateway";
export { createAuthProvider, type AppIdentity } from "./auth";
export { createGraphConnection, type GraphClientOptions, type GraphConnection } from "./client";
export { MailboxTraffic, MAX_IN_FLIGHT_PER_MAILBOX, type MetricsSink } from "./traffic";
export { subscriptionResource } from "./subscriptions";
export { THREAD_HEADERS } from "./delta";
export { toFailure } from "./requests";
export { EVENT_FIELDS, INBOX_FIELDS, JOURNAL_EVENT_FIELDS, SENT_ITEM_FIELDS } from "./fields";
export { OUTBOX_HEADER, OUTBOX_PROPERTY } from "./mailbox";

/** The service's MailboxGateway over a configured Graph client. */
export function createMailboxGateway(connection: { client: Client }): MailboxGateway {
  const { client } = connection;
  return {
    eventsDelta: (mailbox, from, pageSize) => eventsDelta(client, mailbox, from, pageSize),
    messagesDelta: (mailbox, link, pageSize) => messagesDelta(client, mailbox, link, pageSize),
    sentItemsDelta: (mailbox, link, pageSize) => sentItemsDelta(client, mailbox, link, pageSize),
    getEvent: (mailbox, id, options) => getEvent(client, mailbox, id, options),
    patchItems: (patches) => patchItems(client, patches),
    respondToEvent: (mailbox, id, response, comment, sendResponse) =>
      respondToEvent(client, mailbox, id, response, comment, sendResponse),
    sendMail: (mailbox, message) => sendMail(client, mailbox, message),
    forwardMessage: (mailbox, messageId, to, comment, outboxId) =>
      forwardMessage(client, mailbox, messageId, to, comment, outboxId),
    forwardRetitled: (mailbox, messageId, forward) => forwardRetitled(client, mailbox, messageId, forward),
    findSent: (mailbox, outboxId) => findSent(client, mailbox, outboxId),
    eventOfMeetingRequest: (mailbox, messageId) => eventOfMeetingRequest(client, mailbox, messageId),
    createSubscription: (request) => createSubscription(client, request),
    renewSubscription: (id, expirationDateTime) => renewSubscription(client, id, expirationDateTime),
    deleteSubscription: (id) => deleteSubscription(client, id),
    listSubscriptions: () => listSubscriptions(client),
    getSchedule: (mailbox, schedules, window, interval) =>
      getSchedule(client, mailbox, schedules, window, interval),
    listRooms: () => listRooms(client),
    ensureMasterCategory: (mailbox, displayName, color) =>
      ensureMasterCategory(client, mailbox, displayName, color),
  };
}

import type { Migration } from "./migration";

/**
 * Data minimisation for mirrors made before the service asked Graph for only what it reads:
 * each mirrored event and inbox message keeps the fields graph/fields.ts names (as they were
 * when this shipped) and loses the rest, mail and invitation bodies first. New items arrive
 * cut to those fields already. A changed content hash only makes the next full resync write
 * the item once more. A meeting request kept from before keeps its meetingMessageType: Graph
 * tells new ones by their type (eventMessageRequest) instead.
 */
const EVENT_KEYS =
  "ARRAY['changeKey', 'subject', 'bodyPreview', 'start', 'end', 'isAllDay', 'location', 'organizer', 'attendees', 'sensitivity', 'isCancelled', 'showAs', 'categories', 'importance', 'seriesMasterId', 'type', 'iCalUId', 'responseStatus', 'isOrganizer', 'responseRequested', 'createdDateTime', 'lastModifiedDateTime', 'singleValueExtendedProperties', 'id', '@odata.etag', '@odata.type']";
const INBOX_KEYS =
  "ARRAY['changeKey', 'subject', 'bodyPreview', 'from', 'sender', 'toRecipients', 'ccRecipients', 'receivedDateTime', 'conversationId', 'internetMessageId', 'categories', 'importance', 'flag', 'meetingMessageType', 'id', '@odata.etag', '@odata.type']";

const keepOnly = (stream: string, keys: string) => /* sql */ `
  UPDATE mirror_items AS m
     SET data = (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb)
                   FROM jsonb_each(m.data) WHERE key = ANY(${keys}))
   WHERE m.stream = '${stream}'
     AND EXISTS (SELECT 1 FROM jsonb_object_keys(m.data) AS k WHERE k <> ALL(${keys}));
`;

export const minimalMirror: Migration = {
  version: 9,
  name: "minimal_mirror",
  sql: keepOnly("events", EVENT_KEYS) + keepOnly("messages", INBOX_KEYS),
};

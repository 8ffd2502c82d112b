import { BatchRequestContent, BatchResponseContent, type Client } from "@microsoft/microsoft-graph-client";
import type { GraphItem, ItemPatch, PatchResult } from "./gateway";
import { call, mailboxRequest, userPath } from "./requests";

/** Graph's JSON batching limit. */
export const MAX_BATCH_PARTS = 20;
const MAX_REFUSED_ROUNDS = 4;
/** Batch steps are Request objects, which need absolute URLs; the SDK strips the origin again, leaving /users/… */
const STEP_ORIGIN = "https://graph.invalid";

const noAnswer = (id: string): PatchResult => ({
  id,
  outcome: "failed",
  status: 0,
  error: "Graph gave no answer for this part.",
});

function itemPath(patch: ItemPatch): string {
  return `${userPath(patch.mailbox)}/${patch.kind}/${encodeURIComponent(patch.id)}`;
}

async function bodyOf(response: Response): Promise<Record<string, unknown> | null> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function resultOf(patch: ItemPatch, response: Response): Promise<PatchResult> {
  const body = await bodyOf(response);
  if (response.ok) return { id: patch.id, outcome: "applied", item: { ...body, id: patch.id } as GraphItem };
  if (response.status === 412) return { id: patch.id, outcome: "conflict" };
  if (response.status === 404) return { id: patch.id, outcome: "gone" };
  const error = body?.["error"] as { message?: unknown } | undefined;
  return {
    id: patch.id,
    outcome: "failed",
    status: response.status,
    error: typeof error?.message === "string" ? error.message : `HTTP ${response.status}`,
  };
}

/**
 * A part refused before it ran (429) or by a busy server that says when to come back (503 with
 * Retry-After): sent again once the pause the traffic middleware set has passed. Every part is a
 * PATCH guarded by If-Match, so a 503 part that did run comes back as a 412, never a second write.
 */
const sendAgain = (response: Response) =>
  response.status === 429 || (response.status === 503 && response.headers.has("Retry-After"));

/** One $batch of at most 20 patches to one mailbox; refused parts are sent again after Retry-After. */
async function patchChunk(client: Client, mailbox: string, chunk: ItemPatch[]): Promise<PatchResult[]> {
  const results = new Map<number, PatchResult>();
  let pending = chunk.map((patch, index) => ({ patch, index }));
  for (let round = 0; pending.length > 0; round++) {
    const content = new BatchRequestContent(
      pending.map(({ patch, index }) => ({
        id: String(index),
        request: new Request(`${STEP_ORIGIN}${itemPath(patch)}`, {
          method: "PATCH",
          headers: { "If-Match": patch.etag, "Content-Type": "application/json" },
          body: JSON.stringify(patch.patch),
        }),
      })),
    );
    const body = await content.getContent();
    // Graph counts each part against the mailbox; write-backs leave room for the mirror's reads.
    const kind = { parts: pending.length, background: true };
    const raw = await call(() => mailboxRequest(client, mailbox, "/$batch", kind).post(body));
    const responses = new BatchResponseContent(raw).getResponses();
    // The traffic middleware has already paused the mailbox for the longest Retry-After among the parts.
    const refused: typeof pending = [];
    for (const part of pending) {
      const response = responses.get(String(part.index));
      if (!response) {
        results.set(part.index, noAnswer(part.patch.id));
      } else if (sendAgain(response) && round < MAX_REFUSED_ROUNDS) {
        refused.push(part);
      } else {
        results.set(part.index, await resultOf(part.patch, response));
      }
    }
    pending = refused;
  }
  return chunk.map((patch, index) => results.get(index) ?? noAnswer(patch.id));
}

/** Write-back: patches grouped by mailbox, 20 to a $batch, each guarded by its If-Match etag. */
export async function patchItems(client: Client, patches: ItemPatch[]): Promise<PatchResult[]> {
  const byMailbox = new Map<string, ItemPatch[]>();
  for (const patch of patches) {
    const list = byMailbox.get(patch.mailbox) ?? [];
    list.push(patch);
    byMailbox.set(patch.mailbox, list);
  }
  const results = new Map<ItemPatch, PatchResult>();
  for (const [mailbox, list] of byMailbox) {
    for (let start = 0; start < list.length; start += MAX_BATCH_PARTS) {
      const chunk = list.slice(start, start + MAX_BATCH_PARTS);
      const chunkResults = await patchChunk(client, mailbox, chunk);
      chunk.forEach((patch, i) => {
        const result = chunkResults[i];
        if (result) results.set(patch, result);
      });
    }
  }
  return patches.map((patch) => results.get(patch) ?? noAnswer(patch.id));
}

/// <reference lib="dom" />
/// <reference types="office-js" />
import {
  CHANNEL,
  comesFrom,
  hostMessage,
  type CallResult,
  type HostCall,
  type HostContext,
  type ItemSnapshot,
} from "../protocol";
import { createOffice, type HostLink } from "./office-object";

/**
 * `${sim.url}/host/office.js`: loaded by the task pane instead of Microsoft's office.js.
 * It talks only to the window that framed it, and only if that window is the host page
 * this script came from (the same origin as the script itself).
 */

function postMessageLink(): HostLink {
  const script = document.currentScript as HTMLScriptElement | null;
  const hostOrigin = new URL(script?.src ?? self.location.href).origin;
  const host = window.parent !== window ? window.parent : null;
  const pending = new Map<number, (result: CallResult) => void>();
  const listeners: Array<(item: ItemSnapshot | null) => void> = [];
  const brokerListeners: Array<(response: string) => void> = [];
  let nextId = 1;
  let resolveReady: (context: HostContext | null) => void = () => undefined;
  const ready = new Promise<HostContext | null>((resolve) => {
    resolveReady = resolve;
  });

  window.addEventListener("message", (event: MessageEvent<unknown>) => {
    if (!comesFrom(event, { origin: hostOrigin, window: host })) return;
    const parsed = hostMessage.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.kind === "ready") resolveReady(message.context);
    else if (message.kind === "result") {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.kind === "naa") for (const listener of brokerListeners) listener(message.response);
    else for (const listener of listeners) listener(message.item);
  });

  if (host) host.postMessage({ channel: CHANNEL, kind: "hello" }, hostOrigin);
  else resolveReady(null);

  return {
    ready,
    call: (call: HostCall, itemId: string | null) =>
      new Promise<CallResult>((resolve) => {
        if (!host) throw new Error("Not inside Outlook.");
        const id = nextId++;
        pending.set(id, resolve);
        host.postMessage({ channel: CHANNEL, kind: "call", id, itemId, call }, hostOrigin);
      }),
    onItemChanged: (listener) => listeners.push(listener),
    broker: {
      send: (request) => host?.postMessage({ channel: CHANNEL, kind: "naa", request }, hostOrigin),
      onResponse: (listener) => brokerListeners.push(listener),
    },
  };
}

(globalThis as { Office?: unknown }).Office = createOffice(postMessageLink());

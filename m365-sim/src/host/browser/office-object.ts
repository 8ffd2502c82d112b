/// <reference lib="dom" />
/// <reference types="office-js" />
import type {
  CallResult,
  CustomValues,
  HostCall,
  HostContext,
  ItemPerson,
  ItemSnapshot,
  LocationIds,
  OfficeErrorInfo,
} from "../protocol";
import { OFFICE_ERRORS } from "../protocol";

/**
 * The `Office` object the task pane sees, built over a link to the host page. Each piece
 * is typed against @types/office-js, so the add-in's adapter compiles against the same API
 * it meets in Outlook. Values the open item already holds are answered at once; changes
 * and custom properties go to the host, which does them with Graph.
 */

export interface HostLink {
  /** Resolves with Outlook's context once the host answered; null outside Outlook (no host frame). */
  ready: Promise<HostContext | null>;
  /** Asks the host to do `call` on the item with `itemId` (the one the pane holds). */
  call(call: HostCall, itemId: string | null): Promise<CallResult>;
  onItemChanged(listener: (item: ItemSnapshot | null) => void): void;
  /** Nested app authentication: MSAL's request envelopes to the host, the host's responses back. */
  broker?: {
    send(request: string): void;
    onResponse(listener: (response: string) => void): void;
  };
}

/** The bridge MSAL.js looks for in a nested app (`createNestablePublicClientApplication`). */
interface NestedAppAuthBridge {
  postMessage(message: string): void;
  addEventListener(eventName: string, callback: (response: string) => void): void;
  removeEventListener(eventName: string, callback: (response: string) => void): void;
}

/** As Office.js does where the host brokers tokens: `window.nestedAppAuthBridge`, carried over the host link. */
function installNestedAppAuthBridge(broker: NonNullable<HostLink["broker"]>): void {
  const listeners = new Set<(response: string) => void>();
  broker.onResponse((response) => {
    for (const listener of listeners) listener(response);
  });
  const bridge: NestedAppAuthBridge = {
    postMessage: (message) => broker.send(message),
    addEventListener: (_eventName, callback) => listeners.add(callback),
    removeEventListener: (_eventName, callback) => listeners.delete(callback),
  };
  (globalThis as { nestedAppAuthBridge?: NestedAppAuthBridge }).nestedAppAuthBridge = bridge;
}

/** The Mailbox requirement sets Outlook on the web offers here. */
export const MAILBOX_VERSION = "1.13";

/** Office.js's runtime values; @types/office-js declares some of these enums as numbers. */
const STATUS = { Succeeded: "succeeded", Failed: "failed" } as unknown as typeof Office.AsyncResultStatus;
const ITEM_CHANGED = "olkItemSelectedChanged" as unknown as Office.EventType.ItemChanged;
const OUTLOOK = "Outlook" as unknown as Office.HostType.Outlook;
const OFFICE_ONLINE = "OfficeOnline" as unknown as Office.PlatformType.OfficeOnline;

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Splits Office's `(…values, options?, callback?)` arguments: the callback is the last function. */
function callbackOf<T>(args: unknown[]): { callback?: Callback<T>; asyncContext?: unknown } {
  const callback = args.findLast((a): a is Callback<T> => typeof a === "function");
  const options = args.find(
    (a): a is Office.AsyncContextOptions => typeof a === "object" && a !== null && "asyncContext" in a,
  );
  // loadCustomPropertiesAsync and saveAsync take (callback, userContext): the context follows the callback.
  const afterCallback = typeof args[0] === "function" ? args[1] : undefined;
  return { ...(callback ? { callback } : {}), asyncContext: options?.asyncContext ?? afterCallback };
}

function result<T>(value: T, asyncContext: unknown, error?: OfficeErrorInfo): Office.AsyncResult<T> {
  return {
    value,
    status: error ? STATUS.Failed : STATUS.Succeeded,
    error: (error ?? undefined) as Office.Error,
    asyncContext,
    diagnostics: undefined,
  };
}

/** Office calls back later, never inside the call. */
function answer<T>(args: unknown[], value: T, error?: OfficeErrorInfo): void {
  const { callback, asyncContext } = callbackOf<T>(args);
  if (callback) setTimeout(() => callback(result(value, asyncContext, error)), 0);
}

export function isMailboxSetSupported(name: string, minVersion?: string | number): boolean {
  if (name.toLowerCase() !== "mailbox") return false;
  const [major = 0, minor = 0] = String(minVersion ?? "1.1")
    .split(".")
    .map(Number);
  const [topMajor = 0, topMinor = 0] = MAILBOX_VERSION.split(".").map(Number);
  return major < topMajor || (major === topMajor && minor <= topMinor);
}

/** NestedAppAuth 1.1, the one version there is, where the host claims it. */
export function isNestedAppAuthSupported(name: string, minVersion?: string | number): boolean {
  return name.toLowerCase() === "nestedappauth" && Number(minVersion ?? "1.1") <= 1.1;
}

/** What the read and the compose form of an appointment both give the pane. */
type ItemMembers =
  | "itemType"
  | "subject"
  | "start"
  | "end"
  | "location"
  | "enhancedLocation"
  | "requiredAttendees"
  | "optionalAttendees"
  | "organizer"
  | "seriesId"
  | "loadCustomPropertiesAsync";

type ReadItem = Pick<Office.AppointmentRead, ItemMembers | "itemId"> &
  Partial<Pick<Office.AppointmentRead, "getSharedPropertiesAsync">>;

type ComposeItem = Pick<Office.AppointmentCompose, ItemMembers | "getItemIdAsync"> &
  Partial<Pick<Office.AppointmentCompose, "getSharedPropertiesAsync">>;

export type ShimItem = ReadItem | ComposeItem;

type ShimMailbox = Pick<
  Office.Mailbox,
  "userProfile" | "addHandlerAsync" | "removeHandlerAsync" | "convertToRestId" | "convertToEwsId"
> & {
  diagnostics: Pick<Office.Diagnostics, "hostName" | "hostVersion" | "OWAView">;
  item: ShimItem | null;
};

type ShimContext = Pick<Office.Context, "displayLanguage" | "contentLanguage" | "requirements"> & {
  mailbox?: ShimMailbox;
  diagnostics: Pick<Office.ContextInformation, "host" | "platform" | "version">;
};

export interface OfficeShim {
  onReady: typeof Office.onReady;
  initialize?: (reason: Office.InitializationReason) => void;
  context: ShimContext;
  AsyncResultStatus: typeof Office.AsyncResultStatus;
  EventType: Pick<typeof Office.EventType, "ItemChanged">;
  HostType: Pick<typeof Office.HostType, "Outlook">;
  PlatformType: Pick<typeof Office.PlatformType, "OfficeOnline">;
  MailboxEnums: Pick<
    typeof Office.MailboxEnums,
    | "ItemType"
    | "LocationType"
    | "ResponseType"
    | "RecipientType"
    | "DelegatePermissions"
    | "AppointmentSensitivityType"
    | "RestVersion"
  >;
}

const MAILBOX_ENUMS = {
  ItemType: { Message: "message", Appointment: "appointment" },
  LocationType: { Custom: "custom", Room: "room" },
  ResponseType: {
    None: "none",
    Organizer: "organizer",
    Tentative: "tentative",
    Accepted: "accepted",
    Declined: "declined",
  },
  RecipientType: {
    DistributionList: "distributionList",
    User: "user",
    ExternalUser: "externalUser",
    Other: "other",
  },
  DelegatePermissions: { Read: 1, Write: 2, DeleteOwn: 4, DeleteAll: 8, EditOwn: 16, EditAll: 32 },
  RestVersion: { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" },
  AppointmentSensitivityType: {
    Normal: "normal",
    Personal: "personal",
    Private: "private",
    Confidential: "confidential",
  },
} as unknown as OfficeShim["MailboxEnums"];

/**
 * Outlook gives item ids in EWS form (standard base64); Graph uses the REST form (URL-safe
 * base64), and add-ins convert with convertToRestId. The host keeps Graph's ids.
 */
export function toEwsId(restId: string): string {
  return restId.replaceAll("-", "/").replaceAll("_", "+");
}
export function toRestId(ewsId: string): string {
  return ewsId.replaceAll("/", "-").replaceAll("+", "_");
}

function details(person: ItemPerson): Office.EmailAddressDetails {
  return { ...person };
}

/** Addresses from what Recipients.addAsync/setAsync accept: strings, EmailUser or EmailAddressDetails. */
function addressesOf(recipients: Array<string | Office.EmailUser | Office.EmailAddressDetails>): string[] {
  return recipients.map((r) => (typeof r === "string" ? r : r.emailAddress));
}

/** The item as Office.js shows it: read (attendee view) or compose (organizer view). */
export function shimItem(
  snapshot: ItemSnapshot,
  link: HostLink,
  onChange: (item: ItemSnapshot) => void,
): ShimItem {
  /** Runs a host call and answers the Office callback with its value, keeping the item current. */
  const forward = <T>(args: unknown[], call: HostCall, map: (value: unknown) => T) => {
    link.call(call, snapshot.itemId).then(
      (outcome) => {
        if (!outcome.ok) return answer<T>(args, undefined as T, outcome.error);
        if (outcome.item) onChange(outcome.item);
        answer<T>(args, map(outcome.value));
      },
      (error: unknown) => answer<T>(args, undefined as T, OFFICE_ERRORS.internal(String(error))),
    );
  };
  const done = () => undefined;

  const locationDetails = (): Office.LocationDetails[] =>
    snapshot.locations.map((l) => ({
      locationIdentifier: { id: l.id, type: l.type as Office.MailboxEnums.LocationType },
      displayName: l.displayName,
      emailAddress: l.emailAddress ?? "",
    }));

  const enhancedLocation = {
    getAsync: (...args: unknown[]) => answer(args, locationDetails()),
    addAsync: (locations: Office.LocationIdentifier[], ...args: unknown[]) =>
      forward(args, { method: "addLocations", locations: locationIds(locations) }, done),
    removeAsync: (locations: Office.LocationIdentifier[], ...args: unknown[]) =>
      forward(args, { method: "removeLocations", locations: locationIds(locations) }, done),
  };

  const loadCustomPropertiesAsync = (...args: unknown[]) =>
    forward(args, { method: "loadCustomProperties" }, (value) =>
      customProperties(link, (value ?? {}) as CustomValues, snapshot.itemId),
    );

  const getSharedPropertiesAsync = snapshot.shared
    ? (...args: unknown[]) => {
        const shared = snapshot.shared;
        if (!shared) return;
        const properties: Office.SharedProperties = {
          owner: shared.owner,
          delegatePermissions: shared.delegatePermissions as Office.MailboxEnums.DelegatePermissions,
          targetMailbox: shared.owner,
          targetRestUrl: shared.targetRestUrl,
        };
        answer(args, properties);
      }
    : undefined;

  const common = {
    itemType: "appointment" as Office.MailboxEnums.ItemType,
    seriesId: snapshot.seriesId ?? "",
    loadCustomPropertiesAsync,
    ...(getSharedPropertiesAsync ? { getSharedPropertiesAsync } : {}),
  };

  if (snapshot.mode === "read") {
    const read: ReadItem = {
      ...common,
      itemId: toEwsId(snapshot.itemId ?? ""),
      subject: snapshot.subject,
      start: new Date(snapshot.start),
      end: new Date(snapshot.end),
      location: snapshot.location,
      enhancedLocation: {
        getAsync: enhancedLocation.getAsync,
        addAsync: (_locations: Office.LocationIdentifier[], ...args: unknown[]) =>
          answer(args, undefined, OFFICE_ERRORS.accessRestricted(READ_ONLY)),
        removeAsync: (_locations: Office.LocationIdentifier[], ...args: unknown[]) =>
          answer(args, undefined, OFFICE_ERRORS.accessRestricted(READ_ONLY)),
      },
      requiredAttendees: snapshot.requiredAttendees.map(details),
      optionalAttendees: snapshot.optionalAttendees.map(details),
      organizer: details(snapshot.organizer),
    };
    return read;
  }

  const update = (args: unknown[], changes: Extract<HostCall, { method: "updateItem" }>["changes"]) =>
    forward(args, { method: "updateItem", changes }, done);
  const time = (which: "start" | "end"): Office.Time => ({
    getAsync: (...args: unknown[]) => answer(args, new Date(snapshot[which])),
    setAsync: (value: Date, ...args: unknown[]) => update(args, { [which]: value.toISOString() }),
  });
  const recipients = (which: "requiredAttendees" | "optionalAttendees"): Office.Recipients => ({
    getAsync: (...args: unknown[]) => answer(args, snapshot[which].map(details)),
    setAsync: (list: Array<string | Office.EmailUser | Office.EmailAddressDetails>, ...args: unknown[]) =>
      update(args, { [which]: addressesOf(list) }),
    addAsync: (list: Array<string | Office.EmailUser | Office.EmailAddressDetails>, ...args: unknown[]) =>
      update(args, { [which]: [...snapshot[which].map((p) => p.emailAddress), ...addressesOf(list)] }),
  });
  const compose: ComposeItem = {
    ...common,
    subject: {
      getAsync: (...args: unknown[]) => answer(args, snapshot.subject),
      setAsync: (subject: string, ...args: unknown[]) => update(args, { subject }),
    },
    start: time("start"),
    end: time("end"),
    location: {
      getAsync: (...args: unknown[]) => answer(args, snapshot.location),
      setAsync: (location: string, ...args: unknown[]) => update(args, { location }),
    },
    enhancedLocation,
    requiredAttendees: recipients("requiredAttendees"),
    optionalAttendees: recipients("optionalAttendees"),
    organizer: { getAsync: (...args: unknown[]) => answer(args, details(snapshot.organizer)) },
    getItemIdAsync: (...args: unknown[]) =>
      snapshot.itemId
        ? answer(args, toEwsId(snapshot.itemId))
        : answer(args, "", OFFICE_ERRORS.itemNotSaved()),
  };
  return compose;
}

const READ_ONLY = "The meeting is open as an attendee: only its organizer can change its locations.";

function locationIds(locations: Office.LocationIdentifier[]): LocationIds {
  return locations.map((l) => ({ id: l.id, type: l.type === "room" ? "room" : "custom" }));
}

/**
 * Office.CustomProperties: changed in memory, written by saveAsync as one JSON object. The
 * values loaded go along, so the host can refuse a save over someone else's newer one.
 */
export function customProperties(
  link: HostLink,
  loaded: CustomValues,
  itemId: string | null,
): Office.CustomProperties {
  let base = structuredClone(loaded);
  const values = structuredClone(loaded);
  return {
    get: (name: string): unknown => values[name],
    set: (name: string, value: string) => {
      values[name] = value;
    },
    remove: (name: string) => {
      delete values[name];
    },
    getAll: () => ({ ...values }),
    saveAsync: (...args: unknown[]) => {
      const snapshot = structuredClone(values);
      link.call({ method: "saveCustomProperties", loaded: base, values: snapshot }, itemId).then(
        (outcome) => {
          if (!outcome.ok) return answer<void>(args, undefined, outcome.error);
          base = snapshot;
          answer<void>(args, undefined);
        },
        (error: unknown) => answer<void>(args, undefined, OFFICE_ERRORS.internal(String(error))),
      );
    },
  };
}

/** The whole `Office` global over a host link. */
export function createOffice(link: HostLink): OfficeShim {
  const handlers = new Set<(event: { type: Office.EventType }) => void>();
  let brokered = false;
  const context: ShimContext = {
    displayLanguage: "da-DK",
    contentLanguage: "da-DK",
    requirements: {
      isSetSupported: (name, minVersion) =>
        isMailboxSetSupported(name, minVersion) || (brokered && isNestedAppAuthSupported(name, minVersion)),
    },
    diagnostics: { host: OUTLOOK, platform: OFFICE_ONLINE, version: "16.0" },
  };

  const shim: OfficeShim = {
    context,
    AsyncResultStatus: STATUS,
    EventType: { ItemChanged: ITEM_CHANGED },
    HostType: { Outlook: OUTLOOK },
    PlatformType: { OfficeOnline: OFFICE_ONLINE },
    MailboxEnums: MAILBOX_ENUMS,
    onReady: async (callback) => {
      const host = await link.ready;
      // Outside Outlook, Office.js reports no host, and the page can say so.
      const info = host
        ? { host: OUTLOOK, platform: OFFICE_ONLINE }
        : { host: null as unknown as Office.HostType, platform: null as unknown as Office.PlatformType };
      callback?.(info);
      return info;
    },
  };

  const itemFor = (snapshot: ItemSnapshot | null): ShimItem | null =>
    snapshot ? shimItem(snapshot, link, replace) : null;
  function replace(snapshot: ItemSnapshot) {
    if (context.mailbox) context.mailbox.item = itemFor(snapshot);
  }

  void link.ready.then((host) => {
    if (!host) return;
    if (host.nestedAppAuth && link.broker) {
      installNestedAppAuthBridge(link.broker);
      brokered = true;
    }
    context.displayLanguage = host.displayLanguage;
    context.contentLanguage = host.displayLanguage;
    context.mailbox = {
      userProfile: { ...host.userProfile },
      diagnostics: { hostName: "OutlookWebApp", hostVersion: "16.0", OWAView: "ThreeColumns" },
      item: itemFor(host.item),
      convertToRestId: toRestId,
      convertToEwsId: toEwsId,
      addHandlerAsync: (
        type: Office.EventType,
        handler: (event: { type: Office.EventType }) => void,
        ...args: unknown[]
      ) => {
        if (type !== ITEM_CHANGED) {
          return answer(
            args,
            undefined,
            OFFICE_ERRORS.invalidArgument(`Event ${String(type)} is not supported.`),
          );
        }
        handlers.add(handler);
        answer(args, undefined);
      },
      removeHandlerAsync: (type: Office.EventType, ...args: unknown[]) => {
        if (type === ITEM_CHANGED) handlers.clear();
        answer(args, undefined);
      },
    };
    shim.initialize?.("inserted" as unknown as Office.InitializationReason);
  });

  link.onItemChanged((snapshot) => {
    if (!context.mailbox) return;
    context.mailbox.item = itemFor(snapshot);
    for (const handler of handlers) handler({ type: ITEM_CHANGED });
  });

  return shim;
}

/// <reference types="office-js" />
import { describe, expect, it } from "vitest";
import type { CallResult, HostCall, HostContext, ItemSnapshot } from "../protocol";
import { createOffice, isMailboxSetSupported, type HostLink, type ShimItem } from "./office-object";

const MAYOR = "borgmester@fjordby.dk";

const snapshot = (changes: Partial<ItemSnapshot> = {}): ItemSnapshot => ({
  mode: "compose",
  itemId: "AAMk-1_x",
  subject: "Møde om havnefronten",
  start: "2026-11-26T09:00:00.000Z",
  end: "2026-11-26T10:00:00.000Z",
  location: "Borgmesterens kontor",
  locations: [{ id: "Borgmesterens kontor", type: "custom", displayName: "Borgmesterens kontor" }],
  organizer: {
    displayName: "Birgitte",
    emailAddress: MAYOR,
    appointmentResponse: "organizer",
    recipientType: "user",
  },
  requiredAttendees: [
    {
      displayName: "Jonas",
      emailAddress: "stabschef@fjordby.dk",
      appointmentResponse: "accepted",
      recipientType: "user",
    },
  ],
  optionalAttendees: [],
  shared: { owner: MAYOR, delegatePermissions: 63, targetRestUrl: "https://sim/v1.0" },
  seriesId: null,
  ...changes,
});

/** A host that answers from a script and remembers what the pane asked. */
function fakeHost(
  item: ItemSnapshot | null,
  answers: (call: HostCall) => CallResult = () => ({ ok: true, value: null }),
) {
  const calls: HostCall[] = [];
  const itemIds: Array<string | null> = [];
  const listeners: Array<(item: ItemSnapshot | null) => void> = [];
  const context: HostContext = {
    displayLanguage: "en-US",
    userProfile: {
      displayName: "Camilla Nørgaard",
      emailAddress: "sekretaer@fjordby.dk",
      timeZone: "Romance Standard Time",
      accountType: "enterprise",
    },
    item,
  };
  const link: HostLink = {
    ready: Promise.resolve(context),
    call: (call, itemId) => {
      calls.push(call);
      itemIds.push(itemId);
      return Promise.resolve(answers(call));
    },
    onItemChanged: (listener) => listeners.push(listener),
  };
  return {
    link,
    calls,
    itemIds,
    changeItem: (next: ItemSnapshot | null) => listeners.forEach((l) => l(next)),
  };
}

function officeCall<T>(start: (callback: (result: Office.AsyncResult<T>) => void) => void) {
  return new Promise<Office.AsyncResult<T>>((resolve) => start(resolve));
}

async function ready(link: HostLink) {
  const office = createOffice(link);
  await office.onReady();
  const mailbox = office.context.mailbox;
  if (!mailbox?.item) throw new Error("no item");
  return { office, mailbox, item: mailbox.item };
}

const compose = (item: ShimItem) => item as Office.AppointmentCompose;
const read = (item: ShimItem) => item as Office.AppointmentRead;

describe("the task pane's Office object", () => {
  it("is ready inside Outlook with the host's language, user and Mailbox up to 1.13", async () => {
    const { office, mailbox } = await ready(fakeHost(snapshot()).link);
    await expect(office.onReady()).resolves.toEqual({ host: "Outlook", platform: "OfficeOnline" });
    expect(office.context.displayLanguage).toBe("en-US");
    expect(mailbox.userProfile.emailAddress).toBe("sekretaer@fjordby.dk");
    expect(mailbox.diagnostics.hostName).toBe("OutlookWebApp");
    expect(isMailboxSetSupported("Mailbox", "1.13")).toBe(true);
    expect(isMailboxSetSupported("mailbox", "1.8")).toBe(true);
    expect(isMailboxSetSupported("Mailbox", "1.14")).toBe(false);
    expect(isMailboxSetSupported("Mailbox", "2.0")).toBe(false);
    expect(isMailboxSetSupported("DialogApi", "1.1")).toBe(false);
  });

  it("reports no host when the page is not inside Outlook", async () => {
    const office = createOffice({
      ready: Promise.resolve(null),
      call: () => new Promise(() => undefined),
      onItemChanged: () => undefined,
    });
    await expect(office.onReady()).resolves.toEqual({ host: null, platform: null });
    expect(office.context.mailbox).toBeUndefined();
  });

  it("gives the organizer's view as compose objects answered through callbacks", async () => {
    const { office, mailbox, item } = await ready(fakeHost(snapshot()).link);
    const subject = await officeCall<string>((cb) => compose(item).subject.getAsync(cb));
    expect(subject).toMatchObject({
      status: office.AsyncResultStatus.Succeeded,
      value: "Møde om havnefronten",
    });
    const start = await officeCall<Date>((cb) => compose(item).start.getAsync(cb));
    expect(start.value.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    const attendees = await officeCall<Office.EmailAddressDetails[]>((cb) =>
      compose(item).requiredAttendees.getAsync(cb),
    );
    expect(attendees.value[0]).toMatchObject({
      emailAddress: "stabschef@fjordby.dk",
      appointmentResponse: "accepted",
    });
    const id = await officeCall<string>((cb) => compose(item).getItemIdAsync(cb));
    expect(id.value).toBe("AAMk/1+x");
    expect(mailbox.convertToRestId(id.value, office.MailboxEnums.RestVersion.v2_0)).toBe("AAMk-1_x");
    const shared = await officeCall<Office.SharedProperties>((cb) =>
      compose(item).getSharedPropertiesAsync(cb),
    );
    expect(shared.value).toMatchObject({ owner: MAYOR, delegatePermissions: 63 });
  });

  it("passes the asyncContext back to the callback", async () => {
    const { item } = await ready(fakeHost(snapshot()).link);
    const result = await officeCall<string>((cb) =>
      compose(item).subject.getAsync({ asyncContext: "mine" }, cb),
    );
    expect(result.asyncContext).toBe("mine");
    const loaded = await officeCall<Office.CustomProperties>((cb) =>
      compose(item).loadCustomPropertiesAsync(cb, "also mine"),
    );
    expect(loaded.asyncContext).toBe("also mine");
  });

  it("gives an attendee's view as plain values, and refuses to change its locations", async () => {
    const { office, item } = await ready(fakeHost(snapshot({ mode: "read", shared: null })).link);
    expect(read(item).subject).toBe("Møde om havnefronten");
    expect(read(item).start).toEqual(new Date("2026-11-26T09:00:00.000Z"));
    expect(read(item).itemId).toBe("AAMk/1+x");
    expect(read(item).getSharedPropertiesAsync).toBeUndefined();
    const added = await officeCall<void>((cb) =>
      read(item).enhancedLocation.addAsync(
        [{ id: "x@fjordby.dk", type: "room" as Office.MailboxEnums.LocationType }],
        cb,
      ),
    );
    expect(added.status).toBe(office.AsyncResultStatus.Failed);
    expect(added.error).toMatchObject({ name: "AccessRestricted", code: 9017 });
  });

  it("says a new meeting has no id until it is saved", async () => {
    const { office, item } = await ready(fakeHost(snapshot({ itemId: null })).link);
    const id = await officeCall<string>((cb) => compose(item).getItemIdAsync(cb));
    expect(id.status).toBe(office.AsyncResultStatus.Failed);
    expect(id.error.name).toBe("ItemNotSaved");
  });

  it("adds a room through the host and shows the meeting as the host saved it", async () => {
    const room = "moedelokale-2@fjordby.dk";
    const after = snapshot({
      locations: [{ id: room, type: "room", displayName: "Skoven", emailAddress: room }],
    });
    const host = fakeHost(snapshot(), () => ({ ok: true, value: null, item: after }));
    const { office, mailbox, item } = await ready(host.link);
    const added = await officeCall<void>((cb) =>
      compose(item).enhancedLocation.addAsync(
        [{ id: room, type: office.MailboxEnums.LocationType.Room }],
        cb,
      ),
    );
    expect(added.status).toBe(office.AsyncResultStatus.Succeeded);
    expect(host.calls).toEqual([{ method: "addLocations", locations: [{ id: room, type: "room" }] }]);
    expect(host.itemIds).toEqual(["AAMk-1_x"]);
    const current = mailbox.item ? compose(mailbox.item) : undefined;
    const locations = await officeCall<Office.LocationDetails[]>((cb) =>
      current?.enhancedLocation.getAsync(cb),
    );
    expect(locations.value.map((l) => l.locationIdentifier)).toEqual([{ id: room, type: "room" }]);
  });

  it("saves custom properties with the values it loaded, so the host can spot someone else's save", async () => {
    const host = fakeHost(snapshot(), (call) =>
      call.method === "loadCustomProperties"
        ? { ok: true, value: { plan: "v1" } }
        : { ok: true, value: null },
    );
    const { item } = await ready(host.link);
    const loaded = await officeCall<Office.CustomProperties>((cb) =>
      compose(item).loadCustomPropertiesAsync(cb),
    );
    const properties = loaded.value;
    expect(properties.get("plan")).toBe("v1");
    properties.set("plan", "v2");
    properties.set("case", "00.01.00-A00-1-26");
    await officeCall<void>((cb) => properties.saveAsync(cb));
    properties.remove("case");
    await officeCall<void>((cb) => properties.saveAsync(cb));
    expect(host.calls.slice(1)).toEqual([
      {
        method: "saveCustomProperties",
        loaded: { plan: "v1" },
        values: { plan: "v2", case: "00.01.00-A00-1-26" },
      },
      {
        method: "saveCustomProperties",
        loaded: { plan: "v2", case: "00.01.00-A00-1-26" },
        values: { plan: "v2" },
      },
    ]);
    expect(properties.getAll()).toEqual({ plan: "v2" });
  });

  it("hands the host's refusal to the callback as a failed AsyncResult", async () => {
    const error = { name: "SaveError", message: "Someone else changed it.", code: 9021 };
    const host = fakeHost(snapshot(), (call) =>
      call.method === "loadCustomProperties" ? { ok: true, value: {} } : { ok: false, error },
    );
    const { office, item } = await ready(host.link);
    const properties = (
      await officeCall<Office.CustomProperties>((cb) => compose(item).loadCustomPropertiesAsync(cb))
    ).value;
    properties.set("plan", "mine");
    const saved = await officeCall<void>((cb) => properties.saveAsync(cb));
    expect(saved.status).toBe(office.AsyncResultStatus.Failed);
    expect(saved.error).toEqual(error);
  });

  it("switches the item and calls ItemChanged handlers when the host selects another meeting", async () => {
    const host = fakeHost(snapshot());
    const { office, mailbox } = await ready(host.link);
    const events: unknown[] = [];
    await officeCall<void>((cb) =>
      mailbox.addHandlerAsync(office.EventType.ItemChanged, (e: unknown) => events.push(e), cb),
    );
    host.changeItem(snapshot({ mode: "read", subject: "Byrådsmøde" }));
    expect(events).toEqual([{ type: office.EventType.ItemChanged }]);
    expect(mailbox.item ? read(mailbox.item).subject : undefined).toBe("Byrådsmøde");
    await officeCall<void>((cb) => mailbox.removeHandlerAsync(office.EventType.ItemChanged, cb));
    host.changeItem(null);
    expect(events).toHaveLength(1);
    expect(mailbox.item).toBeNull();
  });
});

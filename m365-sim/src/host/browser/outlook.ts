/// <reference lib="dom" />
import { z } from "zod";
import { calendarsAnswer, hostPageConfig, type HostPageConfig, type OpenableCalendar } from "../config";
import type { GraphEvent } from "../item";
import { textFor, type AddinButton, type CommandSurface } from "../manifest";
import {
  CHANNEL,
  OFFICE_ERRORS,
  comesFrom,
  paneMessage,
  type HostContext,
  type HostMessage,
  type ItemSnapshot,
} from "../protocol";
import {
  GraphFailure,
  graphClient,
  performCall,
  readEvent,
  snapshotOf,
  type OpenMeeting,
} from "./host-calls";
import { answerBrokerRequest } from "./broker";
import { currentSession, finishSignIn, signOut, startSignIn } from "./sign-in";
import { CALENDAR_ZONE, addDays, localDate, mondayOf, startOfDay } from "./week";

/**
 * `${sim.url}/host/`: Outlook on the web, as much of it as the add-in meets. Sign in, open
 * your own or a shared calendar, pick a meeting of the week, press the add-in's button, and
 * the task pane opens on the right with this page answering its Office.js.
 */

const config: HostPageConfig = hostPageConfig.parse(
  JSON.parse(document.getElementById("host-config")?.textContent ?? "null"),
);
const LANGUAGE_KEY = "outlook-sim.language";

const me = z.object({
  id: z.string(),
  displayName: z.string(),
  mail: z.string().nullish(),
  userPrincipalName: z.string(),
});
const weekPage = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      subject: z.string().nullish(),
      start: z.object({ dateTime: z.string(), timeZone: z.string() }),
      end: z.object({ dateTime: z.string(), timeZone: z.string() }),
      isOrganizer: z.boolean().optional(),
      isCancelled: z.boolean().optional(),
      location: z.object({ displayName: z.string().nullish() }).nullish(),
    }),
  ),
});
type WeekMeeting = z.infer<typeof weekPage>["value"][number];

interface Pane {
  button: AddinButton;
  frame: HTMLIFrameElement;
  origin: string;
  pinned: boolean;
}

const page = {
  status: byId("status"),
  app: byId("app"),
  who: byId("who"),
  picker: byId("calendar-picker"),
  weekTitle: byId("week-title"),
  meetings: byId("meetings"),
  reading: byId("reading"),
  pane: byId("pane"),
  paneTitle: byId("pane-title"),
  pin: byId("pin"),
  closePane: byId("close-pane"),
};

let language = localStorage.getItem(LANGUAGE_KEY) ?? "da-DK";
let token = "";
let signedIn = { displayName: "", address: "", timeZone: "" };
let calendars: OpenableCalendar[] = [];
let calendar: OpenableCalendar | undefined;
let monday = "";
let open: { meeting: OpenMeeting; event: GraphEvent; item: ItemSnapshot } | undefined;
let pane: Pane | undefined;

function byId(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The host page has no #${id}`);
  return found;
}

type Child = Node | string | null | undefined | false;
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Danish text with its English beside it, marked with its language. */
function bilingual(danish: string, english: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(danish, " ", el("span", { lang: "en", class: "en" }, english));
  return fragment;
}

function say(message: string, isError = false): void {
  page.status.textContent = message;
  page.status.setAttribute("role", isError ? "alert" : "status");
}

const graph = graphClient(`${config.authority}/v1.0`, () => token);

const time = (iso: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(language, { timeZone: CALENDAR_ZONE, ...options }).format(new Date(iso));
const utc = (value: { dateTime: string }) => `${value.dateTime.slice(0, 19)}Z`;

async function start(): Promise<void> {
  try {
    const session = (await finishSignIn(config)) ?? currentSession();
    if (!session) return showSignIn();
    token = session.accessToken;
    const profile = me.parse(await graph.send("GET", "/me?$select=id,displayName,mail,userPrincipalName"));
    const answer = calendarsAnswer.parse(await hostJson("calendars"));
    signedIn = {
      displayName: profile.displayName,
      address: profile.mail ?? profile.userPrincipalName,
      timeZone: answer.timeZone,
    };
    calendars = answer.calendars;
    calendar = calendars[0];
    monday = mondayOf(localDate(new Date(answer.now)));
    showHeader();
    page.app.hidden = false;
    say("");
    await showWeek();
  } catch (error) {
    fail(["Der opstod en fejl", "Something went wrong"], error);
  }
}

/** Says what failed; an expired or refused token sends the person back to sign in. */
function fail([danish, english]: [string, string], error: unknown): void {
  if (error instanceof GraphFailure && error.status === 401) {
    signOut();
    showSignIn();
    say("Din session er udløbet. Log ind igen. / Your session expired: sign in again.", true);
    return;
  }
  say(`${danish}. / ${english}: ${error instanceof Error ? error.message : String(error)}`, true);
}

async function hostJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401) {
    signOut();
    showSignIn();
  }
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function showSignIn(): void {
  page.app.hidden = true;
  const button = el("button", { type: "button", id: "sign-in" }, bilingual("Log ind", "Sign in"));
  button.addEventListener("click", () => void startSignIn(config));
  page.who.replaceChildren(button);
  say("Log ind for at åbne kalenderen. / Sign in to open the calendar.");
}

function showHeader(): void {
  const signOutButton = el("button", { type: "button" }, bilingual("Log ud", "Sign out"));
  signOutButton.addEventListener("click", () => {
    signOut();
    window.location.assign(window.location.pathname);
  });
  const languages = el(
    "select",
    { id: "display-language", "aria-label": "Visningssprog / Display language" },
    el("option", { value: "da-DK", lang: "da" }, "Dansk"),
    el("option", { value: "en-US", lang: "en" }, "English"),
  );
  languages.value = language;
  languages.addEventListener("change", () => {
    language = languages.value;
    localStorage.setItem(LANGUAGE_KEY, language);
    void showWeek();
    if (open) showMeeting();
  });
  page.who.replaceChildren(el("span", {}, signedIn.displayName), " ", languages, " ", signOutButton);

  const select = el("select", { id: "calendar", "aria-label": "Kalender / Calendar" });
  for (const c of calendars) {
    const label = c.own
      ? `Min kalender – ${c.displayName}`
      : `${c.displayName} (delt med dig / shared with you)`;
    select.append(el("option", { value: c.id }, label));
  }
  select.addEventListener("change", () => {
    calendar = calendars.find((c) => c.id === select.value);
    void showWeek();
  });
  page.picker.replaceChildren(el("label", { for: "calendar" }, bilingual("Kalender", "Calendar")), select);
}

async function showWeek(): Promise<void> {
  try {
    await listWeek();
  } catch (error) {
    fail(["Kalenderen kunne ikke vises", "The calendar could not be shown"], error);
  }
}

async function listWeek(): Promise<void> {
  if (!calendar) return;
  const end = addDays(monday, 7);
  page.weekTitle.replaceChildren(
    bilingual(`Uge fra ${time(startOfDay(monday), { dateStyle: "long" })}`, "Week"),
  );
  const query = new URLSearchParams({
    startDateTime: startOfDay(monday),
    endDateTime: startOfDay(end),
    $top: "200",
    $orderby: "start/dateTime",
    $select: "id,subject,start,end,isOrganizer,isCancelled,location",
  });
  const week = weekPage.parse(
    await graph.send("GET", `/users/${encodeURIComponent(calendar.id)}/calendarView?${query.toString()}`),
  );
  const byDay = new Map<string, WeekMeeting[]>();
  for (const meeting of week.value) {
    const day = localDate(new Date(utc(meeting.start)));
    byDay.set(day, [...(byDay.get(day) ?? []), meeting]);
  }
  const items: HTMLElement[] = [];
  for (const [day, meetings] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    items.push(
      el(
        "li",
        { class: "day" },
        time(`${day}T12:00:00Z`, { weekday: "long", day: "numeric", month: "long" }),
      ),
    );
    for (const meeting of meetings) {
      const when = `${time(utc(meeting.start), { timeStyle: "short" })}–${time(utc(meeting.end), { timeStyle: "short" })}`;
      const where = meeting.location?.displayName ? ` · ${meeting.location.displayName}` : "";
      const button = el(
        "button",
        { type: "button", class: "meeting", "data-event-id": meeting.id },
        `${when} ${meeting.subject ?? ""}${where}${meeting.isCancelled ? " (aflyst / cancelled)" : ""}`,
      );
      if (open?.meeting.eventId === meeting.id) button.setAttribute("aria-current", "true");
      button.addEventListener("click", () => void openMeeting(meeting.id));
      items.push(el("li", {}, button));
    }
  }
  if (!items.length)
    items.push(el("li", {}, bilingual("Ingen møder i denne uge.", "No meetings this week.")));
  page.meetings.replaceChildren(...items);
}

async function openMeeting(eventId: string): Promise<void> {
  if (!calendar) return;
  try {
    const meeting: OpenMeeting = {
      graph,
      addinId: config.addin?.id ?? "",
      tenantDomain: config.tenantDomain,
      restUrl: `${config.authority}/v1.0`,
      signedIn: signedIn.address,
      mailbox: { id: calendar.id, mail: calendar.mail },
      eventId,
    };
    const event = await readEvent(meeting);
    open = { meeting, event, item: snapshotOf(meeting, event) };
    for (const button of page.meetings.querySelectorAll("button.meeting")) {
      if (button.getAttribute("data-event-id") === eventId) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
    showMeeting();
    if (pane?.pinned) {
      const surfaceButton = buttonsFor(surfaceOf(open.item)).find((b) => b.supportsPinning);
      post({ channel: CHANNEL, kind: "itemChanged", item: surfaceButton ? open.item : null });
    } else if (pane) closePane();
  } catch (error) {
    fail(["Mødet kunne ikke åbnes", "The meeting could not be opened"], error);
  }
}

const surfaceOf = (item: ItemSnapshot): CommandSurface =>
  item.mode === "compose" ? "AppointmentOrganizerCommandSurface" : "AppointmentAttendeeCommandSurface";

function buttonsFor(surface: CommandSurface): AddinButton[] {
  return config.addin?.buttons.filter((b) => b.surface === surface) ?? [];
}

const RESPONSES: Record<string, [string, string]> = {
  accepted: ["accepteret", "accepted"],
  tentativelyAccepted: ["foreløbigt", "tentative"],
  declined: ["afvist", "declined"],
  organizer: ["arrangør", "organizer"],
};
function responseText(response: string | null | undefined): string {
  const [da, en] = RESPONSES[response ?? ""] ?? ["intet svar", "no response"];
  return language.startsWith("da") ? da : en;
}

function showMeeting(): void {
  if (!open) return;
  const { event, item } = open;
  const organizerView = item.mode === "compose";
  const ribbon = el("div", {
    class: "ribbon",
    role: "toolbar",
    "aria-label": "Tilføjelsesprogrammer / Add-ins",
  });
  for (const button of buttonsFor(surfaceOf(item))) {
    const icon = button.icons.find((i) => i.size === 20) ?? button.icons[0];
    const control = el(
      "button",
      {
        type: "button",
        class: "addin-command",
        title: textFor(button.tooltip, language),
        lang: language.slice(0, 2),
      },
      icon ? el("img", { src: icon.url, alt: "" }) : null,
      textFor(button.label, language),
    );
    control.addEventListener("click", () => openPane(button));
    ribbon.append(control);
  }
  if (!config.addin)
    ribbon.append(
      el("p", { role: "alert" }, `Intet tilføjelsesprogram / No add-in: ${config.addinProblem ?? ""}`),
    );

  const attendees = (event.attendees ?? []).filter((a) => a.type !== "resource");
  const rooms = (event.attendees ?? []).filter((a) => a.type === "resource");
  const list = (people: typeof attendees) =>
    el(
      "ul",
      {},
      ...people.map((a) =>
        el(
          "li",
          {},
          `${a.emailAddress.name ?? a.emailAddress.address ?? ""} – ${responseText(a.status?.response)}`,
        ),
      ),
    );
  page.reading.replaceChildren(
    el("h2", { id: "reading-title" }, item.subject || "(uden emne / no subject)"),
    ribbon,
    el(
      "p",
      { id: "view-kind" },
      organizerView
        ? bilingual("Du ser mødet som arrangør.", "Organizer view.")
        : bilingual("Du ser mødet som deltager.", "Attendee view."),
      item.shared ? bilingual(` I ${calendar?.displayName ?? ""}s kalender.`, "In a shared calendar.") : null,
    ),
    el(
      "dl",
      {},
      el("dt", {}, bilingual("Tidspunkt", "When")),
      el(
        "dd",
        {},
        `${time(item.start, { dateStyle: "full", timeStyle: "short" })} – ${time(item.end, { timeStyle: "short" })}`,
      ),
      el("dt", {}, bilingual("Sted", "Where")),
      el("dd", {}, item.location || "–"),
      el("dt", {}, bilingual("Arrangør", "Organizer")),
      el("dd", {}, item.organizer.displayName),
      el("dt", {}, bilingual("Deltagere", "Attendees")),
      el("dd", {}, list(attendees)),
      el("dt", {}, bilingual("Lokaler", "Rooms")),
      el("dd", { id: "rooms" }, rooms.length ? list(rooms) : "–"),
    ),
  );
}

function openPane(button: AddinButton): void {
  closePane();
  const frame = el("iframe", {
    src: button.taskpaneUrl,
    title: `${textFor(config.addin?.displayName ?? button.label, language)} – opgaverude / task pane`,
    id: "taskpane",
  });
  pane = { button, frame, origin: new URL(button.taskpaneUrl).origin, pinned: false };
  page.paneTitle.textContent = textFor(config.addin?.displayName ?? button.label, language);
  page.pin.hidden = !button.supportsPinning;
  page.pin.setAttribute("aria-pressed", "false");
  page.pane.append(frame);
  page.pane.hidden = false;
  frame.focus();
}

function closePane(): void {
  pane?.frame.remove();
  pane = undefined;
  page.pane.hidden = true;
}

page.pin.addEventListener("click", () => {
  if (!pane) return;
  pane.pinned = !pane.pinned;
  page.pin.setAttribute("aria-pressed", String(pane.pinned));
});
page.closePane.addEventListener("click", closePane);
/** Outlook's new-meeting form, reduced: the meeting is saved first, then opens in the organizer's view. */
function showComposeForm(): void {
  const field = (id: string, danish: string, english: string, input: Record<string, string>) =>
    el("label", { for: id }, bilingual(danish, english), el("input", { id, name: id, ...input }));
  const today = localDate(new Date());
  const day = today >= monday && today < addDays(monday, 7) ? today : monday;
  const form = el(
    "form",
    { class: "compose", id: "compose" },
    field("compose-subject", "Emne", "Subject", { required: "", type: "text" }),
    field("compose-date", "Dato", "Date", { required: "", type: "date", value: day }),
    field("compose-start", "Start", "Start", { required: "", type: "time", value: "10:00" }),
    field("compose-end", "Slut", "End", { required: "", type: "time", value: "11:00" }),
    field("compose-attendees", "Deltagere (e-mail, adskilt af komma)", "Attendees (comma-separated)", {
      type: "text",
    }),
    el("button", { type: "submit" }, bilingual("Gem", "Save")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void saveNewMeeting(new FormData(form));
  });
  page.reading.replaceChildren(el("h2", { id: "reading-title" }, bilingual("Nyt møde", "New meeting")), form);
  byId("compose-subject").focus();
}

async function saveNewMeeting(form: FormData): Promise<void> {
  if (!calendar) return;
  const value = (name: string) => String(form.get(name) ?? "").trim();
  const at = (time: string) => ({
    dateTime: `${value("compose-date")}T${time}:00`,
    timeZone: "Romance Standard Time",
  });
  try {
    const created = z.object({ id: z.string() }).parse(
      await graph.send("POST", `/users/${encodeURIComponent(calendar.id)}/events`, {
        body: {
          subject: value("compose-subject"),
          start: at(value("compose-start")),
          end: at(value("compose-end")),
          attendees: value("compose-attendees")
            .split(",")
            .map((a) => a.trim())
            .filter(Boolean)
            .map((address) => ({ type: "required", emailAddress: { address } })),
        },
      }),
    );
    monday = mondayOf(value("compose-date"));
    await showWeek();
    await openMeeting(created.id);
  } catch (error) {
    fail(["Mødet blev ikke gemt", "The meeting was not saved"], error);
  }
}

byId("new-meeting").addEventListener("click", showComposeForm);
byId("previous-week").addEventListener("click", () => {
  monday = addDays(monday, -7);
  void showWeek();
});
byId("next-week").addEventListener("click", () => {
  monday = addDays(monday, 7);
  void showWeek();
});

function post(message: HostMessage): void {
  pane?.frame.contentWindow?.postMessage(message, pane.origin);
}

function hostContext(): HostContext {
  return {
    displayLanguage: language,
    userProfile: {
      displayName: signedIn.displayName,
      emailAddress: signedIn.address,
      timeZone: signedIn.timeZone,
      accountType: "enterprise",
    },
    item: open ? open.item : null,
    nestedAppAuth: config.nestedAppAuth,
  };
}

// Only the task pane's frame, from the origin its manifest URL names, may talk to the host.
window.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (!comesFrom(event, pane && { origin: pane.origin, window: pane.frame.contentWindow })) return;
  const parsed = paneMessage.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.kind === "hello") {
    post({ channel: CHANNEL, kind: "ready", context: hostContext() });
    return;
  }
  if (message.kind === "naa") {
    if (!config.nestedAppAuth || !pane) return;
    void answerBrokerRequest(config, pane.origin, message.request).then((response) =>
      post({ channel: CHANNEL, kind: "naa", response }),
    );
    return;
  }
  const current = open;
  if (!current || message.itemId !== current.meeting.eventId) {
    post({
      channel: CHANNEL,
      kind: "result",
      id: message.id,
      result: { ok: false, error: OFFICE_ERRORS.itemChanged() },
    });
    return;
  }
  void performCall(current.meeting, message.call).then(async (result) => {
    if (result.ok && result.item && open === current) {
      current.item = result.item;
      current.event = await readEvent(current.meeting);
      showMeeting();
    }
    post({ channel: CHANNEL, kind: "result", id: message.id, result });
  });
});

void start();

import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADDIN_ID } from "@modeklar/shared";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The one Chromium launch every browser test shares (the repository's tests/ helpers).
import { launchChromium } from "../../../tests/chromium";
import { defaultCertDir, ensureDevCertificates } from "../certs";
import { expandCalendarView } from "../calendar/view";
import { signInAs } from "../identity/testing";
import { ADDRESSES, IDS } from "../seed/directory";
import { startSim, type RunningSim } from "../server";
import { customPropertiesId, graphEvent, type GraphEvent } from "./item";
import { configureHost } from "./routes";
import { startFixturePane, type FixturePane } from "./testing/fixture-pane";

const ZONE = "Europe/Copenhagen";
const REPO_MANIFEST = path.resolve(import.meta.dirname, "../../../manifest.xml");

let sim: RunningSim;
let pane: FixturePane;
let browser: Browser;
let token: string;
let meeting: GraphEvent;
let otherMeeting: GraphEvent;
let room: { id: string; emailAddress: string; displayName: string };

async function graph(pathAndQuery: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.graphBaseUrl}${pathAndQuery}`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status} ${await response.text()}`);
  return response.json();
}

const mondayOfThisWeek = () => DateTime.fromJSDate(sim.state.clock.now(), { zone: ZONE }).startOf("week");

/** A meeting the secretary books in the mayor's calendar for Thursday of the week the page opens on. */
async function bookForTheMayor(): Promise<GraphEvent> {
  const at = (hour: number) => ({
    dateTime: mondayOfThisWeek().plus({ days: 3, hours: hour }).toFormat("yyyy-LL-dd'T'HH:mm:ss"),
    timeZone: "Romance Standard Time",
  });
  return graphEvent.parse(
    await graph(`/users/${IDS.mayor}/events`, {
      subject: "Møde om havnefronten",
      start: at(10),
      end: at(11),
      location: { displayName: "Borgmesterens kontor" },
      attendees: [{ type: "required", emailAddress: { address: ADDRESSES.chiefOfStaff } }],
    }),
  );
}

/** A meeting of the week that someone else organised: the mayor is an attendee. */
async function invitationOfTheWeek(): Promise<GraphEvent> {
  const query = new URLSearchParams({
    startDateTime: mondayOfThisWeek().toISO() ?? "",
    endDateTime: mondayOfThisWeek().plus({ weeks: 1 }).toISO() ?? "",
    $top: "200",
  });
  const page = (await graph(`/users/${IDS.mayor}/calendarView?${query.toString()}`)) as { value: unknown[] };
  const invitation = page.value
    .map((e) => graphEvent.parse(e))
    .find((e) => !e.isOrganizer && !e.isCancelled && !e.seriesMasterId);
  if (!invitation) throw new Error("The seeded week has no meeting the mayor was invited to.");
  return invitation;
}

/** A standard (auto-accepting) room with nothing booked in the meeting's slot. */
function freeRoomFor(event: GraphEvent) {
  const from = DateTime.fromISO(`${event.start.dateTime.slice(0, 19)}Z`);
  const to = DateTime.fromISO(`${event.end.dateTime.slice(0, 19)}Z`);
  const free = [...sim.state.rooms.values()].find(
    (r) => r.bookingType === "standard" && expandCalendarView(sim.state, r.id, from, to).length === 0,
  );
  if (!free) throw new Error("No free room in the seeded town hall for the test meeting.");
  return free;
}

async function signInAsSecretary(page: Page): Promise<void> {
  await page.goto(sim.hostUrl);
  await page.click("#sign-in");
  await page.getByRole("link", { name: /Camilla Nørgaard/ }).click();
  await page.waitForSelector("#calendar");
}

beforeAll(async () => {
  sim = await startSim();
  token = (
    await signInAs(sim, {
      user: ADDRESSES.secretary,
      scope: "User.Read Calendars.ReadWrite.Shared",
    })
  ).access_token;
  meeting = await bookForTheMayor();
  otherMeeting = await invitationOfTheWeek();
  room = freeRoomFor(meeting);

  const certs = await ensureDevCertificates(defaultCertDir());
  pane = await startFixturePane(certs, `${sim.hostUrl}office.js`, room.emailAddress);
  const dir = await mkdtemp(path.join(tmpdir(), "outlook-host-"));
  const manifestPath = path.join(dir, "manifest.xml");
  const manifest = (await readFile(REPO_MANIFEST, "utf8")).replaceAll("https://localhost:3000", pane.origin);
  await writeFile(manifestPath, manifest);
  configureHost(sim, { manifestPath });

  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await sim?.close();
});

describe("the Outlook host page", () => {
  it("lets the secretary open a meeting in the mayor's calendar and run the add-in's task pane against Graph", async () => {
    // Chromium does not read NODE_EXTRA_CA_CERTS; the simulator's dev CA is trusted by Node only.
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1024, height: 900 },
    });
    const page = await context.newPage();
    await signInAsSecretary(page);

    await page.selectOption("#calendar", IDS.mayor);
    await page.click(`button.meeting[data-event-id="${meeting.id}"]`);
    await expect.poll(() => page.textContent("#reading-title")).toBe(meeting.subject);
    await expect.poll(() => page.textContent("#view-kind")).toContain("arrangør");

    const command = page.locator("button.addin-command");
    await expect.poll(() => command.textContent()).toBe("Mødeplan");
    await command.click();

    const frame = page.frameLocator("#taskpane");
    await frame.locator("#result[data-done]").waitFor({ timeout: 20_000 });
    const seen = JSON.parse((await frame.locator("#result").textContent()) ?? "{}") as Record<
      string,
      unknown
    >;
    expect(seen["error"]).toBeUndefined();
    expect(seen).toMatchObject({
      host: "Outlook",
      language: "da-DK",
      hostName: "OutlookWebApp",
      mailbox18: true,
      mailbox114: false,
      itemType: "appointment",
      subject: meeting.subject,
      start: new Date(`${meeting.start.dateTime.slice(0, 19)}Z`).toISOString(),
      itemId: meeting.id,
      shared: { owner: ADDRESSES.mayor, delegatePermissions: 63 },
      locations: expect.arrayContaining([`room:${room.emailAddress}`]),
    });
    const firstAttendee = (meeting.attendees ?? []).find((a) => a.type === "required");
    expect(seen["required"]).toEqual(
      expect.arrayContaining([expect.stringContaining(firstAttendee?.emailAddress.address ?? "?")]),
    );

    // Through Graph: the plan is the add-in's extended property and the room is a resource that accepted.
    const filter = encodeURIComponent(
      `singleValueExtendedProperties($filter=id eq '${customPropertiesId(ADDIN_ID)}')`,
    );
    const saved = graphEvent.parse(await graph(`/users/${IDS.mayor}/events/${meeting.id}?$expand=${filter}`));
    expect(JSON.parse(saved.singleValueExtendedProperties?.[0]?.value ?? "{}")).toEqual({
      plan: `room:${room.emailAddress}`,
    });
    const booked = saved.attendees?.find((a) => a.emailAddress.address === room.emailAddress);
    expect(booked).toMatchObject({ type: "resource", status: { response: "accepted" } });
    await expect.poll(() => page.textContent("#rooms")).toContain(room.displayName);

    // Pinned, the pane follows the selection and hears ItemChanged.
    await page.click("#pin");
    await page.click(`button.meeting[data-event-id="${otherMeeting.id}"]`);
    await expect.poll(() => frame.locator("#changed").textContent()).toBe(otherMeeting.subject);
    await context.close();
  });

  it("saves a new meeting from the compose form, by keyboard at a narrow width, and opens it in the organizer's view", async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 600, height: 900 },
    });
    const page = await context.newPage();
    await signInAsSecretary(page);
    await page.selectOption("#calendar", IDS.mayor);
    await page.focus("#new-meeting");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Budgetforhandling – forberedelse");
    await page.fill("#compose-attendees", ADDRESSES.finance);
    await page.focus("#compose-attendees");
    await page.keyboard.press("Enter");

    await expect.poll(() => page.textContent("#reading-title")).toBe("Budgetforhandling – forberedelse");
    await expect.poll(() => page.textContent("#view-kind")).toContain("arrangør");
    await expect.poll(() => page.locator("button.addin-command").textContent()).toBe("Mødeplan");
    const query = encodeURIComponent("subject eq 'Budgetforhandling – forberedelse'");
    const found = (await graph(`/users/${IDS.mayor}/events?$filter=${query}`)) as { value: unknown[] };
    const saved = graphEvent.parse(found.value[0]);
    expect(saved.attendees?.map((a) => a.emailAddress.address)).toEqual([ADDRESSES.finance]);
    await context.close();
  });

  it("shows the add-in's English label when the display language is English", async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 800, height: 900 },
    });
    const page = await context.newPage();
    await signInAsSecretary(page);
    await page.selectOption("#display-language", "en-US");
    await page.selectOption("#calendar", IDS.mayor);
    await page.click(`button.meeting[data-event-id="${otherMeeting.id}"]`);
    await expect.poll(() => page.textContent("#view-kind")).toContain("Attendee view");
    await expect.poll(() => page.locator("button.addin-command").textContent()).toBe("Meeting plan");
    await context.close();
  });

  it("sends the secretary back to sign in when her token has expired", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await signInAsSecretary(page);
    sim.state.clock.advance(2 * 60 * 60 * 1000);
    try {
      await page.click("#next-week");
      await page.waitForSelector("#sign-in");
      await expect.poll(() => page.textContent("#status")).toContain("Log ind igen");
    } finally {
      sim.state.clock.reset();
      await context.close();
    }
  });
});

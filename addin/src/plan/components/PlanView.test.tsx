import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { emptyPlan, fitPlan, PLAN_PROPERTY, type MeetingPlan } from "@modeklar/shared";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../../i18n";
import { outlookHost } from "../../office";
import { mockOutlook, testMeeting, type MockMeeting } from "../../office/outlook-mock";
import { Drafts } from "../draft";
import { PlanView } from "./PlanView";

const NOW = new Date("2026-12-01T09:00:00Z");

/** The service as the pane sees it over HTTP: one meeting's plan with revisions, and the kitchen's answer. */
function fakeService(
  initial: MeetingPlan | null,
  options: { cateringProblem?: string; failSaves?: number } = {},
) {
  const state = {
    plan: initial,
    revision: initial?.revision ?? 0,
    failSaves: options.failSaves ?? 0,
    saves: 0,
    briefing: { text: "", version: 0 },
    cateringOrders: [] as { order: MeetingPlan["catering"]; headCount?: number }[],
    journalised: false,
  };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const path = new URL(url).pathname.replace(/^\/api/, "");
    const method = init?.method ?? "GET";
    if (path === "/meetings") return json(200, { meetings: [] });
    if (path === "/rooms/available")
      return json(200, {
        rooms: [
          {
            email: "moedelokale-2@fjordby.dk",
            name: "Mødelokale 2 (Havnen)",
            capacity: 10,
            equipment: ["display"],
            stepFree: true,
          },
        ],
      });
    if (path === "/departments")
      return json(200, { departments: [{ name: "Teknik og Miljø", email: "teknik-miljoe@fjordby.dk" }] });
    if (path.endsWith("/deadlines"))
      return json(200, {
        cateringCutoff: "2026-12-08T11:00:00.000Z",
        cateringOpen: true,
        guestListDue: "2026-12-09T13:00:00.000Z",
        materialDue: "2026-12-07T11:00:00.000Z",
      });
    if (path.endsWith("/briefing") && method === "PUT") {
      const body = JSON.parse(String(init?.body)) as { text: string; baseVersion: number };
      state.briefing = { text: body.text, version: body.baseVersion + 1 };
      return json(200, state.briefing);
    }
    if (path.endsWith("/briefing")) return json(200, state.briefing);
    if (path.endsWith("/plan") && method === "GET")
      return json(200, { plan: state.plan, revision: state.revision });
    if (path.endsWith("/plan") && method === "PUT") {
      state.saves += 1;
      if (state.failSaves > 0) {
        state.failSaves -= 1;
        return json(503, { title: "Service Unavailable", status: 503, detail: "Databasen svarer ikke." });
      }
      const body = JSON.parse(String(init?.body)) as { plan: MeetingPlan; baseRevision: number };
      if (body.baseRevision !== state.revision) {
        return json(409, {
          title: "Conflict",
          status: 409,
          detail: "Jonas Vestergaard har gemt planen",
          code: "planConflict",
          current: { plan: state.plan, revision: state.revision, updatedBy: "Jonas Vestergaard" },
        });
      }
      state.revision += 1;
      state.plan = { ...body.plan, revision: state.revision };
      return json(200, { plan: state.plan, encoded: "" });
    }
    if (path.endsWith("/journal")) {
      // The meeting's journal: its invitation, filed when the pane asks.
      if (method === "POST") state.journalised = true;
      return json(200, {
        meetingId: "AAMkAD-1",
        subject: "Møde",
        isPrivate: false,
        caseNumber: state.plan?.journal.caseNumber ?? null,
        journal: {
          state: state.journalised ? "journalised" : "notJournalised",
          documents: [
            {
              key: "meeting:AAMkAD-1:invitation",
              kind: "invitation",
              title: "Møde",
              state: state.journalised ? "journalised" : "notJournalised",
              caseNumber: state.journalised ? (state.plan?.journal.caseNumber ?? null) : null,
              requestedAt: state.journalised ? NOW.toISOString() : null,
              journalisedAt: state.journalised ? NOW.toISOString() : null,
              journalisedBy: state.journalised ? "Camilla Nørgaard" : null,
            },
          ],
          due: null,
          missing: false,
        },
        caseNumberFormat: {
          pattern: "^\\d{2}\\.\\d{2}\\.\\d{2}-[A-Z]\\d{2}-\\d+-\\d{2}$",
          example: "00.01.00-A00-1-24",
        },
      });
    }
    if (path.endsWith("/catering") && options.cateringProblem) {
      return json(422, {
        title: "Too late",
        status: 422,
        detail: options.cateringProblem,
        code: "cateringCutoffPassed",
      });
    }
    if (path.endsWith("/catering") && method === "POST") {
      const body = JSON.parse(String(init?.body)) as { order: MeetingPlan["catering"]; headCount?: number };
      state.cateringOrders.push(body);
      state.revision += 1;
      state.plan = { ...(state.plan ?? emptyPlan()), catering: body.order, revision: state.revision };
      return json(200, {
        cutoff: "2026-12-08T11:00:00.000Z",
        sentAt: NOW.toISOString(),
        revision: state.revision,
      });
    }
    return json(404, { title: "Not found", status: 404 });
  });
  globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
  return { state, fetch };
}

function openMeeting(view: "organizer" | "attendee" = "organizer", rooms: MockMeeting["rooms"] = []) {
  const meeting = testMeeting({
    rooms,
    requiredAttendees: [{ displayName: "Jonas Vestergaard", emailAddress: "stabschef@fjordby.dk" }],
  });
  globalThis.Office = mockOutlook({ view, meeting }).office;
  return { host: outlookHost().currentMeeting()!, meeting };
}

function renderPlan(view: "organizer" | "attendee" = "organizer", rooms: MockMeeting["rooms"] = []) {
  const { host: meeting, meeting: inOutlook } = openMeeting(view, rooms);
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="da">
        <PlanView
          meeting={meeting}
          access={{ apiBase: "https://modeklar.test/api", token: () => Promise.resolve("token") }}
          language="da"
          now={() => NOW}
        />
      </I18nProvider>
    </FluentProvider>,
  );
  return inOutlook;
}

const planWith = (values: Partial<MeetingPlan>, revision = 1): MeetingPlan => ({
  ...emptyPlan(),
  ...values,
  revision,
});
const journal = (caseNumber: string) => ({ state: "todo" as const, caseNumber });

const realFetch = globalThis.fetch;
beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
  Reflect.deleteProperty(globalThis, "Office");
});

describe("the plan in the task pane", () => {
  it("restores what the secretary typed when the pane is opened again, and saves it as it says", async () => {
    const service = fakeService(planWith({ journal: journal("00.01.00-A00-1-24") }));
    new Drafts().save("AAMkAD-1", {
      plan: planWith({ journal: journal("00.01.00-A00-9-24") }),
      briefing: null,
      baseRevision: 1,
      savedAt: NOW.toISOString(),
    });
    renderPlan();
    const caseNumber = (await screen.findByLabelText("Journalnummer")) as HTMLInputElement;
    expect(caseNumber.value).toBe("00.01.00-A00-9-24");
    expect(screen.getByText(/Det, du skrev sidst, er hentet frem igen og gemmes nu/)).toBeDefined();
    // "gemmes nu": the restored text reaches the service without another keystroke.
    await waitFor(() => expect(service.state.plan?.journal.caseNumber).toBe("00.01.00-A00-9-24"), {
      timeout: 3000,
    });
    await screen.findByText("Alle ændringer er gemt.");
    expect(new Drafts().load("AAMkAD-1")).toBeNull();
  });

  it("keeps every keystroke as a draft at once and saves it shortly after", async () => {
    const service = fakeService(planWith({ journal: journal("") }));
    renderPlan();
    fireEvent.change(await screen.findByLabelText("Journalnummer"), {
      target: { value: "00.01.00-A00-7-26" },
    });
    expect(new Drafts().load("AAMkAD-1")?.plan.journal.caseNumber).toBe("00.01.00-A00-7-26");
    await waitFor(() => expect(service.state.plan?.journal.caseNumber).toBe("00.01.00-A00-7-26"), {
      timeout: 3000,
    });
    await screen.findByText("Alle ændringer er gemt.");
    expect(new Drafts().load("AAMkAD-1")).toBeNull();
  });

  it("says a failed save failed, keeps the draft, and saves when asked again", async () => {
    const service = fakeService(planWith({ journal: journal("") }), { failSaves: 1 });
    renderPlan();
    fireEvent.change(await screen.findByLabelText("Journalnummer"), {
      target: { value: "00.01.00-A00-7-26" },
    });
    expect(
      await screen.findByText(/Planen kunne ikke gemmes: Databasen svarer ikke\./, {}, { timeout: 3000 }),
    ).toBeDefined();
    expect(new Drafts().load("AAMkAD-1")?.plan.journal.caseNumber).toBe("00.01.00-A00-7-26");
    fireEvent.click(screen.getByRole("button", { name: "Gem nu" }));
    await screen.findByText("Alle ændringer er gemt.");
    expect(service.state.plan?.journal.caseNumber).toBe("00.01.00-A00-7-26");
  });

  it("shows a conflict instead of overwriting what someone else saved, and takes theirs on request", async () => {
    const service = fakeService(planWith({ journal: journal("00.01.00-A00-1-24") }));
    renderPlan();
    const caseNumber = await screen.findByLabelText("Journalnummer");
    // Jonas saves from his own pane meanwhile.
    service.state.revision = 2;
    service.state.plan = planWith({ journal: journal("00.01.00-A00-2-24") }, 2);
    fireEvent.change(caseNumber, { target: { value: "00.01.00-A00-3-24" } });
    expect(await screen.findByText("Planen er ændret af en anden", {}, { timeout: 3000 })).toBeDefined();
    expect(screen.getByText(/Jonas Vestergaard har gemt planen/)).toBeDefined();
    expect(service.state.plan.journal.caseNumber).toBe("00.01.00-A00-2-24");
    fireEvent.click(screen.getByRole("button", { name: "Brug den andens ændringer" }));
    await waitFor(() =>
      expect((screen.getByLabelText("Journalnummer") as HTMLInputElement).value).toBe("00.01.00-A00-2-24"),
    );
  });

  it("shows the kitchen's cut-off and the service's refusal of a late order in its own words", async () => {
    fakeService(planWith({ catering: { ...emptyPlan().catering, state: "todo", items: ["coffeeTea"] } }), {
      cateringProblem: "Fristen for at bestille forplejning til mødet var tirsdag. Ring til køkkenet.",
    });
    renderPlan();
    expect(
      await screen.findByText(/Køkkenet skal have bestillingen senest tirsdag 8\. december kl\. 12\.00/),
    ).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Bestil" }));
    expect(
      await screen.findByText(
        "Bestillingen blev ikke sendt: Fristen for at bestille forplejning til mødet var tirsdag. Ring til køkkenet.",
      ),
    ).toBeDefined();
  });

  it("explains to an attendee why a room cannot be booked from the attendee's view", async () => {
    fakeService(planWith({ room: { ...emptyPlan().room, state: "todo" } }));
    renderPlan("attendee");
    expect(
      await screen.findByText("Kun mødeindkalderen kan booke et lokale. Du ser mødet som deltager."),
    ).toBeDefined();
    expect(screen.queryByRole("button", { name: "Find ledige lokaler" })).toBeNull();
  });

  it("starts the room step from the room the meeting already has, and asks before replacing it", async () => {
    fakeService(planWith({}));
    const meeting = renderPlan("organizer", [
      { displayName: "Mødelokale 1 (Fjorden)", emailAddress: "moedelokale-1@fjordby.dk" },
    ]);
    expect(
      await screen.findByText("Mødelokale 1 (Fjorden) er booket. Venter på lokalets svar."),
    ).toBeDefined();
    fireEvent.click(await screen.findByRole("button", { name: "Find et andet lokale" }));
    fireEvent.click(await screen.findByRole("button", { name: "Book Mødelokale 2 (Havnen)" }));
    expect(
      await screen.findByText(
        "Mødet har allerede Mødelokale 1 (Fjorden). Et møde skal kun have ét lokale. Vil du frigive Mødelokale 1 (Fjorden) og booke Mødelokale 2 (Havnen) i stedet?",
      ),
    ).toBeDefined();
    // Nothing has changed on the meeting before the secretary answers.
    expect(meeting.rooms.map((r) => r.emailAddress)).toEqual(["moedelokale-1@fjordby.dk"]);
    fireEvent.click(screen.getByRole("button", { name: "Behold Mødelokale 1 (Fjorden)" }));
    expect(meeting.rooms.map((r) => r.emailAddress)).toEqual(["moedelokale-1@fjordby.dk"]);

    fireEvent.click(screen.getByRole("button", { name: "Book Mødelokale 2 (Havnen)" }));
    fireEvent.click(await screen.findByRole("button", { name: "Frigiv og book Mødelokale 2 (Havnen)" }));
    await waitFor(() =>
      expect(meeting.rooms.map((r) => r.emailAddress)).toEqual(["moedelokale-2@fjordby.dk"]),
    );
    expect(await screen.findByText(/^Mødelokale 2 \(Havnen\) er booket/)).toBeDefined();
    expect(screen.queryByText(/^Mødelokale 1 \(Fjorden\) er booket/)).toBeNull();
  });

  it("books a room straight away when the meeting has none", async () => {
    fakeService(planWith({ room: { ...emptyPlan().room, state: "todo" } }));
    const meeting = renderPlan();
    fireEvent.click(await screen.findByRole("button", { name: "Find ledige lokaler" }));
    fireEvent.click(await screen.findByRole("button", { name: "Book Mødelokale 2 (Havnen)" }));
    await waitFor(() =>
      expect(meeting.rooms.map((r) => r.emailAddress)).toEqual(["moedelokale-2@fjordby.dk"]),
    );
    expect(screen.queryByText(/Mødet har allerede/)).toBeNull();
  });

  it("counts the organizer, the attendees and the guests for catering until the secretary sets a number by hand", async () => {
    const service = fakeService(
      planWith({
        catering: { ...emptyPlan().catering, state: "todo", items: ["coffeeTea"] },
        reception: { ...emptyPlan().reception, state: "todo" },
      }),
    );
    renderPlan();
    const count = (await screen.findByLabelText("Antal personer")) as HTMLInputElement;
    // Birgitte Holm Sørensen organises, Jonas Vestergaard attends.
    expect(count.value).toBe("2");
    expect(screen.getByText("Følger mødet: deltagere og gæster, også når de ændres.")).toBeDefined();

    fireEvent.change(screen.getByLabelText(/^Navn/), { target: { value: "Mette Lund" } });
    fireEvent.click(screen.getByRole("button", { name: "Tilføj gæst" }));
    await waitFor(() => expect(count.value).toBe("3"));

    fireEvent.change(count, { target: { value: "10" } });
    expect(count.value).toBe("10");
    expect(screen.getByText("Sat i hånden. Mødet har 3 deltagere og gæster.")).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Brug mødets antal (3)" }));
    expect(count.value).toBe("3");

    fireEvent.click(screen.getByRole("button", { name: "Bestil" }));
    await waitFor(() => expect(service.state.cateringOrders).toHaveLength(1));
    expect(service.state.cateringOrders[0]?.headCount).toBe(3);
    expect(service.state.cateringOrders[0]?.order.count).toBeUndefined();
    // Ordering does not fix the number: it still follows the meeting.
    await screen.findByText("Bestilt hos køkkenet.");
    expect(screen.getByText("Følger mødet: deltagere og gæster, også når de ændres.")).toBeDefined();
  });

  it("shows every step's form at once, with no status to choose first", async () => {
    fakeService(planWith({}));
    renderPlan();
    for (const label of ["Antal pladser", "Antal personer", "Hvad skal bestilles", "Journalnummer"]) {
      expect(await screen.findByLabelText(new RegExp(`^${label}`))).toBeDefined();
    }
    expect(screen.getByRole("textbox", { name: /^Notat til borgmesteren/ })).toBeDefined();
    expect(screen.getByRole("button", { name: "Tilføj gæst" })).toBeDefined();
  });

  it("lets each step's state follow what the secretary does", async () => {
    fakeService(planWith({}));
    renderPlan();
    const caseNumber = await screen.findByLabelText("Journalnummer");
    const journalState = () => ({ textContent: stepState("journal") });
    expect(journalState().textContent).toBe("Ikke nødvendig");
    fireEvent.change(caseNumber, { target: { value: "00.01" } });
    expect(journalState().textContent).toBe("Mangler");
    fireEvent.change(screen.getByLabelText("Journalnummer"), { target: { value: "00.01.00-A00-7-26" } });
    expect(journalState().textContent).toBe("Bekræftet");

    fireEvent.click(screen.getByLabelText("Kaffe og te"));
    expect(stepState("catering")).toBe("Mangler");
    fireEvent.click(screen.getByRole("button", { name: "Bestil" }));
    await waitFor(() => expect(stepState("catering")).toBe("Bestilt"));
  });

  it("brings the service up to date with a plan saved on the meeting while no one was signed in, so orders go through", async () => {
    const service = fakeService(null);
    const onMeeting = planWith({ journal: journal("00.01.00-A00-7-26") }, 2);
    const { host, meeting } = openMeeting();
    meeting.savedProperties = { [PLAN_PROPERTY]: fitPlan(onMeeting).encoded };
    render(
      <FluentProvider theme={webLightTheme}>
        <I18nProvider locale="da">
          <PlanView
            meeting={host}
            access={{ apiBase: "https://modeklar.test/api", token: () => Promise.resolve("token") }}
            language="da"
            now={() => NOW}
          />
        </I18nProvider>
      </FluentProvider>,
    );
    await waitFor(() => expect(service.state.plan?.journal.caseNumber).toBe("00.01.00-A00-7-26"), {
      timeout: 3000,
    });
    fireEvent.click(await screen.findByLabelText("Kaffe og te"));
    fireEvent.click(screen.getByRole("button", { name: "Bestil" }));
    await waitFor(() => expect(stepState("catering")).toBe("Bestilt"));
    expect(service.state.cateringOrders).toHaveLength(1);
    expect(screen.queryByText(/har gemt planen/)).toBeNull();
  });

  it("counts the journal step done once the meeting is journalised, and saves that", async () => {
    const service = fakeService(planWith({ journal: journal("00.01.00-A00-7-26") }));
    renderPlan();
    await waitFor(() => expect(stepState("journal")).toBe("Mangler"));
    fireEvent.click(await screen.findByRole("button", { name: "Journaliser mødet" }));
    await screen.findByText("Sendt til journalen på sag 00.01.00-A00-7-26.");
    await waitFor(() => expect(stepState("journal")).toBe("Bekræftet"));
    await waitFor(() => expect(service.state.plan?.journal.state).toBe("confirmed"), { timeout: 3000 });
  });

  it("saves the briefing note by itself like every other step, and shows that it is saved", async () => {
    const service = fakeService(planWith({}));
    renderPlan();
    const note = await screen.findByRole("textbox", { name: /^Notat til borgmesteren/ });
    await waitFor(() => expect((note as HTMLTextAreaElement).disabled).toBe(false));
    fireEvent.change(note, { target: { value: "Havnefronten: borgmesteren åbner." } });
    expect(
      screen.getByText("Ikke gemt endnu. Notatet gemmes af sig selv, når du holder op med at skrive."),
    ).toBeDefined();
    expect(await screen.findByText("Notatet er gemt.", {}, { timeout: 3000 })).toBeDefined();
    expect(service.state.briefing.text).toBe("Havnefronten: borgmesteren åbner.");
    expect(screen.queryByRole("button", { name: /Gem notat/ })).toBeNull();
    await waitFor(() => expect(stepState("briefing")).toBe("Bekræftet"));
  });
});

/** The state a step's heading shows. */
function stepState(step: string): string | null | undefined {
  return document.querySelector(`section[data-step="${step}"] .fui-Badge`)?.textContent;
}

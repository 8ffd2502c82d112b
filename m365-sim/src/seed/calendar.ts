import { DateTime } from "luxon";
import { cancelEvent, createEvent, respond, updateEvent } from "../calendar/actions";
import { occurrenceId } from "../calendar/ids";
import type { CalendarEvent, EventInput } from "../calendar/model";
import { inviteAs } from "../calendar/invitations";
import { mulberry32 } from "../dice";
import type { SimState } from "../state";
import { IDS } from "./directory";
import type { SeedOptions } from "./options";
import { seedMonth } from "./month";
import {
  anchorMonday,
  calendarSeeder,
  OUTLOOK_ZONE,
  PEOPLE,
  person,
  required,
  room,
  ROOMS,
  ZONE,
  body,
  type CalendarSeeder,
} from "./seeder";

/**
 * Borgmester Birgitte Holm Sørensen's calendar for the week before the anchor and the
 * three after it: the landmarks below (the council's fixed rhythm, visits, citizen
 * meetings, travel, private appointments and a stack of invitations still waiting for an
 * answer) and the rest of a real mayor's month around them (./month). Everything is made
 * through the same actions the Graph API and the control API use.
 */
export function seedCalendar(state: SimState, options: SeedOptions): void {
  const monday = anchorMonday(state, options.anchor);
  const seeder = calendarSeeder(state, monday);
  seedLandmarks(state, seeder);
  seedMonth(state, seeder);
  if (options.scale) seedScale(state, monday, options.scale);
}

/**
 * The entries the tests and the demo's walk-through name: the council's rhythm, the
 * minister's visit, the region, the citizens' meeting, the jubilee, the KL summit, two
 * private appointments and the invitations still waiting for the mayor's answer.
 */
function seedLandmarks(state: SimState, seeder: CalendarSeeder): void {
  const { monday, at, dateOf, meeting, accept, acceptAs } = seeder;
  const { mayor, secretary, chief, director, deputy, finance, reception, catering } = PEOPLE;
  const categorize = (event: CalendarEvent | undefined, ...categories: string[]) => {
    const copy = seeder.mayorsCopy(event);
    if (copy) updateEvent(state, IDS.mayor, copy.id, { categories });
  };

  // Byrådsmøde: monthly, same weekday position as next week's Wednesday, in Byrådssalen.
  const councilDay = monday.plus({ days: 9 });
  const index = (["first", "second", "third", "fourth", "last"] as const)[
    Math.min(4, Math.floor((councilDay.day - 1) / 7))
  ];
  const council = createEvent(
    state,
    IDS.council,
    meeting({
      subject: "Byrådsmøde",
      body: body("Ordinært byrådsmøde. Dagsorden og bilag er offentliggjort på fjordby.dk."),
      day: 9,
      from: "19:00",
      to: "22:00",
      location: { displayName: "Byrådssalen" },
      attendees: [...required(mayor, deputy, director), room(ROOMS.councilHall)],
      recurrence: {
        pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["wednesday"], index },
        range: { type: "noEnd", startDate: dateOf(9), recurrenceTimeZone: OUTLOOK_ZONE },
      },
      categories: ["Byråd"],
    }),
  );
  accept(council);
  categorize(council, "Byråd");

  // A department tries to take Byrådssalen during the council meeting: the room declines.
  createEvent(
    state,
    IDS.techEnvironment,
    meeting({
      subject: "Temamøde om klimaplanen",
      day: 9,
      from: "19:30",
      to: "21:00",
      attendees: [room(ROOMS.councilHall)],
      location: { displayName: "Byrådssalen" },
    }),
  );

  const economy = createEvent(
    state,
    IDS.council,
    meeting({
      subject: "Økonomiudvalgsmøde",
      body: body("Budgetopfølgning 3. kvartal og anlægsoversigt."),
      day: 1,
      from: "16:00",
      to: "18:00",
      location: { displayName: "Udvalgsværelset" },
      attendees: [...required(mayor, deputy, director, finance), room(ROOMS.committeeRoom)],
    }),
  );
  accept(economy);

  // Direktionsmøde: weekly on Mondays from last week; next week's moved, the week after cancelled.
  const directors = createEvent(
    state,
    IDS.director,
    meeting({
      subject: "Direktionsmøde",
      body: body("Fast direktionsmøde med borgmesteren."),
      day: -7,
      from: "09:00",
      to: "10:30",
      location: { displayName: "Mødelokale 2 (Skoven)" },
      attendees: [...required(mayor, chief), room(ROOMS.skoven)],
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"], firstDayOfWeek: "monday" },
        range: { type: "noEnd", startDate: dateOf(-7), recurrenceTimeZone: OUTLOOK_ZONE },
      },
    }),
  );
  accept(directors);
  acceptAs(IDS.chiefOfStaff, directors);
  const slot = (day: number) => DateTime.fromISO(`${dateOf(day)}T09:00:00`, { zone: ZONE }).toUTC();
  updateEvent(state, IDS.director, occurrenceId(directors.id, slot(7)), {
    start: at(8, "10:00"),
    end: at(8, "11:30"),
  });
  cancelEvent(
    state,
    IDS.director,
    occurrenceId(directors.id, slot(14)),
    "Direktionsmødet udgår i denne uge.",
  );

  // Kalendermøde: the mayor's fixed Friday review of the coming weeks.
  const calendarMeeting = createEvent(
    state,
    IDS.mayor,
    meeting({
      subject: "Kalendermøde",
      body: body("Gennemgang af de kommende ugers kalender, invitationer og forberedelse."),
      day: -3,
      from: "08:30",
      to: "09:00",
      location: { displayName: "Borgmesterens mødelokale" },
      attendees: [...required(secretary, chief), room(ROOMS.mayorsRoom)],
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["friday"], firstDayOfWeek: "monday" },
        range: { type: "noEnd", startDate: dateOf(-3), recurrenceTimeZone: OUTLOOK_ZONE },
      },
      categories: ["Intern"],
    }),
  );
  acceptAs(IDS.secretary, calendarMeeting);
  acceptAs(IDS.chiefOfStaff, calendarMeeting);
  // The reserved room's delegate approves the standing booking.
  const roomCopy = [...state.mailbox("22222222-2222-4222-8222-000000000102").events.values()].find(
    (e) => e.iCalUId === calendarMeeting.iCalUId,
  );
  if (roomCopy) respond(state, "22222222-2222-4222-8222-000000000102", roomCopy.id, "accept");

  createEvent(
    state,
    IDS.mayor,
    meeting({
      subject: "Besøg af transportministeren",
      body: body(
        "Ministeren besøger Fjordby for at drøfte den nye omfartsvej. Pressen er inviteret til fotografering kl. 14.15.",
      ),
      day: 3,
      from: "13:00",
      to: "14:30",
      location: { displayName: "Borgmesterens mødelokale" },
      attendees: [
        ...required(chief, reception, catering),
        { type: "required", emailAddress: { name: "Transportministeren", address: "minister@trm.dk" } },
        {
          type: "optional",
          emailAddress: { name: "Ministersekretariatet", address: "ministersekretariatet@trm.dk" },
        },
        room(ROOMS.mayorsRoom),
      ],
      importance: "high",
      categories: ["Besøg"],
    }),
  );

  const region = inviteAs(
    state,
    "formand@regionsjaelland.dk",
    meeting({
      subject: "Møde med Region Sjælland om sygehusplan",
      body: body("Drøftelse af sygehusplanens konsekvenser for akutberedskabet i Fjordby."),
      organizer: {
        emailAddress: { name: "Regionsrådsformand, Region Sjælland", address: "formand@regionsjaelland.dk" },
      },
      day: 2,
      from: "10:00",
      to: "12:00",
      location: { displayName: "Regionshuset, Alléen 15, 4180 Sorø" },
      attendees: required(mayor, person("borgmester@naestved.dk", "Borgmester, Næstved Kommune")),
    }),
  )[0];
  accept(region, false);

  const citizens = createEvent(
    state,
    IDS.childrenYouth,
    meeting({
      subject: "Borgermøde om ny skolestruktur",
      body: body("Offentligt borgermøde. Borgmesteren byder velkommen kl. 19.00."),
      day: 8,
      from: "19:00",
      to: "21:00",
      location: { displayName: "Fjordby Bibliotek, Biblioteksgade 3, 4700 Fjordby" },
      attendees: required(mayor, chief),
    }),
  );
  accept(citizens);

  const jubilee = createEvent(
    state,
    IDS.chiefOfStaff,
    meeting({
      subject: "Reception for 25-års jubilarer",
      body: body("Borgmesteren holder tale for årets jubilarer. Kaffe, kage og bobler."),
      day: 11,
      from: "14:00",
      to: "15:30",
      location: { displayName: "Byrådssalen" },
      attendees: [...required(mayor, reception, catering), room(ROOMS.councilHall)],
    }),
  );
  accept(jubilee);

  const kl = inviteAs(
    state,
    "topmoede@kl.dk",
    meeting({
      subject: "KL's Kommunalpolitiske Topmøde",
      organizer: { emailAddress: { name: "KL – Kommunernes Landsforening", address: "topmoede@kl.dk" } },
      body: body("Årets topmøde for landets borgmestre og kommunalpolitikere."),
      day: 16,
      from: "09:30",
      toDay: 17,
      to: "15:00",
      location: { displayName: "Aalborg Kongres & Kultur Center, Europa Plads 4, 9000 Aalborg" },
      attendees: required(mayor),
    }),
  )[0];
  accept(kl, false);
  categorize(kl, "Rejse");

  // Private appointments: only the mayor (and apps) see what they are.
  createEvent(
    state,
    IDS.mayor,
    meeting({
      subject: "Tandlæge",
      sensitivity: "private",
      day: 2,
      from: "15:00",
      to: "16:00",
      location: { displayName: "Tandlægerne i Fjordby" },
    }),
  );
  createEvent(
    state,
    IDS.mayor,
    meeting({
      subject: "Forældremøde",
      sensitivity: "private",
      day: 15,
      from: "17:00",
      to: "18:30",
      location: { displayName: "Fjordby Skole" },
    }),
  );

  // Invitations still waiting for the mayor's answer.
  const pending: [string, string, EventInput][] = [
    [
      "udvalg@kl.dk",
      "KL's Børne- og Undervisningsudvalg",
      meeting({
        subject: "KL: Temamøde om folkeskolens økonomi",
        day: 15,
        from: "10:00",
        to: "12:00",
        location: { displayName: "KL-huset, Weidekampsgade 10, 2300 København S" },
        attendees: required(mayor),
      }),
    ],
    [
      "minister@fm.dk",
      "Finansministerens kontor",
      meeting({
        subject: "Ministermøde om kommunernes økonomi",
        day: 15,
        from: "11:00",
        to: "12:00",
        location: { displayName: "Finansministeriet, Christiansborg Slotsplads 1, 1218 København K" },
        attendees: required(mayor),
        importance: "high",
      }),
    ],
    [
      "vaekstforum@regionsjaelland.dk",
      "Region Sjælland – Vækstforum",
      meeting({
        subject: "Regionalt vækstforum – dialogmøde",
        day: 10,
        from: "13:00",
        to: "15:00",
        location: { displayName: "Regionshuset, Alléen 15, 4180 Sorø" },
        attendees: required(mayor),
      }),
    ],
    [
      "formand@fjordby-erhvervsraad.dk",
      "Fjordby Erhvervsråd",
      meeting({
        subject: "Erhvervsrådets morgenmøde",
        day: 4,
        from: "08:00",
        to: "09:30",
        location: { displayName: "Fjordby Erhvervshus, Havnegade 8" },
        attendees: required(mayor),
      }),
    ],
    [
      "skoleleder@fjordby-skole.dk",
      "Fjordby Skole",
      meeting({
        subject: "Indvielse af den nye skolegård",
        day: 8,
        from: "14:00",
        to: "15:00",
        location: { displayName: "Fjordby Skole, Skolevej 12, 4700 Fjordby" },
        attendees: required(mayor),
      }),
    ],
    [
      "sekretariat@di.dk",
      "Dansk Industri",
      meeting({
        subject: "Møde med DI om erhvervsklimaet",
        day: 3,
        from: "14:45",
        to: "15:45",
        location: { displayName: "DI, H.C. Andersens Boulevard 18, 1553 København V" },
        attendees: required(mayor),
      }),
    ],
    [
      "landsbyraad@noerreby.dk",
      "Nørreby Landsbyråd",
      meeting({
        subject: "Landsbyrådets årsmøde",
        day: 10,
        from: "19:00",
        to: "21:00",
        location: { displayName: "Nørreby Forsamlingshus" },
        attendees: required(mayor),
      }),
    ],
  ];
  for (const [address, name, input] of pending) {
    inviteAs(state, address, { ...input, organizer: { emailAddress: { name, address } } });
  }
  createEvent(
    state,
    IDS.deputyMayor,
    meeting({
      subject: "Formøde før byrådsmødet",
      body: body("Gennemgang af dagsordenens punkter 4–9 inden byrådsmødet."),
      day: 9,
      from: "17:30",
      to: "18:30",
      location: { displayName: "Udvalgsværelset" },
      attendees: [...required(mayor), room(ROOMS.committeeRoom)],
    }),
  );
}

const GENERATED_SUBJECTS = [
  "Sagsforberedelse",
  "Telefonmøde med borger",
  "Opfølgning med forvaltningen",
  "Pressemøde",
  "Dialogmøde med foreningsliv",
  "Forberedelse af tale",
  "Besøg på plejecenter",
  "Virksomhedsbesøg",
];
const GENERATED_CATEGORIES = [[], [], ["Intern"], ["Besøg"], ["Presse"]];

/** `--scale N`: N more single meetings on the mayor's weekdays in the seeded window, for benchmarks. */
function seedScale(state: SimState, monday: DateTime, count: number): void {
  const random = mulberry32(count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const days = Array.from({ length: 5 * 5 }, (_, n) =>
    monday.plus({ weeks: Math.floor(n / 5) - 1, days: n % 5 }).toISODate(),
  );
  const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00`;
  for (let i = 0; i < count; i++) {
    const day = pick(days);
    const start = (8 + Math.floor(random() * 8)) * 60 + pick([0, 15, 30, 45]);
    const end = start + pick([30, 45, 60, 90]);
    createEvent(state, IDS.mayor, {
      subject: `${pick(GENERATED_SUBJECTS)} #${i + 1}`,
      start: { dateTime: `${day}T${clock(start)}`, timeZone: OUTLOOK_ZONE },
      end: { dateTime: `${day}T${clock(end)}`, timeZone: OUTLOOK_ZONE },
      categories: [...pick(GENERATED_CATEGORIES)],
    });
  }
}

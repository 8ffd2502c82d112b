import { DateTime } from "luxon";
import { cancelEvent } from "../calendar/actions";
import { occurrenceId } from "../calendar/ids";
import type { CalendarEvent } from "../calendar/model";
import type { SimState } from "../state";
import { IDS } from "./directory";
import {
  body,
  ownEntry,
  PEOPLE,
  person,
  required,
  ZONE,
  OUTLOOK_ZONE,
  type CalendarSeeder,
  type Entry,
  type Who,
} from "./seeder";

/**
 * The rest of a mayor's month around the landmarks, so each of the four weeks (the one
 * before the anchor and the three from it) holds 15–25 entries as a real mayor's does: the
 * weekly rhythm (week start with the staff, the directors, the press briefing, the
 * municipal director, the party group), committees and councils, citizens, business,
 * press, evening and weekend events, travel blocks and private appointments. One-off
 * entries are never booked on a day off. Locations in the town hall are written the
 * same way as the landmarks', and every meeting elsewhere leaves time to get there, so the
 * week view's conflicts are the few the landmarks set up on purpose.
 */

const OFFICE = "Borgmesterens kontor";
const MAYORS_ROOM = "Borgmesterens mødelokale";
const COMMITTEE_ROOM = "Udvalgsværelset";
const COUNCIL_HALL = "Byrådssalen";

const at = (displayName: string) => ({ location: { displayName } });
const outside = (name: string, address: string): Who => person(address, name);

const ORGANISERS = {
  harbour: outside("Fjordby Havn", "direktion@fjordbyhavn.dk"),
  housing: outside("Boligselskabet Fjordbo", "formand@fjordbo.dk"),
  fireService: outside("Beredskab Fjordby", "beredskabschef@beredskab-fjordby.dk"),
  kkr: outside("KKR Sjælland", "kkr-sjaelland@kl.dk"),
  trade: outside("Fjordby Handelsstandsforening", "formand@fjordbyhandel.dk"),
  network: outside("Fjordby Erhvervsnetværk", "netvaerk@fjordby-erhvervsraad.dk"),
  factory: outside("Fjordby Maskinfabrik A/S", "direktion@fjordby-maskinfabrik.dk"),
  museum: outside("Fjordby Kunstmuseum", "museum@fjordbykunst.dk"),
  rowingClub: outside("Fjordby Roklub", "formand@fjordbyroklub.dk"),
  handball: outside("Fjordby Håndboldklub", "bestyrelsen@fjordbyhaandbold.dk"),
  utility: outside("Fjordby Forsyning A/S", "bestyrelse@fjordbyforsyning.dk"),
  police: outside("Midt- og Vestsjællands Politi", "politiinspektoer@politi.dk"),
  businessPrize: outside("Fjordby Erhvervsråd", "pris@fjordby-erhvervsraad.dk"),
  eldersAssociation: outside("Ældresagen Fjordby", "fjordby@aeldresagen.dk"),
  theatre: outside("Fjordby Teater", "direktoer@fjordbyteater.dk"),
  rotary: outside("Rotary Fjordby", "praesident@rotary-fjordby.dk"),
  sportsCouncil: outside("Fjordby Idrætsråd", "formand@fjordby-idraetsraad.dk"),
};

export function seedMonth(state: SimState, seeder: CalendarSeeder): void {
  seedWeeklyRhythm(state, seeder);
  const { accept, invite, bookable } = seeder;
  const own = (entry: Entry) => (bookable(entry.day) ? ownEntry(state, seeder, entry) : undefined);
  const accepted = (from: Who, entry: Entry) =>
    bookable(entry.day) ? accept(invite(from, entry), true) : undefined;
  const pending = (from: Who, entry: Entry) => (bookable(entry.day) ? invite(from, entry) : undefined);
  const personal = (entry: Omit<Entry, "sensitivity">) => own({ ...entry, sensitivity: "private" });
  const travel = (entry: Omit<Entry, "categories" | "showAs">) =>
    own({ ...entry, categories: ["Rejse"], showAs: "busy" });
  const { chief, director, deputy, finance, mayor } = PEOPLE;

  // The week before the anchor.
  accepted(ORGANISERS.harbour, {
    subject: "Møde med Fjordby Havn om havneudvidelsen",
    body: body("Status på miljøgodkendelsen og tidsplanen for den nye kaj."),
    day: -7,
    from: "11:00",
    to: "12:00",
    ...at(MAYORS_ROOM),
    attendees: required(mayor),
  });
  own({
    subject: "Borgersamtale om adgang til stranden for kørestolsbrugere",
    day: -7,
    from: "13:00",
    to: "13:30",
    ...at(OFFICE),
    categories: ["Borger"],
  });
  accepted(ORGANISERS.fireService, {
    subject: "Beredskabskommissionens møde",
    body: body("Borgmesteren er formand for beredskabskommissionen."),
    day: -6,
    from: "10:00",
    to: "12:00",
    ...at("Fjordby Brandstation, Industrivej 4, 4700 Fjordby"),
    attendees: required(mayor),
  });
  own({
    subject: "Interview med Fjordby Folkeblad om budgettet",
    day: -6,
    from: "13:00",
    to: "13:45",
    ...at(OFFICE),
    categories: ["Presse"],
  });
  accepted(ORGANISERS.trade, {
    subject: "Generalforsamling i Fjordby Handelsstandsforening",
    body: body("Borgmesteren siger et par ord om handelslivet i midtbyen."),
    day: -6,
    from: "19:00",
    to: "21:00",
    ...at("Fjordby Hotel, Strandvejen 2, 4700 Fjordby"),
    attendees: required(mayor),
  });
  accepted(ORGANISERS.network, {
    subject: "Erhvervsnetværkets morgenmøde",
    day: -5,
    from: "07:30",
    to: "08:30",
    ...at("Fjordby Erhvervshus, Havnegade 8"),
    attendees: required(mayor),
  });
  accepted(ORGANISERS.factory, {
    subject: "Virksomhedsbesøg hos Fjordby Maskinfabrik",
    body: body("Rundvisning og samtale om rekruttering af faglærte."),
    day: -5,
    from: "09:30",
    to: "11:00",
    ...at("Fjordby Maskinfabrik, Industrivej 22, 4700 Fjordby"),
    attendees: required(mayor),
  });
  travel({ subject: "Kørsel til Roskilde", day: -5, from: "12:00", to: "12:45" });
  accepted(ORGANISERS.kkr, {
    subject: "KKR Sjælland",
    body: body("Kommunekontaktrådets møde: sundhedsaftalen og den regionale uddannelsespulje."),
    day: -5,
    from: "13:00",
    to: "15:30",
    ...at("Roskilde Kongres- og Idrætscenter, Møllehusvej 15, 4000 Roskilde"),
    attendees: required(mayor),
  });
  travel({ subject: "Kørsel fra Roskilde", day: -5, from: "15:30", to: "16:15" });
  accepted(ORGANISERS.museum, {
    subject: "Fernisering på Fjordby Kunstmuseum",
    day: -5,
    from: "19:30",
    to: "21:00",
    ...at("Fjordby Kunstmuseum, Museumsgade 1, 4700 Fjordby"),
    attendees: required(mayor),
  });
  own({
    subject: "Møde med Ældrerådet",
    body: body("Ældrerådets høringssvar til budgettet."),
    day: -4,
    from: "10:00",
    to: "11:30",
    ...at(COMMITTEE_ROOM),
    attendees: required(chief),
  });
  own({ subject: "Telefonmøde med KL om anlægsloftet", day: -4, from: "13:00", to: "13:30" });
  own({
    subject: "Besøg på Plejecenter Solgården",
    day: -4,
    from: "14:00",
    to: "15:30",
    ...at("Plejecenter Solgården, Solvej 10, 4700 Fjordby"),
    categories: ["Besøg"],
  });
  personal({ subject: "Lægetid", day: -4, from: "16:30", to: "17:00", ...at("Fjordby Lægehus") });
  own({
    subject: "Taleforberedelse med kommunikationschefen",
    day: -3,
    from: "10:00",
    to: "11:00",
    ...at(OFFICE),
  });
  own({
    subject: "Frokost med Lions Club Fjordby",
    day: -3,
    from: "12:00",
    to: "13:30",
    ...at("Restaurant Havnekanten, Havnegade 1, 4700 Fjordby"),
  });
  own({
    subject: "Indvielse af kunstgræsbanen i Nørreby",
    body: body("Borgmesteren klipper snoren kl. 10.15."),
    day: -2,
    from: "10:00",
    to: "11:00",
    ...at("Nørreby Stadion, Idrætsvej 1, 4700 Nørreby"),
  });

  // The anchor week.
  accepted(ORGANISERS.housing, {
    subject: "Møde med Boligselskabet Fjordbo om renoveringen af Parkbyen",
    day: 0,
    from: "11:00",
    to: "12:00",
    ...at(MAYORS_ROOM),
    attendees: required(mayor),
  });
  own({
    subject: "Borgersamtale om trafiksikker skolevej",
    day: 0,
    from: "13:30",
    to: "14:00",
    ...at(OFFICE),
    categories: ["Borger"],
  });
  own({
    subject: "Forberedelse af økonomiudvalgsmødet",
    day: 1,
    from: "10:00",
    to: "11:30",
    ...at(OFFICE),
    attendees: required(director, finance),
  });
  own({
    subject: "Interview med TV ØST om sygehusplanen",
    day: 1,
    from: "13:00",
    to: "13:45",
    ...at(OFFICE),
    categories: ["Presse"],
  });
  travel({ subject: "Kørsel til Regionshuset i Sorø", day: 2, from: "09:15", to: "10:00" });
  travel({ subject: "Kørsel fra Sorø", day: 2, from: "12:00", to: "12:45" });
  pending(ORGANISERS.handball, {
    subject: "Generalforsamling i Fjordby Håndboldklub",
    body: body("Klubben vil gerne høre borgmesterens syn på den nye hal."),
    day: 2,
    from: "19:00",
    to: "21:00",
    ...at("Fjordby Hallen, Idrætsvej 3, 4700 Fjordby"),
    attendees: required(mayor),
  });
  own({
    subject: "Forberedelse af ministerbesøget",
    day: 3,
    from: "10:00",
    to: "11:00",
    ...at(MAYORS_ROOM),
    attendees: required(chief),
  });
  own({
    subject: "Møde med formanden for Handicaprådet",
    day: 4,
    from: "10:00",
    to: "11:00",
    ...at(OFFICE),
  });
  own({
    subject: "Fotografering til kommunens årsberetning",
    day: 4,
    from: "13:00",
    to: "13:30",
    ...at(COUNCIL_HALL),
  });
  personal({ subject: "Frisør", day: 4, from: "15:30", to: "16:30", ...at("Salon Lotte, Torvet 3") });
  accepted(ORGANISERS.rowingClub, {
    subject: "Fjordby Roklubs 100-års jubilæum",
    body: body("Reception i bådhallen. Borgmesteren holder tale kl. 11.15."),
    day: 5,
    from: "11:00",
    to: "12:30",
    ...at("Fjordby Roklub, Strandvejen 40, 4700 Fjordby"),
    attendees: required(mayor),
  });

  // The next week: the council meets.
  accepted(ORGANISERS.utility, {
    subject: "Ejermøde i Fjordby Forsyning",
    day: 7,
    from: "10:00",
    to: "11:30",
    ...at("Fjordby Forsyning, Værkstedsvej 5, 4700 Fjordby"),
    attendees: required(mayor),
  });
  own({
    subject: "Gennemgang af byrådets dagsorden",
    day: 7,
    from: "13:00",
    to: "14:00",
    ...at(OFFICE),
    attendees: required(chief, director),
  });
  own({
    subject: "Borgersamtale om vindmøller ved Nørreby",
    day: 7,
    from: "14:30",
    to: "15:00",
    ...at(OFFICE),
    categories: ["Borger"],
  });
  own({
    subject: "Pressemøde om den nye skolestruktur",
    day: 9,
    from: "10:00",
    to: "10:45",
    ...at(MAYORS_ROOM),
    categories: ["Presse"],
  });
  own({
    subject: "Møde med viceborgmesteren om byrådsmødet",
    day: 9,
    from: "13:00",
    to: "14:00",
    ...at(OFFICE),
    attendees: required(deputy),
  });
  own({ subject: "Telefonmøde med Vejdirektoratet om omfartsvejen", day: 10, from: "10:00", to: "10:45" });
  travel({ subject: "Kørsel til Sorø", day: 10, from: "12:15", to: "13:00" });
  accepted(ORGANISERS.police, {
    subject: "Møde med politiinspektøren om tryghed i midtbyen",
    day: 11,
    from: "10:00",
    to: "11:00",
    ...at(MAYORS_ROOM),
    attendees: required(mayor),
  });
  own({
    subject: "Radiointerview med P4 Sjælland",
    day: 11,
    from: "12:15",
    to: "12:35",
    categories: ["Presse"],
  });
  accepted(ORGANISERS.businessPrize, {
    subject: "Uddeling af Fjordby Erhvervspris",
    body: body("Borgmesteren overrækker prisen. Middag efter uddelingen."),
    day: 11,
    from: "18:00",
    to: "21:30",
    ...at("Fjordby Hotel, Strandvejen 2, 4700 Fjordby"),
    attendees: required(mayor),
  });
  personal({ subject: "Fødselsdag hos mor", day: 13, from: "14:00", to: "17:00", ...at("Nørreby") });

  // The week after: KL's summit in Aalborg.
  own({
    subject: "Møde med skolelederne om skolestrukturen",
    day: 14,
    from: "10:00",
    to: "11:30",
    ...at("Fjordby Skole, Skolevej 12, 4700 Fjordby"),
    attendees: required(chief),
  });
  accepted(ORGANISERS.sportsCouncil, {
    subject: "Dialogmøde med Fjordby Idrætsråd",
    day: 14,
    from: "13:00",
    to: "14:30",
    ...at(COMMITTEE_ROOM),
    attendees: required(mayor),
  });
  own({
    subject: "Borgersamtale om støj fra havnen",
    day: 14,
    from: "15:00",
    to: "15:30",
    ...at(OFFICE),
    categories: ["Borger"],
  });
  pending(ORGANISERS.eldersAssociation, {
    subject: "Årsmøde i Ældresagen Fjordby",
    day: 14,
    from: "19:00",
    to: "21:00",
    ...at("Fjordby Medborgerhus, Kirkestræde 4, 4700 Fjordby"),
    attendees: required(mayor),
  });
  travel({ subject: "Tog til Aalborg", day: 15, from: "19:30", to: "23:15" });
  travel({ subject: "Tog hjem fra Aalborg", day: 17, from: "15:30", to: "19:45" });
  own({
    subject: "Opfølgning på KL's topmøde med direktionen",
    day: 18,
    from: "10:00",
    to: "11:30",
    ...at(MAYORS_ROOM),
    attendees: required(director, chief),
  });
  accepted(ORGANISERS.rotary, {
    subject: "Frokost med Rotary Fjordby",
    day: 18,
    from: "12:00",
    to: "13:00",
    ...at("Restaurant Havnekanten, Havnegade 1, 4700 Fjordby"),
    attendees: required(mayor),
  });
  own({
    subject: "Videooptagelse til borgmesterens nyhedsbrev",
    day: 18,
    from: "14:00",
    to: "14:45",
    ...at(COUNCIL_HALL),
    categories: ["Presse"],
  });
  pending(ORGANISERS.theatre, {
    subject: "Premiere på Fjordby Teater",
    day: 18,
    from: "19:30",
    to: "22:00",
    ...at("Fjordby Teater, Teatergade 2, 4700 Fjordby"),
    attendees: required(mayor),
  });
}

/**
 * The weekly rhythm around the directors' meeting and the calendar meeting: the week start
 * with the staff, the press briefing, the municipal director and the party group; from
 * the week before the anchor. The municipal director's Thursday falls away the week of
 * KL's summit, as the secretary would have cancelled it.
 */
function seedWeeklyRhythm(state: SimState, seeder: CalendarSeeder): void {
  const { chief, director, secretary } = PEOPLE;
  const weekly = (
    entry: Omit<Entry, "recurrence">,
    weekday: "monday" | "tuesday" | "wednesday" | "thursday" | "friday",
  ): CalendarEvent =>
    ownEntry(state, seeder, {
      ...entry,
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: [weekday], firstDayOfWeek: "monday" },
        range: { type: "noEnd", startDate: seeder.dateOf(entry.day), recurrenceTimeZone: OUTLOOK_ZONE },
      },
    });

  const weekStart = weekly(
    {
      subject: "Ugestart med stabschef og sekretær",
      body: body("Ugens aftaler, pressesager og hvad borgmesteren skal forberede."),
      day: -7,
      from: "08:00",
      to: "08:30",
      ...at(OFFICE),
      attendees: required(chief, secretary),
      categories: ["Intern"],
    },
    "monday",
  );
  seeder.acceptAs(IDS.chiefOfStaff, weekStart);
  seeder.acceptAs(IDS.secretary, weekStart);
  weekly(
    {
      subject: "Pressebriefing med Kommunikation",
      day: -6,
      from: "08:30",
      to: "09:00",
      ...at(OFFICE),
      categories: ["Presse"],
    },
    "tuesday",
  );
  const withDirector = weekly(
    {
      subject: "Statusmøde med kommunaldirektøren",
      day: -4,
      from: "08:00",
      to: "09:00",
      ...at(OFFICE),
      attendees: required(director),
      categories: ["Intern"],
    },
    "thursday",
  );
  seeder.acceptAs(IDS.director, withDirector);
  const summitThursday = DateTime.fromISO(`${seeder.dateOf(17)}T08:00:00`, { zone: ZONE }).toUTC();
  cancelEvent(
    state,
    IDS.mayor,
    occurrenceId(withDirector.id, summitThursday),
    "Udgår: borgmesteren er til KL's topmøde.",
  );
  weekly(
    {
      subject: "Gruppemøde i byrådsgruppen",
      body: body("Gruppens forberedelse af de kommende udvalgs- og byrådsmøder."),
      day: -7,
      from: "17:00",
      to: "18:30",
      ...at("Partikontoret, Torvegade 7, 4700 Fjordby"),
    },
    "monday",
  );
}

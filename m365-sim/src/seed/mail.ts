import type { DateTime } from "luxon";
import { ensureCategory } from "../mail/categories";
import {
  correspondentOf,
  respond,
  sendMail,
  updateMessage,
  type Correspondent,
  type SentMail,
} from "../mail/actions";
import { recipientOf } from "../mail/model";
import { flagOf } from "../mail/patch";
import type { SimState } from "../state";
import { ADDRESSES, IDS } from "./directory";
import type { SeedOptions } from "./options";
import { anchorMonday } from "./seeder";

/**
 * The mayor's inbox over the two weeks before the anchor week and its first morning:
 * citizens writing from outside, partners (the region, KL, the business council, a
 * ministry), the departments, flagged mail (some overdue) and a few categorised items;
 * and a handful of items in the secretary's inbox. Same content for the same anchor.
 */

const ZONE = "Romance Standard Time";

const outsider = (name: string, address: string): Correspondent => ({ name, address });

const CITIZENS = {
  anna: outsider("Anna Jensen", "anna.jensen@gmail.com"),
  mikkel: outsider("Mikkel Hansen", "mikkel.hansen@hotmail.dk"),
  kirsten: outsider("Kirsten Poulsen", "kirsten.poulsen@mail.dk"),
  ole: outsider("Ole Bak", "ole.bak@gmail.com"),
  fatima: outsider("Fatima Ali", "fatima.ali@hotmail.dk"),
};
const PARTNERS = {
  region: outsider("Lise Kragh, Region Sjælland", "lkr@regionsjaelland.dk"),
  kl: outsider("Peter Lund, KL", "pel@kl.dk"),
  business: outsider("Fjordby Erhvervsråd", "kontakt@fjordby-erhvervsraad.dk"),
  ministry: outsider("Transportministeriet", "trm@trm.dk"),
};

interface SeedMail {
  /** Days from the anchor Monday (negative: the weeks before) and the local time. */
  day: number;
  time: string;
  from: Correspondent | string;
  to: string[];
  cc?: string[];
  subject: string;
  body: string;
  importance?: "low" | "normal" | "high";
  /** Files the sender attached. */
  attachments?: { name: string; contentType: string; text: string }[];
  /** What the recipient has done with it since: read, flagged (due in days from the anchor), categorised. */
  read?: boolean;
  flag?: { start: number; due: number } | "complete";
  categories?: string[];
}

function mayorInbox(): SeedMail[] {
  return [
    {
      day: -12,
      time: "08:14",
      from: CITIZENS.anna,
      to: [ADDRESSES.mayor],
      subject: "Buslinje 212 nedlægges – hvad med de ældre i Skovby?",
      body: "Kære borgmester\n\nJeg har læst, at buslinje 212 skal nedlægges fra december. Min mor på 84 bruger bussen til lægen hver uge. Hvordan skal de ældre i Skovby komme rundt?\n\nVenlig hilsen\nAnna Jensen",
      read: true,
      flag: { start: -12, due: -5 },
      categories: ["Borgerhenvendelse"],
    },
    {
      day: -11,
      time: "10:02",
      from: PARTNERS.region,
      to: [ADDRESSES.mayor],
      cc: [ADDRESSES.chiefOfStaff],
      subject: "Invitation: Politisk følgegruppe for sundhedshuset i Fjordby",
      body: "Kære Birgitte Holm Sørensen\n\nRegion Sjælland inviterer til første møde i den politiske følgegruppe for det nye sundhedshus. Vi foreslår en dato i uge 2 og beder om tilbagemelding senest fredag.\n\nMed venlig hilsen\nLise Kragh\nRegion Sjælland",
      read: true,
      flag: "complete",
    },
    {
      day: -10,
      time: "13:40",
      from: ADDRESSES.council,
      to: [ADDRESSES.mayor],
      subject: "Dagsorden til byrådsmødet – udkast til godkendelse",
      body: "Hej Birgitte\n\nHer er udkastet til dagsordenen for byrådsmødet. Vi skal have din godkendelse senest torsdag kl. 12, så den kan offentliggøres.\n\nVenlig hilsen\nByrådssekretariatet",
      importance: "high",
      read: true,
      categories: ["Byråd"],
    },
    {
      day: -9,
      time: "07:55",
      from: CITIZENS.mikkel,
      to: [ADDRESSES.mayor],
      subject: "Lukning af Nørremarkskolen",
      body: "Hej Birgitte\n\nSom forælder til to børn på Nørremarkskolen er jeg dybt bekymret over forslaget om at lukke skolen. Vil du mødes med forældrebestyrelsen, inden byrådet beslutter noget?\n\nMvh Mikkel Hansen",
      read: true,
      flag: { start: -9, due: -2 },
      categories: ["Borgerhenvendelse"],
    },
    {
      day: -8,
      time: "09:30",
      from: PARTNERS.kl,
      to: [ADDRESSES.mayor],
      subject: "KL's borgmestermøde – tilmelding og program",
      body: "Kære borgmester\n\nHermed program for KL's borgmestermøde. Tilmelding sker via KL's mødeportal senest ved udgangen af næste uge.\n\nVenlig hilsen\nPeter Lund\nKL",
      read: true,
    },
    {
      day: -8,
      time: "15:12",
      from: CITIZENS.kirsten,
      to: [ADDRESSES.mayor],
      subject: "Støj fra byggepladsen på Havnevej om natten",
      body: "Kære borgmester\n\nI tre uger har der været støjende arbejde på byggepladsen på Havnevej til langt ud på natten. Vi kan ikke sove. Hvem holder øje med, at reglerne overholdes?\n\nVenlig hilsen\nKirsten Poulsen",
      read: true,
      categories: ["Borgerhenvendelse"],
    },
    {
      day: -5,
      time: "11:05",
      from: PARTNERS.ministry,
      to: [ADDRESSES.mayor],
      subject: "Høring: Ny model for statstilskud til kollektiv trafik",
      body: "Transportministeriet sender hermed udkast til ny tilskudsmodel for kollektiv trafik i høring. Høringsfristen er om to uger.\n\nMed venlig hilsen\nTransportministeriet",
      read: true,
      flag: { start: -5, due: 3 },
    },
    {
      day: -4,
      time: "08:47",
      from: PARTNERS.business,
      to: [ADDRESSES.mayor],
      subject: "Erhvervsrådets nytårskur – vil borgmesteren holde talen?",
      body: "Kære Birgitte\n\nVi holder nytårskur for byens virksomheder og vil meget gerne have, at du holder åbningstalen. Kan du give os et svar inden længe?\n\nVenlig hilsen\nFjordby Erhvervsråd",
      read: false,
      flag: { start: -4, due: 1 },
    },
    {
      day: -4,
      time: "14:20",
      from: ADDRESSES.finance,
      to: [ADDRESSES.mayor],
      cc: [ADDRESSES.director],
      subject: "Budgetopfølgning 3. kvartal – notat til økonomiudvalget",
      body: "Hej Birgitte\n\nVedlagt notat om budgetopfølgningen. Der er et forventet merforbrug på det specialiserede socialområde, som vi bør drøfte før økonomiudvalget.\n\nVenlig hilsen\nØkonomi og Analyse",
      read: true,
      categories: ["Byråd"],
    },
    {
      day: -3,
      time: "19:32",
      from: CITIZENS.ole,
      to: [ADDRESSES.mayor],
      subject: "Ønske om møde med borgmesteren om cykelstien til Skovby",
      body: "Kære Birgitte Holm Sørensen\n\nPå vegne af grundejerforeningen i Skovby vil vi gerne mødes med dig om den lovede cykelsti. Vi kan komme en eftermiddag efter kl. 15. Vores underskriftindsamling er vedhæftet.\n\nVenlig hilsen\nOle Bak",
      attachments: [
        {
          name: "Underskrifter cykelsti Skovby.pdf",
          contentType: "application/pdf",
          text: "Underskriftindsamling: cykelsti mellem Skovby og Fjordby. 214 underskrifter.",
        },
      ],
      read: false,
      flag: { start: -3, due: 4 },
    },
    {
      day: 0,
      time: "06:58",
      from: CITIZENS.fatima,
      to: [ADDRESSES.mayor],
      subject: "Tak for indsatsen ved åbningen af Kulturhuset",
      body: "Kære borgmester\n\nTak for en dejlig åbning af Kulturhuset i lørdags. Mine børn var begejstrede for værkstederne.\n\nMange hilsner\nFatima Ali",
      read: false,
    },
    {
      day: 0,
      time: "07:40",
      from: ADDRESSES.childrenYouth,
      to: [ADDRESSES.mayor],
      subject: "Forældremøde om skolestrukturen – forslag til tidspunkter",
      body: "Hej Birgitte\n\nForældrebestyrelsen på Nørremarkskolen har bedt om et møde med dig. Vi foreslår onsdag kl. 16 eller torsdag kl. 17 på skolen.\n\nVenlig hilsen\nBørn og Unge",
      read: false,
      flag: { start: 0, due: 2 },
    },
    {
      day: 0,
      time: "08:05",
      from: ADDRESSES.secretary,
      to: [ADDRESSES.mayor],
      subject: "Privat: Tandlæge flyttet til fredag",
      body: "Hej Birgitte\n\nTandlægen ringede – din tid er flyttet til fredag kl. 8. Jeg har lagt den i kalenderen.\n\nHilsen Camilla",
      read: false,
      categories: ["Privat"],
    },
  ];
}

function secretaryInbox(): SeedMail[] {
  return [
    {
      day: -7,
      time: "09:15",
      from: ADDRESSES.reception,
      to: [ADDRESSES.secretary],
      subject: "Gæsteliste til besøget fra venskabsbyen",
      body: "Hej Camilla\n\nHer er den foreløbige gæsteliste til besøget fra venskabsbyen. Der kommer 8 gæster; vi skal bruge navneskilte og parkering.\n\nHilsen Receptionen",
      read: true,
    },
    {
      day: -2,
      time: "10:45",
      from: ADDRESSES.catering,
      to: [ADDRESSES.secretary],
      subject: "Forplejning til økonomiudvalget – bestilling bekræftet",
      body: "Hej Camilla\n\nVi bekræfter kaffe, te og sandwich til 12 personer i Udvalgsværelset. Sig til senest dagen før, hvis antallet ændrer sig.\n\nHilsen Kantinen",
      read: true,
    },
    {
      day: 0,
      time: "07:30",
      from: ADDRESSES.chiefOfStaff,
      to: [ADDRESSES.secretary],
      subject: "Ugens prioriteter for borgmesterens kalender",
      body: "Hej Camilla\n\nDenne uge har forberedelsen til byrådsmødet førsteprioritet. Borgermøder kan rykkes, hvis det er nødvendigt.\n\nHilsen Jonas",
      read: false,
      flag: { start: 0, due: 0 },
    },
  ];
}

const recipients = (state: SimState, addresses: string[]) =>
  addresses.map((address) => recipientOf(correspondentOf(state, address)));

function deliver(state: SimState, monday: DateTime, mail: SeedMail): SentMail {
  const [hour = 0, minute = 0] = mail.time.split(":").map(Number);
  const at = monday.plus({ days: mail.day }).set({ hour, minute }).toJSDate();
  const sender = typeof mail.from === "string" ? correspondentOf(state, mail.from) : mail.from;
  return sendMail(
    state,
    sender,
    {
      subject: mail.subject,
      body: { contentType: "text", content: mail.body },
      toRecipients: recipients(state, mail.to),
      ccRecipients: recipients(state, mail.cc ?? []),
      importance: mail.importance ?? "normal",
      attachments: (mail.attachments ?? []).map((file) => ({
        "@odata.type": "#microsoft.graph.fileAttachment",
        name: file.name,
        contentType: file.contentType,
        contentBytes: Buffer.from(
          file.contentType === "application/pdf" ? pdfWith(file.text) : file.text,
          "utf8",
        ).toString("base64"),
      })),
    },
    { at },
  );
}

/** A one-page PDF that says `text` (in plain ASCII): enough for a reader, or a case system, to open. */
function pdfWith(text: string): string {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[^\x20-\x7e]|[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}

/** Marks the recipient's copy the way its owner left it: read, flagged, categorised. */
function settle(state: SimState, monday: DateTime, mailboxId: string, sent: SentMail, mail: SeedMail): void {
  const copy = sent.delivered.find((d) => d.mailboxId === mailboxId)?.message;
  if (!copy) return;
  const local = (day: number) => ({
    dateTime: monday.plus({ days: day }).set({ hour: 8 }).toFormat("yyyy-LL-dd'T'HH:mm:ss"),
    timeZone: ZONE,
  });
  const flag =
    mail.flag === "complete"
      ? flagOf(state, { flagStatus: "complete", completedDateTime: local(mail.day + 2) })
      : mail.flag
        ? flagOf(state, {
            flagStatus: "flagged",
            startDateTime: local(mail.flag.start),
            dueDateTime: local(mail.flag.due),
          })
        : undefined;
  updateMessage(state, mailboxId, copy.id, {
    isRead: mail.read ?? false,
    ...(flag ? { flag } : {}),
    ...(mail.categories ? { categories: mail.categories } : {}),
  });
}

export function seedMail(state: SimState, options: SeedOptions): void {
  const monday = anchorMonday(state, options.anchor);
  ensureCategory(state, IDS.mayor, "Byråd", "preset0");
  ensureCategory(state, IDS.mayor, "Privat", "preset7");
  ensureCategory(state, IDS.mayor, "Borgerhenvendelse", "preset4");

  for (const mail of mayorInbox()) settle(state, monday, IDS.mayor, deliver(state, monday, mail), mail);
  for (const mail of secretaryInbox())
    settle(state, monday, IDS.secretary, deliver(state, monday, mail), mail);

  // The bus route inquiry went to the department for the facts; with them, the secretary answered
  // Anna Jensen from the mayor's mailbox, so the answer is in its Sent Items (and journalised with it).
  const inquiry = [...state.mailbox(IDS.mayor).messages.values()].find((m) =>
    m.subject?.startsWith("Buslinje 212"),
  );
  if (inquiry) {
    const mayor = correspondentOf(state, IDS.mayor);
    respond(
      state,
      mayor,
      inquiry,
      "forward",
      {
        comment: "Kan I hjælpe med fakta til et svar til borgeren?",
        toRecipients: [{ emailAddress: { address: ADDRESSES.techEnvironment, name: "Teknik og Miljø" } }],
      },
      { at: monday.plus({ days: -12, hours: 9 }).toJSDate() },
    );
    respond(
      state,
      mayor,
      inquiry,
      "reply",
      {
        comment:
          "Kære Anna Jensen\n\nTak for din henvendelse om buslinje 212. Teknik og Miljø oplyser, at Flextur dækker Skovby, og at ældre kan bestille kørsel til lægen på 70 26 27 27 til almindelig bustakst.\n\nVenlig hilsen\nCamilla Nørgaard\nBorgmestersekretær, på vegne af borgmester Birgitte Holm Sørensen",
      },
      {
        at: monday.plus({ days: -10, hours: 11 }).toJSDate(),
        onBehalfBy: correspondentOf(state, IDS.secretary),
      },
    );
  }

  answerNoiseComplaint(state, monday);
  seedScale(state, monday, options.scale ?? 0);
}

/**
 * The secretary answered the noise complaint from the mayor's mailbox two days later: the reply
 * is in the mayor's Sent Items (sent on her behalf), so the inquiry is answered.
 */
function answerNoiseComplaint(state: SimState, monday: DateTime): void {
  const complaint = [...state.mailbox(IDS.mayor).messages.values()].find((m) =>
    m.subject?.startsWith("Støj fra byggepladsen på Havnevej"),
  );
  if (!complaint) return;
  respond(
    state,
    correspondentOf(state, IDS.mayor),
    complaint,
    "reply",
    {
      comment:
        "Kære Kirsten Poulsen\n\nTak for din henvendelse. Teknik og Miljø har talt med entreprenøren: der arbejdes ikke længere efter kl. 19 på Havnevej, og kommunen fører tilsyn de næste uger.\n\nVenlig hilsen\nCamilla Nørgaard\nBorgmestersekretær, på vegne af borgmester Birgitte Holm Sørensen",
    },
    {
      at: monday.plus({ days: -6 }).set({ hour: 14, minute: 5 }).toJSDate(),
      onBehalfBy: correspondentOf(state, IDS.secretary),
    },
  );
}

/** `--scale N`: N more citizen inquiries spread over the two weeks, for benchmarks. */
function seedScale(state: SimState, monday: DateTime, count: number): void {
  const topics = ["Vejarbejde", "Affaldsindsamling", "Parkering", "Legeplads", "Gadelys", "Busstoppested"];
  const senders = Object.values(CITIZENS);
  for (let i = 0; i < count; i++) {
    const topic = topics[i % topics.length] ?? "Henvendelse";
    const sender = senders[i % senders.length] ?? CITIZENS.anna;
    const mail: SeedMail = {
      day: -14 + (i % 14),
      time: `${String(7 + (i % 10)).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`,
      from: sender,
      to: [ADDRESSES.mayor],
      subject: `${topic} – henvendelse nr. ${i + 1}`,
      body: `Kære borgmester\n\nJeg skriver angående ${topic.toLowerCase()} i mit kvarter.\n\nVenlig hilsen\n${sender.name}`,
      read: i % 3 !== 0,
    };
    settle(state, monday, IDS.mayor, deliver(state, monday, mail), mail);
  }
}

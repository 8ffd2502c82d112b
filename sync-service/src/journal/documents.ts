import { t, type MeetingView } from "@modeklar/shared";
import { DateTime } from "luxon";
import {
  attendeesOf,
  instantOf,
  isCancelled,
  locationOf,
  personOf,
  text,
  type EventData,
} from "../mirror/events";
import { meetingCalendar } from "../ics/calendar-file";
import type { MinuteEntry } from "../store/pages";
import type { JournalFiling } from "./channel";

/**
 * The documents the service writes for a meeting's case: the invitation with its agenda (and
 * the meeting as a calendar file) and the weekly meeting's decisions. Written in Danish, the
 * case file's language, from the meeting as it is when the filing leaves and only with what
 * the privacy policy gives the journal (`view`).
 */

const ZONE = "Europe/Copenhagen";
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};

const when = (instant: string | null | undefined) =>
  instant
    ? DateTime.fromISO(instant, { zone: ZONE })
        .setLocale("da")
        .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY)
    : "";

/** The invitation's text as plain text: Outlook's HTML body without its markup. */
export function agendaText(event: EventData): string {
  const body = record(event["body"]);
  const content = text(body["content"]);
  if (text(body["contentType"]).toLowerCase() !== "html") return content.trim();
  return content
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function meetingLines(event: EventData, view: MeetingView): string[] {
  const subject = view.subject(text(event["subject"]), "da");
  const organizer = personOf(event["organizer"]);
  const attendees = attendeesOf(event).filter((a) => a.type !== "resource");
  return [
    t("da", "journal.mail.meeting", { subject }),
    t("da", "journal.mail.when", { when: when(instantOf(event["start"])) }),
    ...(view.sees("place") && locationOf(event)
      ? [t("da", "journal.mail.where", { where: locationOf(event) })]
      : []),
    ...(view.sees("organizer") && organizer
      ? [t("da", "journal.mail.organizer", { organizer: `${organizer.name} <${organizer.address}>` })]
      : []),
    ...(view.sees("attendees") && attendees.length
      ? [t("da", "journal.mail.attendees", { attendees: attendees.map((a) => a.name).join(", ") })]
      : []),
  ];
}

/** The meeting's invitation for its case: its particulars and agenda, and the meeting as an .ics file. */
export function invitationFiling(
  event: EventData,
  view: MeetingView,
  journalisedBy: string,
  stamp: Date,
): JournalFiling {
  const subject = view.subject(text(event["subject"]), "da");
  const agenda = view.sees("body") ? agendaText(event) : "";
  const organizer = personOf(event["organizer"]);
  const start = instantOf(event["start"]) ?? stamp.toISOString();
  const ics = meetingCalendar(
    {
      uid: text(event["iCalUId"]) || text(event["id"]),
      summary: subject,
      start,
      end: instantOf(event["end"]) ?? start,
      isAllDay: event["isAllDay"] === true,
      location: view.sees("place") ? locationOf(event) : "",
      status: isCancelled(event) ? "CANCELLED" : "CONFIRMED",
      isPrivate: view.isPrivate,
      ...(agenda ? { description: agenda } : {}),
      ...(view.sees("organizer") && organizer ? { organizer } : {}),
      ...(view.sees("attendees")
        ? { attendees: attendeesOf(event).filter((a) => a.type !== "resource" && a.address) }
        : {}),
    },
    stamp,
  );
  return {
    file: "document",
    subject: t("da", "journal.mail.meeting", { subject }),
    body: [
      ...meetingLines(event, view),
      "",
      t("da", "journal.mail.agenda"),
      agenda || t("da", "journal.mail.noAgenda"),
      "",
      t("da", "journal.mail.invitationFile"),
      t("da", "journal.mail.journalisedBy", { who: journalisedBy }),
    ].join("\n"),
    attachments: [
      {
        name: `${fileName(subject)}.ics`,
        contentType: "text/calendar",
        contentBytes: Buffer.from(ics, "utf8").toString("base64"),
      },
    ],
  };
}

/** The weekly meeting's decisions about the meeting, oldest first, for its case. */
export function minutesFiling(
  event: EventData,
  view: MeetingView,
  minutes: readonly MinuteEntry[],
  journalisedBy: string,
): JournalFiling {
  const subject = view.subject(text(event["subject"]), "da");
  const lines = minutes.flatMap((minute) => {
    const comment = text(minute.detail["comment"]);
    return [
      t("da", "journal.mail.minuteLine", {
        when: when(minute.decidedAt),
        who: minute.decidedBy,
        decision: t("da", `journal.decision.${minute.decision}`),
      }),
      ...(comment ? [`  ${t("da", "journal.mail.comment", { comment })}`] : []),
    ];
  });
  return {
    file: "document",
    subject: `${t("da", "journal.document.minutes")}: ${subject}`,
    body: [
      ...meetingLines(event, view),
      "",
      t("da", "journal.mail.minutesIntro"),
      ...lines,
      "",
      t("da", "journal.mail.journalisedBy", { who: journalisedBy }),
    ].join("\n"),
    attachments: [],
  };
}

const fileName = (subject: string) =>
  subject
    .replace(/[\\/:*?"<>|]+/g, " ")
    .trim()
    .slice(0, 80) || "Møde";

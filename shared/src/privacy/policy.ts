import { t, type Locale } from "../i18n";
import { AUDIENCES, type Audience, type Role } from "./audiences";
import { FIELD_KEYS, MEETING_FIELDS, type MeetingField } from "./fields";
import type { PrivacySettings } from "./settings";

/**
 * Mødeklar's one answer to "what may this audience see of this meeting now?". Every channel
 * that carries meeting data out (API, pages, the ICS file, the mails to the kitchen, the
 * reception and the departments, the digest, logs and metrics) asks it at the moment the
 * data leaves, with the meeting as it is then: a meeting made private after its orders went
 * is private from that moment everywhere. Nothing of the answer is ever stored.
 */

const ALL: readonly MeetingField[] = MEETING_FIELDS;

/** What each audience's job needs of a meeting that is not private. */
const NEEDS: Record<Audience, readonly MeetingField[]> = {
  mayor: ALL,
  secretary: ALL,
  "chief-of-staff": ALL,
  reception: ["time", "place", "subject", "organizer", "host", "headCount", "guests"],
  catering: ["time", "place", "subject", "organizer", "host", "headCount", "catering"],
  department: ["time", "place", "subject", "material"],
  /** The case file: the invitation with its agenda, who took part, the material and the decisions. */
  journal: ["time", "place", "subject", "body", "organizer", "attendees", "minutes", "material"],
  operations: [],
};

/**
 * What each audience still gets of a private meeting it may not see whole: the kitchen and
 * the reception what they need to do their job, the delegates Outlook's "Private appointment"
 * (its time only), never the subject, body, attendees, organizer, plan or briefing.
 */
const NEEDS_WHEN_PRIVATE: Record<Audience, readonly MeetingField[]> = {
  mayor: ALL,
  secretary: ["time"],
  "chief-of-staff": ["time"],
  reception: ["time", "place", "host", "headCount", "guests"],
  catering: ["time", "place", "host", "headCount", "catering"],
  department: ["time", "place", "material"],
  /** A private meeting is filed only when a delegate who sees it chooses to (journalView). */
  journal: [],
  operations: [],
};

/** A meeting as the policy reads it: Graph's event (or anything carrying its `sensitivity`), as it is now. */
export type MeetingSensitivity = Readonly<Record<string, unknown>>;

/** What an audience may see of one meeting, now. */
export interface MeetingView {
  /** The meeting is private (or confidential), or the service cannot see it now. */
  readonly isPrivate: boolean;
  readonly fields: ReadonlySet<MeetingField>;
  sees(field: MeetingField): boolean;
  /** The subject this audience may read: the meeting's own, "Privat aftale", or nothing. */
  subject(real: string, locale: Locale): string;
}

export function isPrivateMeeting(meeting: MeetingSensitivity | null | undefined): boolean {
  // A meeting the service cannot see now (deleted, not mirrored) is treated as private.
  if (!meeting) return true;
  return meeting["sensitivity"] === "private" || meeting["sensitivity"] === "confidential";
}

/** Whether this audience sees private meetings whole: the mayor, and the delegates the settings name. */
export function seesPrivateItems(audience: Audience, settings: PrivacySettings): boolean {
  if (audience === "mayor") return true;
  return (settings.privateItemsVisibleTo as readonly string[]).includes(audience);
}

/**
 * What the case system's journal may be given of `meeting`: a case file's view of a meeting
 * that is not private; of a private one nothing, unless a person who sees it whole chose, for
 * this journalising, to file it anyway (`privateChosen`: an explicit choice, audit-logged
 * where it is made). Asked when the journal mail leaves, with the meeting as it is then.
 */
export function journalView(
  meeting: MeetingSensitivity | null | undefined,
  settings: PrivacySettings,
  privateChosen: boolean,
): MeetingView {
  const view = meetingView("journal", meeting, settings);
  if (!view.isPrivate || !privateChosen) return view;
  return viewOf(true, new Set(NEEDS.journal));
}

function viewOf(isPrivate: boolean, fields: Set<MeetingField>): MeetingView {
  return {
    isPrivate,
    fields,
    sees: (field) => fields.has(field),
    subject: (real, locale) =>
      fields.has("subject") ? real : isPrivate ? t(locale, "privacy.privateSubject") : "",
  };
}

/**
 * What `audiences` (a person's roles, or the one recipient of a mail) may see of `meeting`.
 * A person holding several roles sees what any of them may.
 */
export function meetingView(
  audiences: Audience | readonly Audience[],
  meeting: MeetingSensitivity | null | undefined,
  settings: PrivacySettings,
): MeetingView {
  const isPrivate = isPrivateMeeting(meeting);
  const list: readonly Audience[] = typeof audiences === "string" ? [audiences] : audiences;
  const fields = new Set<MeetingField>(
    list.flatMap((audience) =>
      isPrivate && !seesPrivateItems(audience, settings) ? NEEDS_WHEN_PRIVATE[audience] : NEEDS[audience],
    ),
  );
  return viewOf(isPrivate, fields);
}

/** What one audience may see of any meeting: the policy with the audience and settings filled in. */
export type MeetingViewer = (meeting: MeetingSensitivity | null | undefined) => MeetingView;

export function viewerFor(
  audiences: Audience | readonly Audience[],
  settings: PrivacySettings,
): MeetingViewer {
  return (meeting) => meetingView(audiences, meeting, settings);
}

/** The audiences a signed-in person's roles make them. */
export function audiencesOf(roles: readonly Role[]): Audience[] {
  return AUDIENCES.filter((audience) => (roles as readonly string[]).includes(audience));
}

/**
 * Property names that carry meeting content (subject, body, people, notes, guests, orders):
 * operations (logs, metrics) see none of them, so a logger drops every one, at any depth.
 */
export const CONTENT_KEYS: readonly string[] = [
  ...new Set(
    MEETING_FIELDS.filter((field) => !NEEDS.operations.includes(field)).flatMap((field) => FIELD_KEYS[field]),
  ),
];

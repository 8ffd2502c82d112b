import type { PendingInvitation, PhoneInvitation } from "@modeklar/shared";
import type { InvitationResponses } from "../../store/invitation-responses";
import type { PagesStore } from "../../store/pages";
import type { PlanStore } from "../../store/plans";
import type { Reader } from "../reader";
import {
  calendarContext,
  withStoredPlans,
  type CalendarContext,
  type CalendarSources,
  type PlannedEvent,
} from "./calendar";
import { answerDueOf, calendarFacts, meetingFacts, travelTo, type CalendarFacts } from "./calendar-facts";
import { nextWeekStart } from "./local-time";
import { awaitsAnswer, pendingInvitation } from "./pending-invitations";
import { text } from "../../mirror/events";

/** What the phone page reads besides the calendar: answers on their way, briefing notes, the weekly minutes. */
export interface PhoneSources extends CalendarSources {
  plans: Pick<PlanStore, "getPlan" | "getBriefing">;
  invitationResponses: Pick<InvitationResponses, "lastAnswered">;
  pages: Pick<PagesStore, "minutesOfWeek">;
}

const DAY_MS = 86_400_000;

/**
 * Answered from Mødeklar after the meeting last changed: the answer is on its way to Outlook
 * and the mirror has not seen it yet. An organizer's later change asks for a new answer.
 */
function answeredSinceChange(event: PlannedEvent, answered: Map<string, string>): boolean {
  const at = answered.get(event.id);
  if (!at) return false;
  const changed = Date.parse(text(event.data["lastModifiedDateTime"]));
  return Number.isNaN(changed) || Date.parse(at) >= changed;
}

/**
 * The mayor's phone page: her unanswered invitations (from yesterday to 400 days ahead) that no
 * answer from Mødeklar is on its way for, with the secretary's note and whether the weekly
 * meeting has decided them.
 */
export async function phoneView(sources: PhoneSources, reader: Reader): Promise<PhoneInvitation[]> {
  const now = sources.now();
  const { viewer, language } = reader;
  const from = new Date(now.getTime() - DAY_MS).toISOString();
  const to = new Date(now.getTime() + 400 * DAY_MS).toISOString();
  const context = await calendarContext(sources, from, to, language, viewer);
  const facts = calendarFacts(context);
  const unanswered = context.events.filter((e) => awaitsAnswer(e.data, now));
  const answered = await sources.invitationResponses.lastAnswered(
    sources.mayorMailbox,
    unanswered.map((e) => e.id),
  );
  const waiting = new Set(unanswered.filter((e) => !answeredSinceChange(e, answered)).map((e) => e.id));
  context.events = await withStoredPlans(sources, context.events, (e) => waiting.has(e.id));
  const shown = context.events.filter((e) => waiting.has(e.id));
  await reader.shows(shown);
  const pending = shown.map((e) => pendingInvitation(e.id, e.data, viewer, language));
  const [notes, minutes] = await Promise.all([
    Promise.all(
      pending.map(
        async (p) =>
          [p.id, (await sources.plans.getBriefing(sources.mayorMailbox, p.id))?.text ?? ""] as const,
      ),
    ),
    sources.pages.minutesOfWeek(sources.mayorMailbox, nextWeekStart(new Date(now.getTime() - 7 * DAY_MS))),
  ]);
  const later = await sources.pages.minutesOfWeek(sources.mayorMailbox, nextWeekStart(now));
  const decided = new Set([...minutes, ...later].map((m) => m.eventId));
  return phoneInvitations(pending, context, facts, new Map(notes), decided);
}

/**
 * The phone page's list: most important first (priority class), then the earliest answer
 * deadline, then the earliest meeting.
 */
function phoneInvitations(
  pending: PendingInvitation[],
  context: CalendarContext,
  facts: CalendarFacts,
  notes: Map<string, string>,
  decided: Set<string>,
): PhoneInvitation[] {
  const byId = new Map(context.events.map((e) => [e.id, e]));
  return pending
    .flatMap((invitation) => {
      const event = byId.get(invitation.id);
      if (!event) return [];
      const { priority, conflicts, suggested, readiness } = meetingFacts(event, context, facts);
      return [
        {
          ...invitation,
          priority,
          answerDue: answerDueOf(event, context.now),
          note: context.viewer(event.data).sees("briefing") ? (notes.get(invitation.id) ?? "") : "",
          conflicts,
          ...travelTo(event, context, facts),
          needsWeeklyDecision: conflicts.length > 0 && !decided.has(invitation.id),
          suggested,
          readiness,
        },
      ];
    })
    .sort(
      (a, b) =>
        a.priority.class - b.priority.class ||
        a.answerDue.localeCompare(b.answerDue) ||
        a.start.localeCompare(b.start) ||
        a.id.localeCompare(b.id),
    );
}

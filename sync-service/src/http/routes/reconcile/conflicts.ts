import { ConflictSchema, findConflicts } from "@modeklar/shared";
import { z } from "zod";
import type { ApiBuilder } from "../../api";
import { privateReadsOf } from "../../audit-trail";
import { asConflictMeeting, classifyMeeting, meetingFacts } from "../../../reconcile/items";
import type { ReconcileRoutes } from "./context";

/** Conflicts are looked for this far ahead: beyond the mirror's window, so among every mirrored meeting ahead. */
const CONFLICT_HORIZON_MS = 400 * 86_400_000;

/** Overlaps and too little travel time, found on the whole calendar ahead. */
export function conflictRoutes(api: ApiBuilder, deps: ReconcileRoutes): void {
  const { reconciler, mirror, mailbox, readerOf } = deps;
  api.add({
    method: "get",
    path: "/conflicts",
    summary: "Overlaps and too little travel time between the mayor's meetings and pending invitations.",
    response: z.object({ conflicts: z.array(ConflictSchema) }),
    handler: async ({ principal, req, audit }) => {
      const { viewer, language } = readerOf(principal, req);
      // The meetings still ahead, read as a range of the mirror, classified with their own pins.
      const now = deps.now();
      const ahead = await mirror.listEventsInRange(mailbox, {
        from: now.toISOString(),
        to: new Date(now.getTime() + CONFLICT_HORIZON_MS).toISOString(),
      });
      const { ruleSet, pins, travel } = await reconciler.calendarRules(ahead);
      const meetings = ahead.flatMap((e) => {
        const { class: priorityClass } = classifyMeeting(e.id, e.data, ruleSet, (id) => pins.get(id));
        const meeting = asConflictMeeting(meetingFacts(e.id, e.data), priorityClass);
        return meeting && Date.parse(meeting.end) > now.getTime() ? [meeting] : [];
      });
      // Found on the whole calendar, each meeting named as the caller may read it.
      const subjects = new Map(
        ahead.map((e) => [
          e.id,
          viewer(e.data).subject(typeof e.data["subject"] === "string" ? e.data["subject"] : "", language),
        ]),
      );
      const named = (meeting: { id: string; subject: string }) => ({
        ...meeting,
        subject: subjects.get(meeting.id) ?? "",
      });
      const conflicts = findConflicts(meetings, travel);
      const inConflict = new Set(conflicts.flatMap((c) => [c.first.id, c.second.id]));
      await audit.privateReads(
        privateReadsOf(
          viewer,
          ahead.filter((e) => inConflict.has(e.id)),
        ),
      );
      return {
        conflicts: conflicts.map((c) => ({
          ...c,
          first: named(c.first),
          second: named(c.second),
        })),
      };
    },
  });
}

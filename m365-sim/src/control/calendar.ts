import { Router, type Request } from "express";
import { z } from "zod";
import {
  cancelEvent,
  cancelInvitation,
  deleteEvent,
  respond,
  updateEvent,
  updateInvitation,
  type Reply,
} from "../calendar/actions";
import { eventInputSchema, eventPatchSchema, parseEventBody } from "../calendar/model";
import { inviteAs } from "../calendar/invitations";
import { partyOf, type Party } from "../calendar/parties";
import { eventsOf } from "../calendar/view";
import type { SimContext } from "../context";
import { toWire, type SimState } from "../state";
import { asProblem, parseInput, Problem } from "./problem";

/**
 * Acting as someone else, for tests and demos: a person (or an organizer outside the
 * tenant) sends an invitation, moves or cancels a meeting, or answers one; a reserved
 * room's delegate approves a booking by answering as the room.
 */

/** Who acts: a person or room in the tenant, or (for invitations only) an organizer from outside. */
function actor(state: SimState, address: string): Party {
  return partyOf(state, decodeURIComponent(address));
}

function mailboxOfActor(state: SimState, address: string): string {
  const party = actor(state, address);
  if (!party.mailboxId)
    throw new Problem(404, "Unknown mailbox", `No mailbox in the tenant has the address ${address}.`);
  return party.mailboxId;
}

const respondSchema = z.strictObject({
  response: z.enum(["accept", "tentative", "decline"]),
  comment: z.string().optional(),
  sendResponse: z.boolean().optional(),
});
const cancelSchema = z.strictObject({ comment: z.string().optional() });

export function calendarControlRoutes(ctx: SimContext): Router {
  const router = Router();
  const { state } = ctx;
  const param = (req: Request, name: string) => String(req.params[name]);

  router.post(
    "/act/:address/events",
    asProblem((req, res) => {
      const input = parseEventBody(eventInputSchema, req.body);
      const events = inviteAs(state, decodeURIComponent(param(req, "address")), input);
      res.status(201).json({ value: events.map((e) => toWire(e)) });
    }),
  );

  router.patch(
    "/act/:address/events/:id",
    asProblem((req, res) => {
      const patch = parseEventBody(eventPatchSchema, req.body);
      const party = actor(state, param(req, "address"));
      if (!party.mailboxId) {
        const copies = updateInvitation(state, party, param(req, "id"), patch);
        return void res.json({ value: copies.map((e) => toWire(e)) });
      }
      res.json(toWire(updateEvent(state, party.mailboxId, param(req, "id"), patch)));
    }),
  );

  router.post(
    "/act/:address/events/:id/cancel",
    asProblem((req, res) => {
      const { comment } = parseInput(cancelSchema, req.body);
      const party = actor(state, param(req, "address"));
      if (!party.mailboxId) cancelInvitation(state, party, param(req, "id"), comment);
      else cancelEvent(state, party.mailboxId, param(req, "id"), comment);
      res.status(204).end();
    }),
  );

  router.post(
    "/act/:address/events/:id/respond",
    asProblem((req, res) => {
      const body = parseInput(respondSchema, req.body);
      const reply: Reply = body.response;
      respond(state, mailboxOfActor(state, param(req, "address")), param(req, "id"), reply, body);
      res.status(204).end();
    }),
  );

  router.delete(
    "/act/:address/events/:id",
    asProblem((req, res) => {
      const party = actor(state, param(req, "address"));
      // Outside the tenant a delete by the organizer reaches the invitees as a cancellation.
      if (!party.mailboxId) cancelInvitation(state, party, param(req, "id"));
      else deleteEvent(state, party.mailboxId, param(req, "id"));
      res.status(204).end();
    }),
  );

  router.get(
    "/mailboxes/:address/events",
    asProblem((req, res) => {
      const mailboxId = mailboxOfActor(state, param(req, "address"));
      const subject = typeof req.query["subject"] === "string" ? req.query["subject"] : undefined;
      const events = [...eventsOf(state, mailboxId).values()].filter(
        (e) => !subject || e.subject === subject,
      );
      res.json({ value: events.map((e) => toWire(e)) });
    }),
  );

  return router;
}

import { describe, expect, it } from "vitest";
import { AUDIENCES, type Audience } from "./audiences";
import { MEETING_FIELDS } from "./fields";
import { audiencesOf, CONTENT_KEYS, journalView, meetingView } from "./policy";
import { DEFAULT_PRIVACY, privacyFromText } from "./settings";

const open = { sensitivity: "normal" };
const secret = { sensitivity: "private" };
const SUBJECT = "Fortroligt: opkøb af havnegrunden";

describe("the privacy policy", () => {
  it("shows the mayor every detail of her private meetings", () => {
    const view = meetingView("mayor", secret, DEFAULT_PRIVACY);
    expect([...view.fields].sort()).toEqual([...MEETING_FIELDS].sort());
    expect(view.subject(SUBJECT, "da")).toBe(SUBJECT);
  });

  it("gives the kitchen time, place, head count and its order of a private meeting under 'Privat aftale'", () => {
    const view = meetingView("catering", secret, DEFAULT_PRIVACY);
    expect(view.subject(SUBJECT, "da")).toBe("Privat aftale");
    expect(view.subject(SUBJECT, "en")).toBe("Private appointment");
    expect([...view.fields].sort()).toEqual(["catering", "headCount", "host", "place", "time"]);
  });

  it("gives the reception the guests and their arrival of a private meeting, never its subject or organizer", () => {
    const view = meetingView("reception", secret, DEFAULT_PRIVACY);
    expect(view.sees("guests")).toBe(true);
    for (const field of ["subject", "body", "attendees", "organizer", "briefing", "guestContact"] as const) {
      expect(view.sees(field), field).toBe(false);
    }
  });

  it("shows the kitchen and the reception the subject of a meeting that is not private", () => {
    for (const audience of ["catering", "reception", "department"] as const) {
      expect(meetingView(audience, open, DEFAULT_PRIVACY).subject(SUBJECT, "da")).toBe(SUBJECT);
    }
  });

  it("never shows the kitchen, the reception or a department the body, attendees, plan or briefing", () => {
    for (const audience of ["catering", "reception", "department"] as const) {
      const view = meetingView(audience, open, DEFAULT_PRIVACY);
      for (const field of ["body", "attendees", "plan", "briefing", "minutes", "priority"] as const) {
        expect(view.sees(field), `${audience} ${field}`).toBe(false);
      }
    }
  });

  it("lets the secretary see private items by default and the chief of staff only when the setting says so", () => {
    expect(meetingView("secretary", secret, DEFAULT_PRIVACY).subject(SUBJECT, "da")).toBe(SUBJECT);
    const chief = meetingView("chief-of-staff", secret, DEFAULT_PRIVACY);
    expect(chief.subject(SUBJECT, "da")).toBe("Privat aftale");
    expect([...chief.fields]).toEqual(["time"]);
    const both = privacyFromText("secretary,chief-of-staff");
    expect(meetingView("chief-of-staff", secret, both).subject(SUBJECT, "da")).toBe(SUBJECT);
    const none = privacyFromText("none");
    expect(meetingView("secretary", secret, none).subject(SUBJECT, "da")).toBe("Privat aftale");
    expect(meetingView("mayor", secret, none).subject(SUBJECT, "da")).toBe(SUBJECT);
  });

  it("treats a meeting it cannot see now as private", () => {
    expect(meetingView("catering", null, DEFAULT_PRIVACY).subject(SUBJECT, "da")).toBe("Privat aftale");
    expect(meetingView("catering", { sensitivity: "confidential" }, DEFAULT_PRIVACY).isPrivate).toBe(true);
    expect(meetingView("catering", { sensitivity: "personal" }, DEFAULT_PRIVACY).isPrivate).toBe(false);
  });

  it("shows operations nothing of any meeting, not even its subject", () => {
    for (const meeting of [open, secret]) {
      const view = meetingView("operations", meeting, DEFAULT_PRIVACY);
      expect(view.fields.size).toBe(0);
      expect(view.subject(SUBJECT, "da")).not.toContain("havnegrunden");
    }
  });

  it("gives a person with several roles what any of them may see", () => {
    const view = meetingView(audiencesOf(["reception", "catering"]), secret, DEFAULT_PRIVACY);
    expect(view.sees("guests") && view.sees("catering")).toBe(true);
    expect(view.sees("subject")).toBe(false);
  });

  it("keeps every audience of a private meeting to a part of what it may see of an open one", () => {
    for (const audience of AUDIENCES as readonly Audience[]) {
      const whenOpen = meetingView(audience, open, DEFAULT_PRIVACY).fields;
      for (const field of meetingView(audience, secret, privacyFromText("none")).fields) {
        expect(whenOpen.has(field), `${audience} ${field}`).toBe(true);
      }
    }
  });

  it("names the keys logs must drop: subject, body, people, notes and guests", () => {
    for (const key of [
      "subject",
      "body",
      "bodyPreview",
      "attendees",
      "organizer",
      "note",
      "guests",
      "comment",
    ]) {
      expect(CONTENT_KEYS).toContain(key);
    }
  });

  it("refuses a role that can never be let see private items", () => {
    expect(() => privacyFromText("reception")).toThrow();
  });

  it("files a meeting's invitation, agenda, people, material and decisions in the journal, never its plan or briefing", () => {
    const view = meetingView("journal", open, DEFAULT_PRIVACY);
    for (const field of ["subject", "body", "attendees", "organizer", "minutes", "material"] as const) {
      expect(view.sees(field), field).toBe(true);
    }
    for (const field of ["plan", "briefing", "catering", "guestContact", "priority"] as const) {
      expect(view.sees(field), field).toBe(false);
    }
  });

  it("gives the journal nothing of a private meeting unless someone chose to journalise it", () => {
    expect(journalView(secret, DEFAULT_PRIVACY, false).fields.size).toBe(0);
    expect(journalView(null, DEFAULT_PRIVACY, false).fields.size).toBe(0);
    const chosen = journalView(secret, DEFAULT_PRIVACY, true);
    expect(chosen.isPrivate).toBe(true);
    expect(chosen.subject(SUBJECT, "da")).toBe(SUBJECT);
    expect(chosen.sees("plan")).toBe(false);
    expect(journalView(open, DEFAULT_PRIVACY, false).subject(SUBJECT, "da")).toBe(SUBJECT);
  });
});

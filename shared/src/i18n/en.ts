import { deadlineKindsEn } from "./deadline-kinds-en";
import type { MessageKey } from "./catalog";
import { doctorEn } from "./doctor-en";

export const en: Record<MessageKey, string> = {
  ...doctorEn,
  ...deadlineKindsEn,
  "step.room": "Room",
  "step.catering": "Catering",
  "step.reception": "Guest reception",
  "step.material": "Meeting material",
  "step.journal": "Case file",
  "step.briefing": "Briefing note",

  "state.notNeeded": "Not needed",
  "state.todo": "To do",
  "state.ordered": "Ordered",
  "state.confirmed": "Confirmed",

  "readiness.summary": "{done} of {needed} ready",
  "readiness.waiting": "Waiting for an answer: {steps}",
  "readiness.missing": "Missing: {steps}",
  "readiness.nothingNeeded": "Nothing to prepare",

  "plan.tooLarge": "The plan is too large to store on the meeting: {parts} are kept in Mødeklar instead.",
  "plan.unreadable": "The plan on the meeting cannot be read; a newer version may have saved it.",
  "plan.conflict": "{person} saved the plan while you were editing. Review the changes before saving again.",
  "plan.stale":
    "The plan has changed since you opened the meeting. Close the plan and open it again before saving.",

  "equipment.display": "Display",
  "equipment.video": "Video meeting",
  "equipment.audio": "Sound and microphone",

  "catering.coffeeTea": "Coffee and tea",
  "catering.water": "Water",
  "catering.fruit": "Fruit",
  "catering.sandwiches": "Sandwiches",
  "catering.lunch": "Lunch",
  "catering.cake": "Cake",

  "dietary.vegetarian": "Vegetarian",
  "dietary.vegan": "Vegan",
  "dietary.glutenFree": "Gluten-free",
  "dietary.lactoseFree": "Lactose-free",
  "dietary.halal": "Halal",
  "dietary.nutAllergy": "Nut allergy",

  "costCentre.ean": "EAN number",
  "costCentre.account": "Account",

  "priority.class": "Priority {class}",
  "priority.source.pin": "secretary's pin",
  "priority.source.vip": "VIP",
  "priority.source.rule": "rule",
  "priority.source.default": "no rule matched",

  "severity.overdue": "Overdue",
  "severity.today": "Today",
  "severity.soon": "Soon",
  "severity.later": "Later",

  "group.overdue": "Overdue",
  "group.today": "Today",
  "group.thisWeek": "This week",
  "group.later": "Later",

  "conflict.overlap": "“{first}” overlaps “{second}”.",
  "conflict.travel":
    "Only {available} minutes from “{first}” to “{second}”, but travel takes {needed} minutes.",
  "conflict.action.declineInvite": "Decline or propose another time for “{meeting}”.",
  "conflict.action.chooseOne":
    "Choose one of the meetings, and perhaps send the chief of staff to the other.",
  "conflict.action.moveOrShorten": "Move or shorten “{meeting}”, or attend online.",

  "privacy.privateSubject": "Private appointment",

  "cutoff.passed": "The cut-off for ordering catering for this meeting was {due}. Call the kitchen.",

  "validation.required": "is required",
  "validation.tooLong": "is too long",
  "validation.controlChars": "contains invalid characters",
  "validation.email": "is not a valid e-mail address",
  "validation.ean": "is not a valid EAN number (13 digits with a correct check digit)",
  "validation.caseNumber": "does not match the municipality's case number format",
  "validation.casePattern": "is not a valid pattern (regular expression)",
  "validation.kle": "is not a KLE subject code (e.g. 00.01.00)",
  "validation.localTime": "is not a time of day (HH:MM)",
  "validation.localDate": "is not a date (YYYY-MM-DD)",
  "validation.priorityClass": "must be priority 1, 2 or 3",
  "validation.addressPattern": "must be an e-mail address or a domain (e.g. kl.dk)",
  "validation.emptyMatch": "the rule needs at least one condition",
  "validation.duplicateId": "the id is used by another rule",
  "validation.unknownOrganisation": "the organisation is not in the list of organisations",
  "validation.caseExample": "does not match the case number pattern",
  "validation.subjectTag": "must contain {journalnummer} exactly once",
  "validation.caseNumberForm":
    "“{value}” is not a case number in the municipality's format. Expected form: {example}",

  "journal.document.inquiry": "Inquiry",
  "journal.document.answer": "Answer to inquiry",
  "journal.document.invitation": "Invitation with agenda",
  "journal.document.material": "Meeting material",
  "journal.document.minutes": "Decisions of the calendar meeting",
  "journal.mail.meeting": "Meeting: {subject}",
  "journal.mail.when": "When: {when}",
  "journal.mail.where": "Where: {where}",
  "journal.mail.organizer": "Called by: {organizer}",
  "journal.mail.attendees": "Attendees: {attendees}",
  "journal.mail.agenda": "Agenda and invitation text:",
  "journal.mail.noAgenda": "(The invitation has no text.)",
  "journal.mail.invitationFile": "The invitation is attached as a calendar file (.ics).",
  "journal.mail.minutesIntro": "Decisions about the meeting made at the mayor's weekly calendar meeting:",
  "journal.mail.minuteLine": "{when}, {who}: {decision}",
  "journal.mail.comment": "Comment: {comment}",
  "journal.mail.journalisedBy": "Journalised from Mødeklar by {who}.",
  "journal.decision.accept": "The mayor attends",
  "journal.decision.decline": "The mayor sends her apologies",
  "journal.decision.sendChiefOfStaff": "The chief of staff attends in the mayor's place",
  "journal.decision.orderMaterial": "Meeting material is ordered",
  "journal.decision.pinPriority": "The meeting's priority is pinned",
  "validation.invalid": "is invalid",
  "validation.field": "{field}: {message}",
};

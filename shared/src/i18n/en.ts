import type { MessageKey } from "./catalog";
import { doctorEn } from "./doctor-en";

export const en: Record<MessageKey, string> = {
  ...doctorEn,
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

  "deadline.invitationAnswer": "Answer to invitation",
  "deadline.cateringCutoff": "Catering order cut-off",
  "deadline.materialDue": "Meeting material from department",
  "deadline.guestListDue": "Guest list to reception",
  "deadline.flaggedMail": "Follow-up on mail",
  "deadline.inquiryReply": "Reply to inquiry",

  "severity.overdue": "Overdue",
  "severity.today": "Today",
  "severity.soon": "Soon",
  "severity.later": "Later",

  "group.overdue": "Overdue",
  "group.today": "Today",
  "group.thisWeek": "This week",
  "group.later": "Later",

  "conflict.overlap": "“{first}” overlaps “{second}”",
  "conflict.travel": "Only {available} min from “{first}” to “{second}”; travel takes {needed} min",
  "conflict.action.declineInvite": "Decline or propose another time for “{meeting}”",
  "conflict.action.chooseOne": "Choose one of the meetings; perhaps send the chief of staff to the other",
  "conflict.action.moveOrShorten": "Move or shorten “{meeting}”, or attend online",

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
  "validation.invalid": "is invalid",
  "validation.field": "{field}: {message}",
};

import type { Catalog } from "./da";

/** The add-in's English texts, key for key the same as the Danish ones. */
export const en = {
  "app.name": "Mødeklar",
  "app.loading": "Loading …",
  "app.retry": "Try again",

  "page.taskpane.title": "Meeting plan",
  "page.taskpane.noMeeting": "Select a meeting in the calendar to see its plan.",
  "page.mobile.title": "Invitations for the mayor",
  "page.week.title": "This week's meetings",
  "page.daylist.title": "Today's guests and catering",

  "outsideOutlook.title": "Open Mødeklar from Outlook",
  "outsideOutlook.body":
    "This page is Mødeklar's task pane and works only inside Outlook. Open a meeting in the calendar and choose “Meeting plan” on the ribbon.",

  "office.unsupported":
    "Your version of Outlook does not support {feature}. Update Outlook or use Outlook on the web.",
  "office.notAMeeting": "Mødeklar works only on meetings and appointments in the calendar.",
  "office.notInOutlook": "Outlook is not available here.",
  "office.organizerOnly": "Only the organizer can change the meeting. You are viewing it as an attendee.",
  "office.accessDenied": "You are not allowed to change this meeting in the calendar of {owner}.",
  "office.itemChanged": "You selected another meeting while Outlook was working. Try again on this meeting.",
  "office.tooLarge":
    "The plan is too large to save in the meeting ({size} of at most {limit} characters). Move long texts to the briefing note.",
  "office.failed": "Outlook could not {operation}. Try again in a moment.",

  "office.operation.readMeeting": "read the meeting",
  "office.operation.readAttendees": "read the attendees",
  "office.operation.readLocation": "read the location",
  "office.operation.addRoom": "add the room to the meeting",
  "office.operation.readItemId": "find the meeting's id",
  "office.operation.readSharedProperties": "read whose calendar the meeting is in",
  "office.operation.loadCustomProperties": "load the meeting's plan",
  "office.operation.saveCustomProperties": "save the meeting's plan",
  "office.operation.watchItem": "follow along when you select another meeting",

  "office.feature.sharedFolders": "working in someone else's calendar as a delegate",
  "office.feature.pinning": "pinning the task pane",
  "office.feature.rooms": "booking rooms from the meeting",
  "office.feature.organizer": "showing the meeting's organizer",
  "office.feature.itemId": "finding a new meeting's id",
} satisfies Catalog;

/**
 * The simulated Exchange calendar: what the Graph routes, the control API, the seed and
 * other parts of the simulator (getSchedule, mail) act through.
 */
export {
  cancelEvent,
  createEvent,
  deleteEvent,
  getEvent,
  receiveInvitation,
  respond,
  roomAnswer,
  updateEvent,
  type Reply,
} from "./actions";
export type { CalendarEvent, EventInput, EventPatch } from "./model";
export { expandCalendarView, findInstance, seriesInstances } from "./view";
export { formatGraphDateTime, ianaZone, toDateTimeTimeZone } from "./time";

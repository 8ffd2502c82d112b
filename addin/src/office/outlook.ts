import { officeCall } from "./async";
import { OfficeFailure, type OfficeFeature } from "./failure";
import type { MeetingItemHost } from "./meeting";
import { isAppointment, officeMeetingItem, type AppointmentItem } from "./office-meeting";

/** Outlook around the task pane: its language, its abilities and the selected meeting. */
export interface OutlookHost {
  /** Outlook's UI language, e.g. "da-DK". */
  readonly displayLanguage: string;
  supports(feature: OfficeFeature): boolean;
  /** The selected meeting; null when nothing, or a message, is selected (a pinned pane follows the selection). */
  currentMeeting(): MeetingItemHost | null;
  /**
   * Calls `listener` whenever the user selects another item while the pane is pinned.
   * Resolves with a function that stops listening.
   */
  onItemChanged(listener: (meeting: MeetingItemHost | null) => void): Promise<() => Promise<void>>;
}

const REQUIRED_MAILBOX_VERSION: Record<OfficeFeature, string> = {
  pinning: "1.5",
  organizer: "1.7",
  sharedFolders: "1.8",
  rooms: "1.8",
  itemId: "1.8",
};

/** True when Office.js runs inside Outlook (after Office.onReady); false in a plain browser tab. */
export function isInOutlook(): boolean {
  return typeof Office !== "undefined" && !!Office.context?.mailbox;
}

/**
 * Waits for Office.js and returns Outlook, or null when the page is not inside Outlook
 * (opened directly in a browser, or office.js did not load), so the page can say so.
 */
export async function connectOutlook(timeoutMs = 10_000): Promise<OutlookHost | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Office.onReady(), timeout]);
  clearTimeout(timer);
  return isInOutlook() ? outlookHost() : null;
}

export function outlookHost(): OutlookHost {
  if (!isInOutlook()) throw new OfficeFailure("notInOutlook", "readMeeting");
  const mailbox = Office.context.mailbox;

  const currentMeeting = (): MeetingItemHost | null => {
    const item = mailbox.item;
    return isAppointment(item) ? officeMeetingItem(item as AppointmentItem) : null;
  };

  return {
    displayLanguage: Office.context.displayLanguage,
    supports: (feature) =>
      Office.context.requirements.isSetSupported("Mailbox", REQUIRED_MAILBOX_VERSION[feature]),
    currentMeeting,
    onItemChanged: async (listener) => {
      if (typeof mailbox.addHandlerAsync !== "function") {
        throw new OfficeFailure("unsupported", "watchItem", { feature: "pinning" });
      }
      const handler = () => listener(currentMeeting());
      await officeCall<void>("watchItem", (callback) =>
        mailbox.addHandlerAsync(Office.EventType.ItemChanged, handler, callback),
      );
      // removeHandlerAsync removes every ItemChanged handler: the pane keeps one at a time.
      return () =>
        officeCall<void>("watchItem", (callback) =>
          mailbox.removeHandlerAsync(Office.EventType.ItemChanged, callback),
        );
    },
  };
}

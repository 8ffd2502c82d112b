import type { MessageKey, Translate } from "../i18n";

/** What the add-in was asking Outlook to do when it failed; each has a phrase in the catalogs. */
export type OfficeOperation =
  | "readMeeting"
  | "readAttendees"
  | "readLocation"
  | "addRoom"
  | "removeRoom"
  | "readItemId"
  | "readSharedProperties"
  | "loadCustomProperties"
  | "saveCustomProperties"
  | "watchItem";

export type OfficeFeature = "sharedFolders" | "pinning" | "rooms" | "organizer" | "itemId";

export type OfficeFailureReason =
  /** The page is not running inside Outlook. */
  | "notInOutlook"
  /** The selected item is a message, not a meeting. */
  | "notAMeeting"
  /** This Outlook lacks the requirement set the operation needs. */
  | "unsupported"
  /** Changing the meeting is for the organizer's view; this is the attendee's. */
  | "organizerOnly"
  /** The delegate's permissions on the owner's calendar do not allow it. */
  | "accessDenied"
  /** Another item was selected while the call ran (pinned pane). */
  | "itemChanged"
  /** The custom properties would pass Outlook's 2,500-character limit. */
  | "tooLarge"
  /** Anything else Outlook reported. */
  | "failed";

export interface OfficeFailureDetails {
  /** Office's error code and name, kept for diagnostics. */
  officeCode?: number;
  officeName?: string;
  feature?: OfficeFeature;
  owner?: string;
  size?: number;
  limit?: number;
}

/**
 * A failed Office call as the task pane shows it: why (`reason`), during what (`operation`),
 * a text in the user's language (`describe(t)`) and, when trying again can help, `retry()`,
 * which repeats the same call.
 */
export class OfficeFailure<T = unknown> extends Error {
  override readonly name = "OfficeFailure";

  constructor(
    readonly reason: OfficeFailureReason,
    readonly operation: OfficeOperation,
    readonly details: OfficeFailureDetails = {},
    private readonly again?: () => Promise<T>,
  ) {
    super(
      `Outlook: ${operation} failed (${reason}` +
        (details.officeName ? `, ${details.officeName} ${details.officeCode ?? ""}`.trimEnd() : "") +
        ")",
    );
  }

  get retryable(): boolean {
    return this.again !== undefined;
  }

  /** Repeats the call that failed; resolves with its result or rejects with a new failure. */
  retry(): Promise<T> {
    if (!this.again) return Promise.reject(this);
    return this.again();
  }

  /** The same failure, retried by `again` (the whole operation the failed call was part of). */
  retryingWith<U>(again: () => Promise<U>): OfficeFailure<U> {
    return new OfficeFailure<U>(this.reason, this.operation, this.details, again);
  }

  get messageKey(): MessageKey {
    return `office.${this.reason}`;
  }

  describe(t: Translate): string {
    const { feature, owner, size, limit } = this.details;
    return t(this.messageKey, {
      operation: t(`office.operation.${this.operation}`),
      ...(feature ? { feature: t(`office.feature.${feature}`) } : {}),
      ...(owner ? { owner } : {}),
      ...(size !== undefined ? { size } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
  }
}

export function isOfficeFailure(error: unknown): error is OfficeFailure {
  return error instanceof OfficeFailure;
}

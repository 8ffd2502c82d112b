import { OfficeFailure, type OfficeFailureReason, type OfficeOperation } from "./failure";

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Office error names that mean something the user can act on. */
const REASON_BY_OFFICE_ERROR: Record<string, OfficeFailureReason> = {
  APICallFailedDueToItemChange: "itemChanged",
  AccessRestricted: "accessDenied",
  PermissionDenied: "accessDenied",
};

/**
 * Runs one callback-style Office call as a promise. A failed AsyncResult, or an exception
 * Office throws instead of calling back, becomes an OfficeFailure whose retry() runs the call again.
 */
export function officeCall<T>(
  operation: OfficeOperation,
  start: (callback: Callback<T>) => void,
): Promise<T> {
  const attempt = (): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      try {
        start((result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
          else reject(failureFrom(operation, result.error, attempt));
        });
      } catch (error) {
        reject(failureFrom(operation, error, attempt));
      }
    });
  return attempt();
}

export function failureFrom<T>(
  operation: OfficeOperation,
  error: unknown,
  again: () => Promise<T>,
): OfficeFailure<T> {
  if (error instanceof OfficeFailure) return error as OfficeFailure<T>;
  const { code, name } = (error ?? {}) as Partial<Office.Error>;
  const reason = (name && REASON_BY_OFFICE_ERROR[name]) || "failed";
  return new OfficeFailure(
    reason,
    operation,
    { ...(typeof code === "number" ? { officeCode: code } : {}), ...(name ? { officeName: name } : {}) },
    again,
  );
}

/**
 * Makes the retry of any retryable failure inside `run` repeat all of `run` (with the same
 * arguments), so the caller gets the finished result, not one Office call's raw value.
 */
export function retryWhole<A extends unknown[], T>(
  run: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  const whole = (...args: A): Promise<T> =>
    run(...args).catch((error: unknown) => {
      throw error instanceof OfficeFailure && error.retryable
        ? error.retryingWith(() => whole(...args))
        : error;
    });
  return whole;
}

/**
 * Reads a property that is a plain value in read mode (attendee view) and an object with
 * getAsync in compose mode (organizer view).
 */
export function readProperty<T>(
  operation: OfficeOperation,
  property: T | { getAsync(callback: Callback<T>): void },
): Promise<T> {
  if (isAsyncProperty(property)) {
    return officeCall<T>(operation, (callback) => property.getAsync(callback));
  }
  return Promise.resolve(property);
}

function isAsyncProperty<T>(value: unknown): value is { getAsync(callback: Callback<T>): void } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { getAsync?: unknown }).getAsync === "function"
  );
}

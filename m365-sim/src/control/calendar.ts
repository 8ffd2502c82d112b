import { Router } from "express";
import type { SimContext } from "../context";

export function calendarControlRoutes(_ctx: SimContext): Router {
  return Router();
}

import { Router } from "express";
import type { SimContext } from "../context";

export function calendarRoutes(_ctx: SimContext): Router {
  return Router();
}

import { Router } from "express";
import type { SimContext } from "../context";

export function mailControlRoutes(_ctx: SimContext): Router {
  return Router();
}

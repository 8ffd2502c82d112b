import { Router } from "express";
import type { SimContext } from "../context";

export function batchRoutes(_ctx: SimContext): Router {
  return Router();
}

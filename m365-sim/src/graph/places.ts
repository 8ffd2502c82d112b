import { Router } from "express";
import type { SimContext } from "../context";

export function placesRoutes(_ctx: SimContext): Router {
  return Router();
}

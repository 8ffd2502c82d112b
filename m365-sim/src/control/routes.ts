import { Router } from "express";
import type { SimContext } from "../context";

export function controlRoutes(_ctx: SimContext): Router {
  return Router();
}

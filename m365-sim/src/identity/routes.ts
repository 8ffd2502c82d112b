import { Router } from "express";
import type { SimContext } from "../context";

export function identityRoutes(_ctx: SimContext): Router {
  return Router();
}

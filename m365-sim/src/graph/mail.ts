import { Router } from "express";
import type { SimContext } from "../context";

export function mailRoutes(_ctx: SimContext): Router {
  return Router();
}

import { Router } from "express";
import type { SimContext } from "../context";

export function subscriptionRoutes(_ctx: SimContext): Router {
  return Router();
}

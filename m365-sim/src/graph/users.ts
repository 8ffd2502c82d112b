import { Router } from "express";
import type { SimContext } from "../context";

export function usersRoutes(_ctx: SimContext): Router {
  return Router();
}

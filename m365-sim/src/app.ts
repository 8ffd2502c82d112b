import express, { type Express } from "express";
import type { SimContext } from "./context";
import { controlRoutes } from "./control/routes";
import { graphAuth } from "./graph/auth";
import { batchRoutes } from "./graph/batch";
import { calendarRoutes } from "./graph/calendar";
import { mailRoutes } from "./graph/mail";
import { requestLogger, throttling } from "./graph/pipeline";
import { placesRoutes } from "./graph/places";
import { subscriptionRoutes } from "./graph/subscriptions";
import { usersRoutes } from "./graph/users";
import { hostRoutes } from "./host";
import { identityRoutes } from "./identity/routes";
import { GraphError, graphErrorHandler, requestIdOf } from "./odata";

/** The whole simulator as one Express app: identity at the root, Graph under /v1.0, control under /_sim. */
export function createSimApp(ctx: SimContext): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use(identityRoutes(ctx));
  app.use("/_sim", controlRoutes(ctx));
  app.use("/host", hostRoutes(ctx));

  const graph = express.Router();
  graph.use((req, res, next) => {
    requestIdOf(res);
    const clientRequestId = req.header("client-request-id");
    if (clientRequestId) res.setHeader("client-request-id", clientRequestId);
    next();
  });
  graph.use(requestLogger(ctx));
  graph.use(express.json({ limit: "4mb", strict: true }));
  graph.use(graphAuth(ctx));
  graph.use(throttling(ctx));
  graph.use(batchRoutes(ctx));
  graph.use(usersRoutes(ctx));
  graph.use(calendarRoutes(ctx));
  graph.use(mailRoutes(ctx));
  graph.use(placesRoutes(ctx));
  graph.use(subscriptionRoutes(ctx));
  graph.use((req, _res, next) => {
    const segment = req.path.split("/").filter(Boolean).pop() ?? "";
    next(new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`));
  });
  graph.use(graphErrorHandler);
  app.use("/v1.0", graph);

  return app;
}

import { Router, type Request, type Response } from "express";
import { z, type ZodType } from "zod";
import { accessOf } from "./access";
import { authenticate, principalOf, requireRole, type Principal, type TokenValidator } from "./auth";
import type { AuditRecorder } from "../store/audit";
import { clientOf, RequestTrail, type AuditDeclaration, type RequestAudit } from "./audit-trail";
import { idProblem } from "./input-guard";
import { badRequest, fromZod } from "./problem";
import type { RateLimiter } from "./rate-limit";

/**
 * Declares an /api operation once: its zod schemas validate the request, the roles the
 * access table (access.ts) gives it guard it, and the same declaration feeds /openapi.json.
 * A route cannot exist undocumented, unguarded or without an access decision.
 */
export interface Operation<Q, B, R> {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Express path under /api, e.g. `/meetings/:id/plan`. */
  path: string;
  summary: string;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  response: ZodType<R>;
  /** HTTP status of a successful answer (default 200). */
  status?: number;
  /** A text answer of this media type (e.g. text/calendar) instead of JSON; the response schema is then a string. */
  contentType?: string;
  /**
   * What a successful call records in the audit log; every operation but a GET must say
   * (the service does not start otherwise). Recorded after the handler resolved, or
   * earlier when the handler calls `audit.commit()`.
   */
  audit?: AuditDeclaration;
  handler: (input: {
    query: Q;
    body: B;
    params: Record<string, string>;
    principal: Principal;
    /** This request's entry in the audit log, and its private reads. */
    audit: RequestAudit;
    req: Request;
    res: Response;
  }) => Promise<R>;
}

export class ApiBuilder {
  readonly router = Router();
  private readonly operations: Operation<unknown, unknown, unknown>[] = [];

  private readonly audit: AuditRecorder;

  constructor(validator: TokenValidator, options: { audit: AuditRecorder; rateLimit?: RateLimiter }) {
    this.audit = options.audit;
    this.router.use(authenticate(validator));
    if (options.rateLimit) this.router.use(options.rateLimit.middleware());
  }

  add<Q, B, R>(op: Operation<Q, B, R>): this {
    if (op.method !== "get" && op.audit === undefined) {
      throw new Error(`${op.method.toUpperCase()} ${op.path} must declare what it records in the audit log.`);
    }
    const { roles } = accessOf(op.method, op.path);
    this.operations.push(op as Operation<unknown, unknown, unknown>);
    this.router[op.method](op.path, requireRole(...roles), async (req, res, next) => {
      try {
        for (const [name, value] of Object.entries(req.params as Record<string, string>)) {
          const problem = idProblem(name, value);
          if (problem) return next(badRequest(`${problem}.`));
        }
        const query = op.query ? op.query.safeParse(req.query) : { success: true as const, data: undefined };
        if (!query.success) return next(fromZod(query.error, "query"));
        const body = op.body ? op.body.safeParse(req.body) : { success: true as const, data: undefined };
        if (!body.success) return next(fromZod(body.error, "body"));
        const principal = principalOf(res);
        const params = req.params as Record<string, string>;
        const audit = new RequestTrail(this.audit, principal, clientOf(req), op.audit, params);
        const result = await op.handler({
          query: query.data as Q,
          body: body.data as B,
          params,
          principal,
          audit,
          req,
          res,
        });
        await audit.finish();
        if (op.status === 204) res.status(204).end();
        else if (op.contentType)
          res
            .status(op.status ?? 200)
            .type(op.contentType)
            .send(result);
        else res.status(op.status ?? 200).json(result);
      } catch (err) {
        next(err);
      }
    });
    return this;
  }

  /** OpenAPI 3.1 document (JSON Schema 2020-12 from the zod schemas). */
  openapi(info: { title: string; version: string; serverUrl: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    const problem = {
      description: "Problem details (RFC 9457)",
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
    for (const op of this.operations) {
      const path = `/api${op.path.replace(/:(\w+)/g, "{$1}")}`;
      const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      }));
      const querySchema = op.query ? (z.toJSONSchema(op.query, { io: "input" }) as JsonObject) : undefined;
      const queryParams = Object.entries((querySchema?.["properties"] as JsonObject | undefined) ?? {}).map(
        ([name, schema]) => ({
          name,
          in: "query",
          required: ((querySchema?.["required"] as string[] | undefined) ?? []).includes(name),
          schema,
        }),
      );
      paths[path] ??= {};
      paths[path][op.method] = {
        summary: op.summary,
        description: `Roles: ${accessOf(op.method, op.path).roles.join(", ")}`,
        ...(op.audit ? { "x-audit": op.audit.action } : {}),
        security: [{ bearer: [] }],
        parameters: [...params, ...queryParams],
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: z.toJSONSchema(op.body, { io: "input" }) } },
              },
            }
          : {}),
        responses: {
          [String(op.status ?? 200)]:
            op.status === 204
              ? { description: "Done" }
              : {
                  description: "OK",
                  content: {
                    [op.contentType ?? "application/json"]: {
                      schema: z.toJSONSchema(op.response, { unrepresentable: "any" }),
                    },
                  },
                },
          "400": problem,
          "401": problem,
          "403": problem,
        },
      };
    }
    return {
      openapi: "3.1.0",
      info: { title: info.title, version: info.version },
      servers: [{ url: info.serverUrl }],
      paths,
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
        schemas: {
          Problem: {
            type: "object",
            properties: {
              type: { type: "string" },
              title: { type: "string" },
              status: { type: "integer" },
              detail: { type: "string" },
            },
            required: ["title", "status"],
          },
        },
      },
    };
  }
}

type JsonObject = Record<string, unknown>;

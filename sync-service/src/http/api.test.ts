import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiBuilder } from "./api";
import { TokenValidator } from "./auth";

const builder = () =>
  new ApiBuilder(new TokenValidator({ authority: "https://localhost:1/tenant", clientId: "client" }), {
    audit: { record: async () => undefined },
  });

describe("declaring an API operation", () => {
  it("a write that does not say what it records in the audit log cannot be added", () => {
    expect(() =>
      builder().add({
        method: "post",
        path: "/meetings/:id/something",
        summary: "A new write",
        response: z.object({}),
        handler: async () => ({}),
      }),
    ).toThrow("POST /meetings/:id/something must declare what it records in the audit log.");
  });

  it("a route without a decision in the access table cannot be added, and the error says where to make it", () => {
    expect(() =>
      builder().add({
        method: "get",
        path: "/meetings/:id/secrets",
        summary: "A new read",
        response: z.object({}),
        handler: async () => ({}),
      }),
    ).toThrow(
      "No access decision for GET /meetings/:id/secrets: add it to ROUTE_ACCESS in sync-service/src/http/access.ts.",
    );
  });

  it("the audit action of a write is part of the OpenAPI document", () => {
    const api = builder().add({
      method: "put",
      path: "/meetings/:id/plan",
      summary: "Saves a plan",
      response: z.object({}),
      audit: { action: "plan.save", target: "meeting", param: "id" },
      handler: async () => ({}),
    });
    const doc = api.openapi({ title: "t", version: "1", serverUrl: "https://localhost" }) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.paths["/api/meetings/{id}/plan"]?.["put"]?.["x-audit"]).toBe("plan.save");
  });
});

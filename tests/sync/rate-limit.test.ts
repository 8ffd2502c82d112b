import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, MAYOR, startStack, type Stack } from "./stack";

const LIMIT = 20;
let stack: Stack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  tokens["secretary"] = await apiToken(stack.sim, "sekretaer@fjordby.dk");
  tokens["mayor"] = await apiToken(stack.sim, MAYOR);
});
afterAll(() => stack?.close());

const departments = (who: string) =>
  fetch(`${stack.service.url}/api/departments`, { headers: { authorization: `Bearer ${tokens[who]}` } });

describe("the limit per person on the API", () => {
  it("answers 429 with Retry-After past the limit, to that person only", async () => {
    const answers = await Promise.all(Array.from({ length: LIMIT * 2 }, () => departments("secretary")));
    const served = answers.filter((a) => a.status === 200).length;
    expect(served).toBeGreaterThanOrEqual(LIMIT);
    expect(served + answers.filter((a) => a.status === 429).length).toBe(LIMIT * 2);
    const refused = answers.find((a) => a.status === 429);
    if (!refused) throw new Error("no request was refused");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      `More than ${LIMIT} requests a minute`,
    );
    expect((await departments("mayor")).status).toBe(200);
  });

  it("never limits Graph's change notifications, but refuses one larger than Graph ever sends", async () => {
    const post = (body: string) =>
      fetch(`${stack.service.url}/graph/notifications`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    const notification = JSON.stringify({
      value: [
        {
          subscriptionId: crypto.randomUUID(),
          clientState: "not ours",
          changeType: "updated",
          resource: `Users/${MAYOR}/Events/AAMk1`,
          resourceData: { id: "AAMk1" },
          tenantId: stack.sim.tenantId,
        },
      ],
    });
    for (let i = 0; i < LIMIT * 3; i += 1) expect((await post(notification)).status).toBe(202);
    const huge = await post(JSON.stringify({ value: [{ clientState: "x".repeat(2 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
  });
});

import { Writable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { pgliteExecutor } from "../store/pglite";
import { createLogger } from "./logging";

const SUBJECT = "Fortroligt: opkøb af havnegrunden";

/** A logger as the service makes it, writing its lines into an array. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger("trace", sink), lines };
}

describe("the service's log", () => {
  it("drops meeting content at any depth: subjects, bodies, people, notes, guests", () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      {
        eventId: "AAMk1",
        change: { data: { subject: SUBJECT, body: { content: "prisen er 48 mio." }, attendees: ["x@y.dk"] } },
        plan: { reception: { guests: [{ name: "Hemmelig Direktør" }] } },
        briefing: { text: "Talepunkter om opkøbet" },
      },
      "a change",
    );
    const line = lines.join("");
    for (const secret of [SUBJECT, "48 mio", "x@y.dk", "Hemmelig", "Talepunkter"])
      expect(line).not.toContain(secret);
    expect(line).toContain("AAMk1");
  });

  it("never carries a token, a client state or a cookie", () => {
    const { logger, lines } = capturedLogger();
    logger.warn(
      { headers: { authorization: "Bearer eyJhbGciOi.secret", cookie: "s=1" }, clientState: "cs-42" },
      "x",
    );
    expect(lines.join("")).not.toMatch(/eyJhbGciOi|s=1|cs-42/);
  });

  it("logs a failed statement by its SQLSTATE, never its parameters or a value its message quotes", async () => {
    const db = pgliteExecutor(new PGlite());
    const failure = await db.query("SELECT $1::timestamptz", [SUBJECT]).then(
      () => null,
      (err: unknown) => err,
    );
    await db.close();
    expect(String((failure as Error).message)).toContain("havnegrunden");
    const { logger, lines } = capturedLogger();
    logger.error({ err: failure, nested: { cause: failure } }, "a store write failed");
    const line = lines.join("");
    expect(line).not.toContain("havnegrunden");
    expect(line).toContain("database error 22007");
    expect(line).toContain("a store write failed");
  });
});

import { describe, expect, it } from "vitest";
import { readableLogLine } from "../../scripts/demo-log";

const at = Date.parse("2026-12-07T09:15:02+01:00");
const local = new Date(at).toLocaleTimeString("en-GB", { hour12: false });

describe("the demo's console", () => {
  it("shows a log line as time, level, what happened and its facts", () => {
    const line = JSON.stringify({
      level: 30,
      time: at,
      pid: 4711,
      hostname: "laptop",
      mailbox: "borgmester@fjordby.dk",
      stream: "events",
      items: 120,
      msg: "first mirror complete",
    });
    expect(readableLogLine(line)).toBe(
      `${local}  INFO   first mirror complete  mailbox=borgmester@fjordby.dk  stream=events  items=120`,
    );
  });

  it("shows a request as method, path, status and time taken", () => {
    const line = JSON.stringify({
      level: 40,
      time: at,
      req: { id: "a1", method: "GET", path: "/api/week" },
      res: { statusCode: 401 },
      responseTime: 3,
      msg: "request completed",
    });
    expect(readableLogLine(line)).toBe(`${local}  WARN   GET /api/week → 401 (3 ms)`);
    const withoutStatus = JSON.stringify({
      level: 30,
      time: at,
      req: { id: "a2", method: "POST", path: "/api/phone/answers" },
      res: { statusCode: null },
      responseTime: 9,
      msg: "request completed",
    });
    expect(readableLogLine(withoutStatus)).toBe(`${local}  INFO   POST /api/phone/answers (9 ms)`);
  });

  it("puts a failure's stack under its line, and a warning's cause in one line", () => {
    const err = {
      type: "GraphFailure",
      message: "Graph answered 503",
      stack: "GraphFailure: Graph answered 503\n    at call (requests.ts:40:11)",
    };
    expect(
      readableLogLine(JSON.stringify({ level: 50, time: at, err, msg: "delta round failed" })).split("\n"),
    ).toEqual([
      `${local}  ERROR  delta round failed`,
      "    GraphFailure: Graph answered 503",
      "    at call (requests.ts:40:11)",
    ]);
    expect(
      readableLogLine(JSON.stringify({ level: 40, time: at, err, msg: "retrying" })).split("\n"),
    ).toEqual([`${local}  WARN   retrying`, "    GraphFailure: Graph answered 503"]);
  });

  it("quotes a fact with spaces and leaves lines that are not log lines as they are", () => {
    expect(
      readableLogLine(JSON.stringify({ level: 30, time: at, msg: "saved", who: "Camilla Nørgaard" })),
    ).toBe(`${local}  INFO   saved  who="Camilla Nørgaard"`);
    for (const line of ["Mødeklar's sync service: https://localhost:3000", "{not json", '{"a":1}']) {
      expect(readableLogLine(line)).toBe(line);
    }
  });
});

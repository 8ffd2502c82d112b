import { describe, expect, it } from "vitest";
import { GraphFailure } from "../graph";
import { outlookProblem } from "./problem";

describe("Outlook's failures as answers", () => {
  it("throttling asks the caller to wait as long as Graph asked us to", () => {
    const problem = outlookProblem(new GraphFailure(429, "TooManyRequests", "throttled", 12));
    expect(problem).toMatchObject({ status: 503, headers: { "retry-after": "12" } });
  });

  it("an outage without Graph's Retry-After asks for half a minute", () => {
    const problem = outlookProblem(new GraphFailure(503, "ServiceUnavailable", "down"));
    expect(problem).toMatchObject({ status: 503, headers: { "retry-after": "30" } });
  });

  it("a refusal is a 502 with nothing to wait for", () => {
    const problem = outlookProblem(new GraphFailure(403, "ErrorAccessDenied", "no"));
    expect(problem).toMatchObject({ status: 502, headers: {} });
  });

  it("a failure whose retry would not help is a 502 even when Graph could be asked again", () => {
    const problem = outlookProblem(new GraphFailure(504, null, "timeout"), {
      retry: false,
      title: "Not told",
    });
    expect(problem).toMatchObject({ status: 502, title: "Not told", headers: {} });
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const valid = {
  TENANT_ID: "5c1e2f4a-7b3d-4e8f-9a01-d3e5f7a9b2c4",
  CLIENT_ID: "8a4f6c1e-2d3b-4a5c-9e7f-1b2c3d4e5f60",
  CLIENT_SECRET: "very-secret-value",
  MAILBOXES: "Borgmester@fjordby.dk, sekretaer@fjordby.dk",
  PUBLIC_URL: "https://mødeklar.fjordby.dk/",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("service configuration", () => {
  it("uses Microsoft's cloud and the documented defaults when only the tenant is given", () => {
    const config = loadConfig(valid);
    expect(config.authorityHost).toBe("https://login.microsoftonline.com");
    expect(config.graphBaseUrl).toBe("https://graph.microsoft.com/v1.0");
    expect(config.mailboxes).toEqual(["borgmester@fjordby.dk", "sekretaer@fjordby.dk"]);
    expect(config.syncWindow).toEqual({ pastDays: 30, futureDays: 180 });
    expect(config.safetyPollSeconds).toBe(300);
    expect(config.dataDir).toBe("./data");
    expect(config.databaseUrl).toBeNull();
    expect(config.credential).toEqual({ kind: "secret", secret: "very-secret-value" });
  });

  it("points at the simulator through nothing but other URLs", () => {
    const config = loadConfig({
      ...valid,
      AUTHORITY_HOST: "https://localhost:7443",
      GRAPH_BASE_URL: "https://localhost:7443/v1.0/",
      DATABASE_URL: "",
    });
    expect(config.authorityHost).toBe("https://localhost:7443");
    expect(config.graphBaseUrl).toBe("https://localhost:7443/v1.0");
    expect(config.databaseUrl).toBeNull();
  });

  it("accepts a certificate instead of a secret", () => {
    const { CLIENT_SECRET: _secret, ...rest } = valid;
    const config = loadConfig({
      ...rest,
      CLIENT_CERTIFICATE_PATH: "/c.pem",
      CLIENT_CERTIFICATE_KEY_PATH: "/k.pem",
    });
    expect(config.credential).toEqual({
      kind: "certificate",
      certificatePath: "/c.pem",
      privateKeyPath: "/k.pem",
    });
  });

  it("lists every bad variable at once and never repeats a secret", () => {
    const problems = problemsOf({
      CLIENT_SECRET: "very-secret-value",
      CLIENT_CERTIFICATE_PATH: "/c.pem",
      GRAPH_BASE_URL: "http://graph.example",
      MAILBOXES: "not-an-address",
      PUBLIC_URL: "http://insecure.example",
      SAFETY_POLL_SECONDS: "-5",
    });
    const named = problems.map((p) => p.split(":")[0]);
    expect(named).toEqual(
      expect.arrayContaining([
        "TENANT_ID",
        "CLIENT_ID",
        "CLIENT_CERTIFICATE_KEY_PATH",
        "GRAPH_BASE_URL",
        "MAILBOXES",
        "PUBLIC_URL",
        "SAFETY_POLL_SECONDS",
      ]),
    );
    expect(problems.join("\n")).not.toContain("very-secret-value");
  });

  it("asks for a secret or a certificate when neither is set", () => {
    const { CLIENT_SECRET: _secret, ...rest } = valid;
    expect(problemsOf(rest).join("\n")).toContain("CLIENT_SECRET");
  });

  it("journalises to the journal mailbox with the KL case number form and tag unless the municipality sets its own", () => {
    expect(loadConfig(valid).journal).toEqual({
      mailbox: null,
      subjectTag: "[Sag {journalnummer}]",
      caseNumberFormat: { pattern: expect.any(String), example: "00.01.00-A00-1-24" },
      dueWorkingDays: 5,
    });
    const own = loadConfig({
      ...valid,
      JOURNAL_MAILBOX: "Journal@fjordby.dk",
      JOURNAL_SUBJECT_TAG: "F2#{journalnummer}",
      CASE_NUMBER_PATTERN: "^\\d{4}-\\d{7}$",
      CASE_NUMBER_EXAMPLE: "2026-0000042",
      JOURNAL_DUE_WORKING_DAYS: "3",
    }).journal;
    expect(own).toEqual({
      mailbox: "journal@fjordby.dk",
      subjectTag: "F2#{journalnummer}",
      caseNumberFormat: { pattern: "^\\d{4}-\\d{7}$", example: "2026-0000042" },
      dueWorkingDays: 3,
    });
  });

  it("refuses a tag without the case number and an example that does not have the pattern's form", () => {
    expect(problemsOf({ ...valid, JOURNAL_SUBJECT_TAG: "[Sag]" }).map((p) => p.split(":")[0])).toEqual([
      "JOURNAL_SUBJECT_TAG",
    ]);
    expect(
      problemsOf({
        ...valid,
        CASE_NUMBER_PATTERN: "^\\d{4}-\\d{7}$",
        CASE_NUMBER_EXAMPLE: "00.01.00-A00-1-24",
      }),
    ).toEqual(["CASE_NUMBER_EXAMPLE: does not have the form CASE_NUMBER_PATTERN asks for"]);
  });

  it("keeps each kind of record for its retention period, the audit log longest, unless told otherwise", () => {
    expect(loadConfig(valid).retention).toEqual({
      plans: 90,
      orders: 90,
      arrivals: 30,
      briefingNotes: 30,
      minutes: 365,
      mail: 90,
      audit: 1095,
    });
    expect(loadConfig({ ...valid, RETENTION_BRIEFING_NOTES_DAYS: "7" }).retention.briefingNotes).toBe(7);
  });

  it("refuses a retention period that is not a whole number of days, and an audit log kept shorter than a plan", () => {
    expect(problemsOf({ ...valid, RETENTION_PLANS_DAYS: "tre" })[0]).toMatch(/^RETENTION_PLANS_DAYS: /);
    expect(problemsOf({ ...valid, RETENTION_MAIL_DAYS: "0" })[0]).toMatch(/^RETENTION_MAIL_DAYS: /);
    expect(problemsOf({ ...valid, RETENTION_AUDIT_DAYS: "60" })).toEqual([
      "RETENTION_AUDIT_DAYS: the audit log must be kept at least as long as the longest other period (365 days)",
    ]);
  });
});

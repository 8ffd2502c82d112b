import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { registerCertificate, startSim, DEMO_CLIENT_ID, type RunningSim } from "@modeklar/m365-sim";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runDoctor, type CheckLine } from "../../sync-service/src/doctor";
import { parseEnvExample } from "../../sync-service/src/doctor/env-example";
import { GRAPH_APPLICATION_PERMISSIONS } from "../../sync-service/src/graph/permissions";
import { migrate, migrations } from "../../sync-service/src/store";
import { postgresExecutor } from "../../sync-service/src/store/postgres";
import { builtServiceArgs, control, MAYOR, serviceEnv } from "../sync/stack";

const root = path.resolve(import.meta.dirname, "../..");
const databaseUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `modeklar_doctor_${randomUUID().replaceAll("-", "")}`;
const admin = new pg.Client({ connectionString: databaseUrl });
const scratch = mkdtempSync(path.join(tmpdir(), "modeklar-doctor-"));
let sim: RunningSim;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = postgresExecutor({ connectionString: databaseUrl, searchPath: schema });
  await migrate(db);
  await db.close();
  sim = await startSim({ seed: { emptyCalendar: true } });
});

beforeEach(async () => {
  await control(sim, "POST", "/reset");
});

afterAll(async () => {
  await sim?.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  rmSync(scratch, { recursive: true, force: true });
});

/** A pilot's environment: every value of .env.example, filled in for the demo tenant on PostgreSQL. */
async function pilotEnv(
  extra: Record<string, string> = {},
  database = schema,
): Promise<Record<string, string>> {
  const example = parseEnvExample(readFileSync(path.join(root, ".env.example"), "utf8"));
  const fromExample = Object.fromEntries(
    example.filter((v) => !v.alternative).map((v) => [v.name, v.example]),
  );
  return {
    ...fromExample,
    ...(await serviceEnv(sim)),
    DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${database}`)}`,
    ...extra,
  };
}

/** The preflight as the built service ships it: `dist/doctor.js` beside `dist/main.js`. */
async function builtDoctor(): Promise<string> {
  const main = (await builtServiceArgs("doctor")).at(-1) ?? "";
  return path.join(path.dirname(main), "doctor.js");
}

const byId = (checks: CheckLine[], id: string) => {
  const found = checks.find((check) => check.id === id);
  if (!found) throw new Error(`no check ${id} in ${checks.map((c) => c.id).join(", ")}`);
  return found;
};

describe("npm run doctor", () => {
  it("passes every check on the healthy demo tenant, from the built service, and exits 0", async () => {
    const doctor = await builtDoctor();
    const run = await promisify(execFile)(process.execPath, [doctor, "--json"], {
      env: { ...process.env, ...(await pilotEnv()) },
    });
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { id: string; status: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["config", "pass"],
      ["token", "pass"],
      ["clock", "pass"],
      ["permissions", "pass"],
      ["access-policy", "pass"],
      [`mailbox:${MAYOR}`, "pass"],
      ["rooms", "pass"],
      ["public-url", "pass"],
      ["database", "pass"],
    ]);
    // The test subscription is gone again.
    expect((await control(sim, "GET", "/subscriptions"))["value"]).toEqual([]);
  });

  it("prints one line per check in Danish, and in English with --lang en", async () => {
    const doctor = await builtDoctor();
    const env = { ...process.env, ...(await pilotEnv({ MAILBOXES: `${MAYOR},ingen@fjordby.dk` })) };
    const outcome = (args: string[]) =>
      promisify(execFile)(process.execPath, [doctor, ...args], { env }).then(
        () => ({ code: 0, stdout: "" }),
        (err: { code: number; stdout: string }) => err,
      );
    const danish = await outcome([]);
    expect(danish.code).toBe(1);
    const lines = danish.stdout.trim().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines).toContain(
      "FEJL          Postkasse ingen@fjordby.dk: findes ikke i lejeren. Sådan: ret MAILBOXES til postkassens primære adresse",
    );
    expect(lines.at(-1)).toBe("1 fejl, 0 advarsler, 9 i orden.");
    const english = await outcome(["--lang", "en"]);
    expect(english.stdout).toContain(
      "FAILED        Mailbox ingen@fjordby.dk: does not exist in the tenant. Fix: correct MAILBOXES to the mailbox's primary address",
    );
  });

  it("fails on an app registration missing a permission, naming it and how to grant it", async () => {
    const granted = GRAPH_APPLICATION_PERMISSIONS.filter((p) => p !== "Place.Read.All");
    await control(sim, "PUT", `/apps/${DEMO_CLIENT_ID}/permissions`, { graphAppPermissions: granted });
    const checks = await runDoctor({ env: await pilotEnv() });
    expect(byId(checks, "permissions")).toMatchObject({
      status: "fail",
      message: { key: "doctor.permissions.missing", params: { names: "Place.Read.All" } },
      fix: { key: "doctor.permissions.missing.fix" },
    });
    expect(byId(checks, "rooms").status).toBe("fail");
  });

  it("warns about a broader permission than Mødeklar needs, without failing", async () => {
    await control(sim, "PUT", `/apps/${DEMO_CLIENT_ID}/permissions`, {
      graphAppPermissions: [...GRAPH_APPLICATION_PERMISSIONS, "Directory.Read.All"],
    });
    const checks = await runDoctor({ env: await pilotEnv() });
    expect(byId(checks, "permissions")).toMatchObject({
      status: "warn",
      message: { params: { names: "Directory.Read.All" } },
    });
    expect(checks.filter((c) => c.status === "fail")).toEqual([]);
  });

  it("fails when no access policy keeps the app out of other mailboxes, with the command to run", async () => {
    await control(sim, "DELETE", `/access-policies/${DEMO_CLIENT_ID}`);
    const checks = await runDoctor({ env: await pilotEnv() });
    const policy = byId(checks, "access-policy");
    expect(policy.status).toBe("fail");
    expect(policy.fix?.params?.["clientId"]).toBe(DEMO_CLIENT_ID);
    expect(policy.fix?.key).toBe("doctor.policy.open.fix");
  });

  it("fails on a mailbox that does not exist and on one the access policy keeps out", async () => {
    const checks = await runDoctor({
      env: await pilotEnv({ MAILBOXES: `${MAYOR},ingen@fjordby.dk,kommunaldirektoer@fjordby.dk` }),
    });
    expect(byId(checks, `mailbox:${MAYOR}`).status).toBe("pass");
    expect(byId(checks, "mailbox:ingen@fjordby.dk").message.key).toBe("doctor.mailbox.unknown");
    expect(byId(checks, "mailbox:kommunaldirektoer@fjordby.dk")).toMatchObject({
      status: "fail",
      message: { key: "doctor.mailbox.outsidePolicy" },
      fix: { params: { mailbox: "kommunaldirektoer@fjordby.dk" } },
    });
  });

  it("fails on a wrong secret, says to make a new one, and skips what needs a token", async () => {
    const checks = await runDoctor({ env: await pilotEnv({ CLIENT_SECRET: "not-the-secret" }) });
    expect(byId(checks, "token")).toMatchObject({
      status: "fail",
      fix: { key: "doctor.token.failed.secret" },
    });
    for (const id of ["clock", "permissions", "access-policy", "rooms", "public-url"])
      expect(byId(checks, id).status).toBe("skip");
    expect(byId(checks, "database").status).toBe("pass");
  });

  it("asks for every variable .env.example names, also one added after the doctor was written", async () => {
    const example = path.join(scratch, ".env.example");
    writeFileSync(
      example,
      `${readFileSync(path.join(root, ".env.example"), "utf8")}\n# A setting another issue adds\nRETENTION_DAYS=365\n`,
    );
    const checks = await runDoctor({ env: await pilotEnv(), envExamplePath: example });
    expect(byId(checks, "config")).toMatchObject({
      status: "fail",
      message: { key: "doctor.config.missing", params: { names: "RETENTION_DAYS" } },
    });
    expect(checks.slice(1).every((c) => c.status === "skip")).toBe(true);
  });

  it("gets its token with the certificate the pilot guide's openssl command makes, and warns before it expires", async () => {
    const made = async (name: string, days: number) => {
      const [cert, key] = [path.join(scratch, `${name}.crt`), path.join(scratch, `${name}.key`)];
      await promisify(execFile)("openssl", [
        ...["req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", String(days)],
        ...["-subj", "/CN=Moedeklar", "-keyout", key, "-out", cert],
      ]);
      registerCertificate(sim.state, DEMO_CLIENT_ID, readFileSync(cert, "utf8"));
      return { CLIENT_SECRET: "", CLIENT_CERTIFICATE_PATH: cert, CLIENT_CERTIFICATE_KEY_PATH: key };
    };
    const yearLong = await runDoctor({ env: await pilotEnv(await made("app", 365)) });
    expect(byId(yearLong, "token")).toMatchObject({
      status: "pass",
      message: { key: "doctor.token.certificate" },
    });
    expect(byId(yearLong, "permissions").status).toBe("pass");
    const ending = await runDoctor({ env: await pilotEnv(await made("app-ending", 10)) });
    expect(byId(ending, "token")).toMatchObject({
      status: "warn",
      message: { key: "doctor.token.expiring", params: { days: 9 } },
    });
  });

  it("fails on a PUBLIC_URL that nothing answers at", async () => {
    const env = await pilotEnv();
    const elsewhere = Number(env["PORT"]) + 1;
    const checks = await runDoctor({ env: { ...env, PUBLIC_URL: `https://localhost:${elsewhere}` } });
    expect(byId(checks, "public-url")).toMatchObject({
      status: "fail",
      message: { key: "doctor.publicUrl.unreachable" },
    });
  });

  it("fails on a database a migration behind, and tells to start the new build", async () => {
    const older = `${schema}_older`;
    await admin.query(`CREATE SCHEMA ${older}`);
    try {
      const db = postgresExecutor({ connectionString: databaseUrl, searchPath: older });
      await migrate(db, migrations.slice(0, -1));
      await db.close();
      const checks = await runDoctor({ env: await pilotEnv({}, older) });
      expect(byId(checks, "database")).toMatchObject({
        status: "fail",
        message: { key: "doctor.database.behind", params: { versions: String(migrations.at(-1)!.version) } },
        fix: { key: "doctor.database.behind.fix" },
      });
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${older} CASCADE`);
    }
  });
});

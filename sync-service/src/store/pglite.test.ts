import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { auditStoreContract } from "../../test/store/audit-store.contract";
import { openStore } from "./index";
import { journalStoreContract } from "../../test/store/journal-store.contract";
import { mirrorStoreContract } from "../../test/store/mirror-store.contract";
import { outboxStoreContract } from "../../test/store/outbox-store.contract";
import { pagesStoreContract } from "../../test/store/pages-store.contract";
import { planStoreContract } from "../../test/store/plan-store.contract";
import { reconcileStoreContract } from "../../test/store/reconcile-store.contract";
import { pgliteServer } from "../../test/store/test-servers.fixture";
import { createPgliteDirectory, openPglite, pgliteExecutor } from "./pglite";

mirrorStoreContract("PGlite", pgliteServer);
reconcileStoreContract("PGlite", pgliteServer);
planStoreContract("PGlite", pgliteServer);
pagesStoreContract("PGlite", pgliteServer);
auditStoreContract("PGlite", pgliteServer);
outboxStoreContract("PGlite", pgliteServer);
journalStoreContract("PGlite", pgliteServer);

describe("PGlite's single connection", () => {
  it("a statement issued while another caller's transaction is open is not rolled back with it", async () => {
    const db = pgliteExecutor(new PGlite());
    try {
      await db.exec("CREATE TABLE notes (text text)");
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const failing = db.transaction(async (tx) => {
        await tx.query("INSERT INTO notes VALUES ('rolled back')");
        await gate;
        throw new Error("crash");
      });
      const meanwhile = db.query("INSERT INTO notes VALUES ('kept')");
      release();
      await expect(failing).rejects.toThrow("crash");
      await meanwhile;
      expect((await db.query("SELECT text FROM notes")).rows).toEqual([{ text: "kept" }]);
    } finally {
      await db.close();
    }
  });
});

describe("the store on local disk", () => {
  it("keeps the mirror in the data directory across restarts", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "modeklar-store-"));
    try {
      const first = await openStore({ dataDir });
      await first.applyDeltaPage("borgmester@odense.example", "events", {
        upserts: [{ id: "a", data: { subject: "Byrådsmøde" } }],
        removals: [],
        deltaLink: "delta-1",
      });
      await first.close();

      const second = await openStore({ dataDir });
      expect(await second.getItem("borgmester@odense.example", "events", "a")).toMatchObject({
        data: { subject: "Byrådsmøde" },
      });
      expect(await second.getCursor("borgmester@odense.example", "events")).toMatchObject({
        deltaLink: "delta-1",
      });
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("a new database on local disk", () => {
  it("is made in a process of its own and then opened here; a directory already in use is not made again", async () => {
    const parent = await mkdtemp(join(tmpdir(), "modeklar-new-"));
    try {
      const directory = join(parent, "pglite");
      const db = await openPglite(directory);
      await db.exec("CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)");
      await db.close();
      expect(await readdir(parent)).toEqual(["pglite"]);
      expect(await readdir(directory)).toContain("PG_VERSION");

      const again = await openPglite(directory);
      expect((await again.query("SELECT n FROM kept")).rows).toEqual([{ n: 1 }]);
      await again.close();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("a failed attempt leaves no half-made database behind", async () => {
    const parent = await mkdtemp(join(tmpdir(), "modeklar-new-"));
    try {
      // Something else already in the directory: the finished database cannot be moved there.
      const directory = join(parent, "pglite");
      await mkdir(directory);
      await writeFile(join(directory, "someone-elses.txt"), "");
      await expect(createPgliteDirectory(directory)).rejects.toThrow();
      expect(await readdir(parent)).toEqual(["pglite"]);
      expect(await readdir(directory)).toEqual(["someone-elses.txt"]);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

import { describe, expect, it } from "vitest";
import { openPglite } from "../pglite";
import { migrate, migrations } from "./index";

describe("migration 0012", () => {
  it("carries the notices and digests already claimed over as sent mails, so an upgrade sends none again", async () => {
    const db = await openPglite();
    try {
      await migrate(
        db,
        migrations.filter((m) => m.version < 12),
      );
      await db.query(
        `INSERT INTO done_once (key, detail, done_at) VALUES
           ('notice:borgmester@fjordby.dk:AAMk1:kantine@fjordby.dk:cancelled', '{"to":"kantine@fjordby.dk"}', '2026-12-01T08:00:00Z'),
           ('digest:borgmester@fjordby.dk:2026-12-01', '{}', '2026-12-01T06:30:00Z'),
           ('reminder:borgmester@fjordby.dk:AAMk2', '{}', '2026-12-01T07:00:00Z')`,
      );
      expect(
        await migrate(
          db,
          migrations.filter((m) => m.version <= 12),
        ),
      ).toEqual([12]);
      const { rows } = await db.query<{ cause_key: string; mailbox: string; kind: string; state: string }>(
        "SELECT cause_key, mailbox, kind, state FROM outbox ORDER BY cause_key",
      );
      expect(rows).toEqual([
        {
          cause_key: "digest:borgmester@fjordby.dk:2026-12-01",
          mailbox: "borgmester@fjordby.dk",
          kind: "digest",
          state: "sent",
        },
        {
          cause_key: "notice:borgmester@fjordby.dk:AAMk1:kantine@fjordby.dk:cancelled",
          mailbox: "borgmester@fjordby.dk",
          kind: "notice",
          state: "sent",
        },
      ]);
    } finally {
      await db.close();
    }
  });
});

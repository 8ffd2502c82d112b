import { describe, expect, it } from "vitest";
import { migrate, migrations } from "..";
import { openPglite } from "../pglite";

describe("migration 0009", () => {
  it("cuts mirrored events and mail to the fields Mødeklar reads: no body stays behind", async () => {
    const db = await openPglite();
    try {
      await migrate(
        db,
        migrations.filter((m) => m.version < 9),
      );
      const event = {
        id: "e1",
        subject: "Budgetmøde",
        body: { contentType: "html", content: "<p>Hele dagsordenen med navne</p>" },
        bodyPreview: "Hele dagsordenen",
        start: { dateTime: "2026-12-08T09:00:00", timeZone: "UTC" },
        onlineMeeting: { joinUrl: "https://teams.example/x" },
        sensitivity: "normal",
      };
      const mail = {
        id: "m1",
        "@odata.type": "#microsoft.graph.eventMessage",
        meetingMessageType: "meetingRequest",
        subject: "Invitation",
        body: { contentType: "text", content: "Borgerens cpr-nummer er 010203-1234" },
        uniqueBody: { contentType: "text", content: "010203-1234" },
        bodyPreview: "Borgerens",
        internetMessageHeaders: [{ name: "Received", value: "from mx" }],
      };
      await db.query(
        `INSERT INTO mirror_items (mailbox, stream, id, data, content_hash, seen_generation, updated_at)
         VALUES ('borgmester@fjordby.dk', 'events', 'e1', $1::jsonb, 'x', 1, now()),
                ('borgmester@fjordby.dk', 'messages', 'm1', $2::jsonb, 'y', 1, now())`,
        [JSON.stringify(event), JSON.stringify(mail)],
      );
      expect(
        await migrate(
          db,
          migrations.filter((m) => m.version <= 9),
        ),
      ).toEqual([9]);
      const { rows } = await db.query<{ id: string; data: Record<string, unknown> }>(
        "SELECT id, data FROM mirror_items ORDER BY id",
      );
      const kept = Object.fromEntries(rows.map((row) => [row.id, Object.keys(row.data).sort()]));
      expect(kept).toEqual({
        e1: ["bodyPreview", "id", "sensitivity", "start", "subject"],
        m1: ["@odata.type", "bodyPreview", "id", "meetingMessageType", "subject"],
      });
    } finally {
      await db.close();
    }
  });
});

import { randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("presence");
afterAll(desk.close);

const { getDb, resetDb } = await import("@/db");
const { textEditPresence } = await import("@/db/schema");
const { listTextEditors, stopTextEditing, touchTextEditing } = await import("./presence");
const { eq, sql } = await import("drizzle-orm");

const articleId = desk.sample.id;

/** The heartbeat of `sessionId` stopped `seconds` ago past its expiry. */
async function expire(sessionId: string, seconds = 1) {
  const db = await getDb();
  await db
    .update(textEditPresence)
    .set({ expiresAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`-${seconds} seconds`})` })
    .where(eq(textEditPresence.sessionId, sessionId));
}

describe("text-editing presence", () => {
  it("others see who is editing since when; the editor does not see themself; Cancel (stop) clears it", async () => {
    const sessionId = randomUUID();
    const { others } = await touchTextEditing({ actor: desk.editor, input: { articleId, sessionId } });
    expect(others).toEqual([]);
    const seen = await listTextEditors({ actor: desk.reviewer, input: { articleId } });
    expect(seen).toEqual([{ userId: desk.editor.id, name: desk.editor.name, since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) }]);
    expect(await listTextEditors({ actor: desk.editor, input: { articleId } })).toEqual([]);

    expect(await stopTextEditing({ actor: desk.editor, input: { articleId, sessionId } })).toEqual({ stopped: true });
    expect(await listTextEditors({ actor: desk.reviewer, input: { articleId } })).toEqual([]);
  });

  it("a second editor pressing Edit text is told who is already editing, and may go on", async () => {
    const first = randomUUID();
    await touchTextEditing({ actor: desk.editor, input: { articleId, sessionId: first } });
    const adminSession = randomUUID();
    const second = await touchTextEditing({ actor: desk.admin, input: { articleId, sessionId: adminSession } });
    expect(second.others.map((o) => o.name)).toEqual([desk.editor.name]);
    // Both are editing now, listed oldest first.
    expect((await listTextEditors({ actor: desk.reviewer, input: { articleId } })).map((o) => o.name)).toEqual([desk.editor.name, desk.admin.name]);
    await stopTextEditing({ actor: desk.editor, input: { articleId, sessionId: first } });
    expect((await listTextEditors({ actor: desk.reviewer, input: { articleId } })).map((o) => o.name)).toEqual([desk.admin.name]);
    await stopTextEditing({ actor: desk.admin, input: { articleId, sessionId: adminSession } });
  });

  it("a presence whose heartbeat stopped expires; a heartbeat in time keeps it and its start time", async () => {
    const editor = await desk.addUser("editor", { name: "Hearty Editor" });
    const sessionId = randomUUID();
    await touchTextEditing({ actor: editor, input: { articleId, sessionId } });
    const [before] = (await listTextEditors({ actor: desk.reviewer, input: { articleId } })).filter((o) => o.userId === editor.id);
    expect(before).toBeDefined();

    // A heartbeat renews the expiry (60 s from now) and keeps when editing began.
    await touchTextEditing({ actor: editor, input: { articleId, sessionId } });
    const db = await getDb();
    const [row] = await db.select().from(textEditPresence).where(eq(textEditPresence.sessionId, sessionId));
    expect(row!.startedAt).toBe(before!.since);
    const ttl = (Date.parse(row!.expiresAt) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(61);

    // No heartbeat: once the expiry has passed nobody sees it, without any cleanup having run.
    await expire(sessionId);
    expect((await listTextEditors({ actor: desk.reviewer, input: { articleId } })).some((o) => o.userId === editor.id)).toBe(false);
    // A late heartbeat starts a new presence (a new "since").
    await touchTextEditing({ actor: editor, input: { articleId, sessionId } });
    const [after] = (await listTextEditors({ actor: desk.reviewer, input: { articleId } })).filter((o) => o.userId === editor.id);
    expect(after!.since > before!.since).toBe(true);
    await stopTextEditing({ actor: editor, input: { articleId, sessionId } });
  });

  it("expired rows are removed when someone starts editing the article", async () => {
    const stale = randomUUID();
    await touchTextEditing({ actor: desk.editor, input: { articleId, sessionId: stale } });
    await expire(stale, 120);
    const fresh = randomUUID();
    await touchTextEditing({ actor: desk.admin, input: { articleId, sessionId: fresh } });
    const db = await getDb();
    expect(await db.select().from(textEditPresence).where(eq(textEditPresence.sessionId, stale))).toEqual([]);
    await stopTextEditing({ actor: desk.admin, input: { articleId, sessionId: fresh } });
  });

  it("two app instances share it through the database alone", async () => {
    const sessionId = randomUUID();
    await touchTextEditing({ actor: desk.editor, input: { articleId, sessionId } });
    // Another instance: its own connection, nothing shared in memory.
    resetDb();
    expect((await listTextEditors({ actor: desk.reviewer, input: { articleId } })).map((o) => o.name)).toEqual([desk.editor.name]);
    // The row is in the database file itself, as any other process reading it sees.
    if (!desk.hrana) {
      const other = createClient({ url: `file:${desk.dbFile}` });
      const { rows } = await other.execute({ sql: "SELECT user_id FROM text_edit_presence WHERE session_id = ?", args: [sessionId] });
      other.close();
      expect(rows.map((r) => r.user_id)).toEqual([desk.editor.id]);
    }
    resetDb();
    await stopTextEditing({ actor: desk.editor, input: { articleId, sessionId } });
    resetDb();
    expect(await listTextEditors({ actor: desk.reviewer, input: { articleId } })).toEqual([]);
  });

  it("checks role, ids and ownership on the server", async () => {
    await expectAppError(touchTextEditing({ actor: desk.reviewer, input: { articleId, sessionId: randomUUID() } }), "forbidden:article");
    await expectAppError(touchTextEditing({ actor: desk.editor, input: { articleId: randomUUID(), sessionId: randomUUID() } }), "not_found:article");
    await expectAppError(touchTextEditing({ actor: desk.editor, input: { articleId, sessionId: "not-an-id" } }), "bad_request:article");
    await expectAppError(listTextEditors({ actor: desk.reviewer, input: { articleId: "nope" } }), "bad_request:article");

    // Someone else's session id is neither renewed by another user nor stopped by them.
    const sessionId = randomUUID();
    await touchTextEditing({ actor: desk.editor, input: { articleId, sessionId } });
    await touchTextEditing({ actor: desk.admin, input: { articleId, sessionId } });
    expect((await listTextEditors({ actor: desk.reviewer, input: { articleId } })).map((o) => o.name)).toEqual([desk.editor.name]);
    expect(await stopTextEditing({ actor: desk.admin, input: { articleId, sessionId } })).toEqual({ stopped: false });
    expect((await listTextEditors({ actor: desk.reviewer, input: { articleId } })).map((o) => o.name)).toEqual([desk.editor.name]);
    await stopTextEditing({ actor: desk.editor, input: { articleId, sessionId } });
  });
});

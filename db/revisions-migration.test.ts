import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Migration 0006 (revisions) on a database filled under 0000–0005, as an
 * existing desk's would be: today's text becomes revision 1 and every claim
 * (deleted ones too) gets its revision-1 anchor; new articles and claims get
 * theirs from the triggers.
 */
const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const dir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-revisions-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A migrations folder holding only the first `count` migrations of the real one. */
function migrationsUpTo(count: number): string {
  const folder = path.join(dir, `migrations-${count}`);
  mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, count);
  for (const { tag } of journal.entries) cpSync(path.join(MIGRATIONS, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

const TEXT = "First paragraph with a claim.\n\nSecond paragraph, another claim.";
const DOC = JSON.stringify({
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "First paragraph with a claim." }] },
    { type: "paragraph", content: [{ type: "text", text: "Second paragraph, another claim." }] },
  ],
});

async function fillUnder0005(client: Client) {
  await client.executeMultiple(`
    INSERT INTO users (id, email, name, password_hash, role) VALUES ('u1', 'ed@example.org', 'Ed', 'x', 'editor');
    INSERT INTO articles (id, title, content, plain_text, text_hash, imported_by, created_at)
      VALUES ('a1', 'Old article', '${DOC}', '${TEXT.replace(/\n/g, "\n")}', 'hash-a1', 'u1', '2025-03-01T10:00:00.000Z');
    INSERT INTO claims (id, article_id, quote_exact, quote_prefix, quote_suffix, position_start, position_end, claim_as_checked, status, created_at)
      VALUES ('c1', 'a1', 'a claim', 'First paragraph with ', '.', 21, 28, 'a claim', 'approved', '2025-03-02T10:00:00.000Z');
    INSERT INTO claims (id, article_id, quote_exact, quote_prefix, quote_suffix, position_start, position_end, claim_as_checked, deleted_at)
      VALUES ('c2', 'a1', 'another claim', 'paragraph, ', '.', 49, 62, 'another claim', '2025-03-03T10:00:00.000Z');
  `);
}

describe("migration 0006 (revisions)", () => {
  it("turns today's text into revision 1 and gives every claim its revision-1 anchor", async () => {
    const client = createClient({ url: `file:${path.join(dir, "desk.db")}` });
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsUpTo(6) });
    await fillUnder0005(client);

    await migrate(db, { migrationsFolder: MIGRATIONS });

    const article = (await client.execute("SELECT current_revision, plain_text FROM articles WHERE id = 'a1'")).rows[0]!;
    expect(article.current_revision).toBe(1);
    const revisions = (await client.execute("SELECT * FROM article_revisions WHERE article_id = 'a1'")).rows;
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ number: 1, plain_text: TEXT, text_hash: "hash-a1", author_id: "u1", note: "", created_at: "2025-03-01T10:00:00.000Z", steps: null });
    expect(JSON.parse(String(revisions[0]!.content))).toEqual(JSON.parse(DOC));

    const anchors = (await client.execute("SELECT * FROM claim_anchors ORDER BY claim_id")).rows;
    expect(anchors.map((a) => ({ ...a }))).toEqual([
      expect.objectContaining({ claim_id: "c1", article_id: "a1", revision: 1, position_start: 21, position_end: 28, quote_exact: "a claim", quote_prefix: "First paragraph with ", quote_suffix: ".", state: "unchanged", method: "created" }),
      expect.objectContaining({ claim_id: "c2", revision: 1, position_start: 49, position_end: 62, quote_exact: "another claim", state: "unchanged" }),
    ]);
    const claims = (await client.execute("SELECT id, anchor_state, recheck_quote, status FROM claims ORDER BY id")).rows;
    expect(claims.map((c) => ({ ...c }))).toEqual([
      { id: "c1", anchor_state: "unchanged", recheck_quote: null, status: "approved" },
      { id: "c2", anchor_state: "unchanged", recheck_quote: null, status: "open" },
    ]);

    // After the upgrade, a new article and a new claim get revision 1 and an anchor from the triggers.
    await client.executeMultiple(`
      INSERT INTO articles (id, title, content, plain_text, text_hash, imported_by) VALUES ('a2', 'New', '${DOC}', 'x', 'h2', 'u1');
      INSERT INTO claims (id, article_id, quote_exact, quote_prefix, quote_suffix, position_start, position_end, claim_as_checked)
        VALUES ('c3', 'a2', 'x', '', '', 0, 1, 'x');
    `);
    expect((await client.execute("SELECT number, plain_text FROM article_revisions WHERE article_id = 'a2'")).rows.map((r) => ({ ...r }))).toEqual([{ number: 1, plain_text: "x" }]);
    expect((await client.execute("SELECT revision, state FROM claim_anchors WHERE claim_id = 'c3'")).rows.map((r) => ({ ...r }))).toEqual([{ revision: 1, state: "unchanged" }]);

    // The full-text index still finds the article (its triggers were not disturbed).
    const found = await client.execute("SELECT count(*) AS n FROM search_articles WHERE search_articles MATCH 'paragraph'");
    expect(Number(found.rows[0]!.n)).toBeGreaterThan(0);
    client.close();
  });
});

import { asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { importClaimdeskJson } from "@/db/queries/article-transfer";
import { createArticle } from "@/db/queries/articles";
import { loadExportBundle } from "@/db/queries/export";
import { listRevisions, saveExternalRevision, saveTextRevision } from "@/db/queries/revisions";
import { listRevisionHistory } from "@/db/queries/revision-view";
import { articleRevisions, articles, claimAnchors } from "@/db/schema";
import { renderJson, type ClaimdeskJson } from "@/lib/export/json";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("revision-history-transfer");
afterAll(desk.close);
const { editor, admin } = desk;
const ORIGIN = "http://localhost:3000";

const BODY = "The council said unemployment fell to 3% last year.\n\nOfficials claimed the new bridge cost nothing.";

const exportJson = async (articleId: string) => renderJson(await loadExportBundle({ articleId, scope: "all", origin: ORIGIN }));

/** An article with three revisions: the import, an edit in the editor, a version from outside, each with a note. */
async function revisedArticle() {
  const { id } = await createArticle({ actor: editor, input: { title: "Council claims", format: "text", body: BODY } });
  await desk.mark("the new bridge cost nothing", { articleId: id });
  const steps = [{ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "text", text: "Update: " }] } }];
  const edited = await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps, note: "Flagged as an update" } });
  expect(edited.status).toBe("saved");
  const outside = await saveExternalRevision({
    actor: admin,
    input: { articleId: id, baseRevision: 2, format: "text", content: `Update: ${BODY}\n\nThe mayor disagreed.`, note: "The site added the mayor's reply" },
  });
  expect(outside.status).toBe("saved");
  return id;
}

describe("a JSON export → import round trip keeps the revision history", () => {
  it("exports each revision's number, date, author's name, note and source", async () => {
    const id = await revisedArticle();
    const file = JSON.parse(await exportJson(id)) as ClaimdeskJson;
    expect(file.revisions.map((r) => ({ number: r.number, authorName: r.authorName, note: r.note, source: r.source }))).toEqual([
      { number: 1, authorName: editor.name, note: "", source: "import" },
      { number: 2, authorName: editor.name, note: "Flagged as an update", source: "editor" },
      { number: 3, authorName: admin.name, note: "The site added the mayor's reply", source: "outside" },
    ]);
    for (const r of file.revisions) expect(r.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("the imported article has the same history (notes and dates kept), authored by no account, and goes on from it", async () => {
    const id = await revisedArticle();
    const exported = await exportJson(id);
    const original = (JSON.parse(exported) as ClaimdeskJson).revisions;

    const importer = await desk.addUser("editor", { name: "Ivo Importer" });
    const { id: copy } = await importClaimdeskJson({ actor: importer, input: { text: exported } });

    const again = JSON.parse(await exportJson(copy)) as ClaimdeskJson;
    expect(again.revisions).toEqual(original);

    const db = await getDb();
    const rows = await db.select().from(articleRevisions).where(eq(articleRevisions.articleId, copy)).orderBy(asc(articleRevisions.number));
    // Authorship is a name from the file, never one of this desk's accounts (not even the importer's).
    expect(rows.map((r) => r.authorId)).toEqual([null, null, null]);
    expect(rows.map((r) => r.imported)).toEqual([
      { authorName: editor.name, source: "import", textInFile: false },
      { authorName: editor.name, source: "editor", textInFile: false },
      { authorName: admin.name, source: "outside", textInFile: true },
    ]);
    // The API's list and the Revisions view name the file's authors and sources too, as the export does.
    expect((await listRevisions({ articleId: copy })).map((r) => [r.authorName, r.source])).toEqual(original.map((r) => [r.authorName, r.source]));
    expect((await listRevisionHistory({ articleId: copy })).revisions.map((r) => [r.number, r.authorName, r.source])).toEqual(
      original.map((r) => [r.number, r.authorName, r.source]).reverse(),
    );
    // Only the current revision's text is in the file; it is the article's.
    const article = await db.query.articles.findFirst({ where: eq(articles.id, copy) });
    expect(article!.currentRevision).toBe(3);
    expect(rows[2]!.plainText).toBe(article!.plainText);
    expect(article!.plainText).toContain("The mayor disagreed.");
    // The claims are anchored in the current revision.
    const anchors = await db.select().from(claimAnchors).where(eq(claimAnchors.articleId, copy));
    expect(anchors.map((a) => a.revision)).toEqual([3]);

    // The next edit is revision 4, on top of the imported history.
    const steps = [{ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "text", text: "Now: " }] } }];
    const next = await saveTextRevision({ actor: importer, input: { articleId: copy, baseRevision: 3, steps, note: "After the import" } });
    expect(next.status === "saved" && next.revision.number).toBe(4);
    const latest = (JSON.parse(await exportJson(copy)) as ClaimdeskJson).revisions;
    expect(latest.slice(0, 3)).toEqual(original);
    expect(latest[3]).toMatchObject({ number: 4, authorName: "Ivo Importer", note: "After the import", source: "editor" });
  });

  it("a file from before revisions were exported imports as revision 1 by the importer, as before", async () => {
    const id = await revisedArticle();
    const file = JSON.parse(await exportJson(id));
    delete file.revisions;
    const { id: copy } = await importClaimdeskJson({ actor: admin, input: { text: JSON.stringify(file) } });
    const db = await getDb();
    const rows = await db.select().from(articleRevisions).where(eq(articleRevisions.articleId, copy));
    expect(rows.map((r) => [r.number, r.authorId, r.imported])).toEqual([[1, admin.id, null]]);
  });

  it("a history that is not numbered 1, 2, 3… or has a bad date is refused, and nothing is stored", async () => {
    const id = await revisedArticle();
    const file = JSON.parse(await exportJson(id));
    const db = await getDb();
    const count = async () => (await db.select({ id: articles.id }).from(articles)).length;
    const before = await count();
    await expectAppError(importClaimdeskJson({ actor: admin, input: { text: JSON.stringify({ ...file, revisions: [file.revisions[0], file.revisions[2]] }) } }), "bad_request:import");
    const badDate = structuredClone(file);
    badDate.revisions[1].createdAt = "yesterday-ish";
    await expectAppError(importClaimdeskJson({ actor: admin, input: { text: JSON.stringify(badDate) } }), "bad_request:import");
    const badAuthor = structuredClone(file);
    badAuthor.revisions[1].authorName = { id: editor.id };
    await expectAppError(importClaimdeskJson({ actor: admin, input: { text: JSON.stringify(badAuthor) } }), "bad_request:import");
    expect(await count()).toBe(before);
  });
});

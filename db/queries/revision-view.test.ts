import { and, eq, sql } from "drizzle-orm";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle } from "@/db/queries/articles";
import { createClaim, deleteClaim } from "@/db/queries/claims";
import { loadExportBundle, renderArticleExport } from "@/db/queries/export";
import { saveExternalRevision, saveTextRevision } from "@/db/queries/revisions";
import { compareRevisions, getRevisionDetail, listRevisionHistory } from "@/db/queries/revision-view";
import { articleRevisions, articles } from "@/db/schema";
import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText, type DocNode } from "@/lib/article-text";
import { EXPORT_FORMAT_KEYS } from "@/lib/export/formats";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("revision-view");
afterAll(desk.close);
const { reviewer, editor } = desk;

const BODY = [
  "Intro paragraph that stays as it is.",
  "",
  "The mayor said unemployment fell to 3% last year.",
  "",
  "Officials claimed the new bridge cost nothing at all.",
  "",
  "A spokesperson added that every school now has a nurse.",
].join("\n");
const A = "unemployment fell to 3% last year";
const B = "the new bridge cost nothing";
const C = "every school now has a nurse";
/** Revision 3, a version from outside: "3%" became "4%" and a sentence was added. */
const THIRD = [
  "Intro paragraph that stays as it is.",
  "",
  "Figures were released on Monday. The mayor said unemployment fell to 4% last year.",
  "",
  "Officials claimed the new tunnel cost nothing at all.",
].join("\n");

let id: string;
const claimIds: Record<"a" | "b" | "c" | "late", string> = { a: "", b: "", c: "", late: "" };

async function stepsOf(articleId: string, change: (tr: Transaction, text: ReturnType<typeof buildArticleText>) => void) {
  const db = await getDb();
  const { content } = (await db.query.articles.findFirst({ where: eq(articles.id, articleId) }))!;
  const tr = EditorState.create({ doc: getArticleSchema().nodeFromJSON(content) }).tr;
  change(tr, buildArticleText(content as DocNode));
  return tr.steps.map((s) => s.toJSON());
}

beforeAll(async () => {
  ({ id } = await createArticle({ actor: editor, input: { title: "Revised", format: "text", body: BODY } }));
  claimIds.a = (await desk.mark(A, { articleId: id })).id;
  claimIds.b = (await desk.mark(B, { articleId: id })).id;
  claimIds.c = (await desk.mark(C, { articleId: id })).id;
  // Revision 2, in the editor: "bridge" → "tunnel", and the paragraph holding C deleted.
  const steps = await stepsOf(id, (tr, text) => {
    const para = tr.doc.resolve(text.textToPos(text.text.indexOf("A spokesperson"), "start"));
    tr.delete(para.before(), para.after());
    const bridge = text.textToPos(text.text.indexOf("bridge"), "start");
    tr.insertText("tunnel", bridge, bridge + "bridge".length);
  });
  const second = await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps, note: "Tunnel, not bridge" } });
  if (second.status !== "saved") throw new Error("setup: revision 2");
  const third = await saveExternalRevision({ actor: editor, input: { articleId: id, baseRevision: 2, format: "text", content: THIRD, note: "The site's update" } });
  if (third.status !== "saved") throw new Error("setup: revision 3");
  // A claim made on revision 3 was not in the earlier ones.
  const plain = third.plainText;
  const start = plain.indexOf("Figures were released");
  claimIds.late = (await createClaim({ actor: reviewer, input: { articleId: id, start, end: start + "Figures were released".length, exact: "Figures were released" } })).id;
}, 60_000);

describe("the list of revisions", () => {
  it("lists every revision newest first with who, when, the note, where it came from, the words added and removed, and the claims it affected", async () => {
    const { currentRevision, revisions } = await listRevisionHistory({ articleId: id });
    expect(currentRevision).toBe(3);
    expect(revisions.map((r) => r.number)).toEqual([3, 2, 1]);
    expect(revisions[0]).toMatchObject({ authorName: editor.name, note: "The site's update", source: "outside", words: { added: 6, removed: 1 }, claims: { changed: 1, orphaned: 0 } });
    // "bridge" → "tunnel" (1 and 1) plus the deleted sentence's 10 words; B changed, C orphaned (and not counted again by revision 3).
    expect(revisions[1]).toMatchObject({ authorName: editor.name, note: "Tunnel, not bridge", source: "editor", words: { added: 1, removed: 11 }, claims: { changed: 1, orphaned: 1 } });
    expect(revisions[2]).toMatchObject({ number: 1, source: "import", words: null, claims: { changed: 0, orphaned: 0 } });
    expect(revisions[2]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("stores the word counts when the revision is saved, and fills in once those of revisions saved before they existed", async () => {
    const db = await getDb();
    const counts = async () =>
      db
        .select({ number: articleRevisions.number, added: articleRevisions.wordsAdded, removed: articleRevisions.wordsRemoved })
        .from(articleRevisions)
        .where(eq(articleRevisions.articleId, id))
        .orderBy(articleRevisions.number);
    expect(await counts()).toEqual([
      { number: 1, added: null, removed: null },
      { number: 2, added: 1, removed: 11 },
      { number: 3, added: 6, removed: 1 },
    ]);
    // As a database upgraded by the migration has them: no counts yet.
    await db.update(articleRevisions).set({ wordsAdded: null, wordsRemoved: null }).where(eq(articleRevisions.articleId, id));
    const { revisions } = await listRevisionHistory({ articleId: id });
    expect(revisions.map((r) => r.words)).toEqual([{ added: 6, removed: 1 }, { added: 1, removed: 11 }, null]);
    expect((await counts()).map((r) => r.added)).toEqual([null, 1, 6]);
  });

  it("does not count a deleted claim among those affected", async () => {
    const { id: other } = await createArticle({ actor: editor, input: { title: "Deleted claim", format: "text", body: BODY } });
    const gone = await desk.mark(B, { articleId: other });
    const deleted = await deleteClaim({ actor: reviewer, input: { claimId: gone.id, version: gone.version } });
    expect(deleted.status).toBe("deleted");
    const saved = await saveExternalRevision({ actor: editor, input: { articleId: other, baseRevision: 1, format: "text", content: BODY.replace("bridge", "tunnel") } });
    expect(saved.status).toBe("saved");
    const { revisions } = await listRevisionHistory({ articleId: other });
    expect(revisions[0]!.claims).toEqual({ changed: 0, orphaned: 0 });
  });

  it("refuses an unknown article", async () => {
    await expectAppError(listRevisionHistory({ articleId: "00000000-0000-4000-8000-000000000000" }), "not_found:article");
    await expectAppError(listRevisionHistory({ articleId: "not-a-uuid" }), "not_found:article");
  });
});

describe("an old revision, read-only", () => {
  it("shows revision 1's own text with its claims exactly where they were anchored then, and not claims made later", async () => {
    const { revision, claims, orphaned, currentRevision } = await getRevisionDetail({ articleId: id, number: "1" });
    expect(currentRevision).toBe(3);
    expect(revision.plainText).toBe(BODY.replace(/\n\n/g, "\n\n"));
    expect(revision.number).toBe(1);
    expect(claims.map((c) => revision.plainText.slice(c.start, c.end))).toEqual([A, B, C]);
    expect(claims.map((c) => c.id)).toEqual([claimIds.a, claimIds.b, claimIds.c]);
    expect(orphaned).toEqual([]);
  });

  it("lists a claim whose words the revision removed apart, with its old quote, and places a changed one on its new words", async () => {
    const { revision, claims, orphaned } = await getRevisionDetail({ articleId: id, number: 2 });
    expect(revision.note).toBe("Tunnel, not bridge");
    expect(claims.map((c) => revision.plainText.slice(c.start, c.end))).toEqual([A, "the new tunnel cost nothing"]);
    expect(orphaned).toMatchObject([{ id: claimIds.c, quote: C }]);
  });

  it("refuses a revision the article does not have, or that is not a number", async () => {
    await expectAppError(getRevisionDetail({ articleId: id, number: 9 }), "not_found:article");
    await expectAppError(getRevisionDetail({ articleId: id, number: "two" }), "bad_request:article");
    await expectAppError(getRevisionDetail({ articleId: id, number: "0" }), "bad_request:article");
  });
});

describe("comparing two revisions", () => {
  it("gives the word diff from one revision to another, with the claims of the newer one placed on its text", async () => {
    const { pieces, words, claims, orphaned } = await compareRevisions({ articleId: id, from: "1", to: "3" });
    const parts = pieces.flatMap((p) => ("text" in p ? [p] : []));
    expect(parts).toHaveLength(pieces.length); // nothing folded in so short a text
    const changes = parts.filter((p) => p.kind !== "same").map((p) => `${p.kind}:${p.text.trim()}`);
    expect(changes).toContain("removed:bridge");
    expect(changes).toContain("added:tunnel");
    expect(changes).toContain("removed:3");
    expect(changes).toContain("added:4");
    expect(words.removed).toBeGreaterThanOrEqual(11);
    const toText = parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("");
    expect(toText).toBe(THIRD);
    expect(claims.map((c) => toText.slice(c.start, c.end)).sort()).toEqual(["Figures were released", "the new tunnel cost nothing", "unemployment fell to 4% last year"].sort());
    // Each claim is marked on exactly its words in the pieces.
    claims.forEach((c, i) => {
      const marked = parts.filter((p) => p.kind !== "removed" && "claims" in p && p.claims.includes(i)).map((p) => p.text).join("");
      expect(marked).toBe(toText.slice(c.start, c.end));
    });
    // C was orphaned in revision 2 and stays so in 3.
    expect(orphaned.map((o) => o.id)).toEqual([claimIds.c]);
  });

  it("compares in either direction", async () => {
    const { pieces } = await compareRevisions({ articleId: id, from: 3, to: 1 });
    expect(pieces.map((p) => (p.kind !== "removed" && "text" in p ? p.text : "")).join("")).toBe(BODY);
  });

  it("refuses the same revision twice, an unknown one and a non-number", async () => {
    await expectAppError(compareRevisions({ articleId: id, from: 2, to: 2 }), "bad_request:article");
    await expectAppError(compareRevisions({ articleId: id, from: 1, to: 7 }), "not_found:article");
    await expectAppError(compareRevisions({ articleId: id, from: "1; DROP", to: 2 }), "bad_request:article");
  });
});

describe("exports of an old revision", () => {
  it("carry that revision's text and its claims with the selectors recomputed for it", async () => {
    const bundle = await loadExportBundle({ articleId: id, scope: "all", origin: "http://localhost:3000", revision: 1 });
    expect(bundle.article.plainText).toBe(BODY);
    expect(bundle.claims.map((c) => c.id)).toEqual([claimIds.a, claimIds.b, claimIds.c]);
    expect(bundle.claims.map((c) => c.quote.exact)).toEqual([A, B, C]);
    for (const c of bundle.claims) expect([...BODY].slice(c.position.start, c.position.end).join("")).toBe(c.quote.exact);
    const second = await loadExportBundle({ articleId: id, scope: "all", origin: "http://localhost:3000", revision: 2 });
    expect(second.claims.find((c) => c.id === claimIds.c)).toMatchObject({ anchorState: "orphaned", quote: { exact: C } });
    // The current text is unchanged by it.
    const current = await loadExportBundle({ articleId: id, scope: "all", origin: "http://localhost:3000" });
    expect(current.article.plainText).toBe(THIRD);
    expect(current.claims).toHaveLength(4);
  });

  it("render in every format with the revision in the file name; a bad or unknown revision is refused", async () => {
    for (const format of EXPORT_FORMAT_KEYS) {
      const file = await renderArticleExport({ articleId: id, format, scope: "all", revision: "1" });
      expect(file.filename).toMatch(/-revision-1\.[a-z.]+$/);
      // ClaimReview lists approved claims only; the others carry the revision's quotes.
      if (format !== "claimreview") expect(file.body).toContain("bridge");
    }
    const html = await renderArticleExport({ articleId: id, format: "html", scope: "all", revision: "1" });
    expect(html.body).not.toContain("tunnel");
    await expectAppError(renderArticleExport({ articleId: id, format: "json", scope: "all", revision: "abc" }), "bad_request:export");
    await expectAppError(renderArticleExport({ articleId: id, format: "json", scope: "all", revision: "12" }), "not_found:export");
  });
});

describe("the migration's upgrade", () => {
  it("adds the word-count columns without touching existing rows", async () => {
    const db = await getDb();
    const cols = await db.all<{ name: string }>(sql`SELECT name FROM pragma_table_info('article_revisions')`);
    expect(cols.map((c) => c.name)).toEqual(expect.arrayContaining(["words_added", "words_removed"]));
    const [row] = await db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, desk.sample.id), eq(articleRevisions.number, 1)));
    expect(row).toMatchObject({ wordsAdded: null, wordsRemoved: null });
  });
});

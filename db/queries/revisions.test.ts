import { and, eq, sql } from "drizzle-orm";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle } from "@/db/queries/articles";
import { createClaim, getClaim } from "@/db/queries/claims";
import { loadExportBundle } from "@/db/queries/export";
import { placeClaims } from "@/lib/export/shared";
import { acceptNewText, listRevisions, MAX_STEPS, previewExternalRevision, reanchorClaim, saveExternalRevision, saveTextRevision } from "@/db/queries/revisions";
import { MARKDOWN_EMPHASIS_500K, type Bomb } from "@/lib/import/fixtures/bombs";
import * as wf from "@/db/queries/workflow";
import { articleRevisions, articles, auditEvents, claimAnchors, claimEvents } from "@/db/schema";
import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText, type DocNode } from "@/lib/article-text";
import { AppError } from "@/lib/errors";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("revisions");
afterAll(desk.close);
const { reviewer, editor, admin } = desk;

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
/** Longer than the anchoring's context: an exact occurrence of it anywhere is taken as the claim's. */
const TWICE = "the new bridge across the river cost the city nothing at all";

async function article() {
  const { id } = await createArticle({ actor: editor, input: { title: "Revised", format: "text", body: BODY } });
  return id;
}

async function stored(articleId: string) {
  const db = await getDb();
  return (await db.query.articles.findFirst({ where: eq(articles.id, articleId) }))!;
}

/** The steps of an edit made on the stored document, as the browser's editor would send them (Step.toJSON). */
async function stepsOf(articleId: string, change: (tr: Transaction, text: ReturnType<typeof buildArticleText>) => void) {
  const { content } = await stored(articleId);
  const doc = getArticleSchema().nodeFromJSON(content);
  const tr = EditorState.create({ doc }).tr;
  change(tr, buildArticleText(content as DocNode));
  return tr.steps.map((s) => s.toJSON());
}

const at = (text: ReturnType<typeof buildArticleText>, needle: string) => text.textToPos(text.text.indexOf(needle), "start");

const approved = (articleId: string, quote: string) => desk.approve(quote, { articleId });

async function eventsOf(claimId: string) {
  const db = await getDb();
  return db.select().from(claimEvents).where(eq(claimEvents.claimId, claimId)).orderBy(claimEvents.id);
}

describe("saveTextRevision", () => {
  it("reviewers cannot change the text; nothing is written", async () => {
    const id = await article();
    const steps = await stepsOf(id, (tr, text) => tr.insertText("New. ", at(text, "Intro")));
    await expectAppError(saveTextRevision({ actor: reviewer, input: { articleId: id, baseRevision: 1, steps } }), "forbidden:article");
    expect((await stored(id)).currentRevision).toBe(1);
  });

  it("an insert before one claim, a word changed inside an approved one and a deleted paragraph: unchanged, changed (back to proposed) and orphaned", async () => {
    const id = await article();
    const a = await desk.mark(A, { articleId: id });
    const b = await approved(id, B);
    const c = await desk.mark(C, { articleId: id });
    const steps = await stepsOf(id, (tr, text) => {
      // From the end backwards, so earlier positions stay valid: delete C's paragraph, change "bridge" to "tunnel", insert before A.
      const cPara = tr.doc.resolve(at(text, "A spokesperson"));
      tr.delete(cPara.before(), cPara.after());
      const bridge = text.textToPos(text.text.indexOf("bridge"), "start");
      tr.insertText("tunnel", bridge, bridge + "bridge".length);
      tr.insertText("Figures were released on Monday. ", at(text, "The mayor"));
    });
    const result = await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps, note: "Tunnel, not bridge" } });
    if (result.status !== "saved") throw new Error("expected saved");
    expect(result.revision).toMatchObject({ number: 2, note: "Tunnel, not bridge", authorName: editor.name });
    expect(result.counts).toEqual({ unchanged: 1, changed: 1, orphaned: 1 });

    const row = await stored(id);
    expect(row.currentRevision).toBe(2);
    expect(row.plainText).toBe(
      "Intro paragraph that stays as it is.\n\nFigures were released on Monday. The mayor said unemployment fell to 3% last year.\n\nOfficials claimed the new tunnel cost nothing at all.",
    );
    expect(result.plainText).toBe(row.plainText);

    // The first claim still covers exactly its words.
    const a2 = await getClaim({ claimId: a.id });
    expect(row.plainText.slice(a2.selectors.position.start, a2.selectors.position.end)).toBe(A);
    expect(a2.selectors.quote.exact).toBe(A);
    expect(a2).toMatchObject({ anchorState: "unchanged", version: a.version });

    // The approved one is changed: new wording, old quote kept, no longer approved, with the reason.
    const b2 = await getClaim({ claimId: b.id });
    expect(b2).toMatchObject({ anchorState: "changed", recheckQuote: B, status: "verdict_proposed", approvedAt: null, approvedByName: null, version: b.version + 1 });
    expect(b2.selectors.quote.exact).toContain("tunnel");
    const bEvents = await eventsOf(b.id);
    expect(bEvents.slice(-2)).toMatchObject([
      { type: "reanchored", actorId: editor.id, version: b.version + 1, data: { revision: 2, state: "changed", method: "steps", before: { exact: B } } },
      { type: "reopened", data: { from: "approved", to: "verdict_proposed", reason: "text changed in revision 2" } },
    ]);
    // It cannot be approved again before someone has looked at the new text.
    await expectAppError(wf.approveClaim({ actor: admin, input: { claimId: b.id, version: b2.version } }), "conflict:claim");

    // The third is orphaned and keeps its old quote.
    const c2 = await getClaim({ claimId: c.id });
    expect(c2).toMatchObject({ anchorState: "orphaned", recheckQuote: C, selectors: { quote: { exact: C } } });
    expect(c2.selectors.position.start).toBe(c2.selectors.position.end);
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ type: "reanchored", data: { state: "orphaned" } });

    // Revision 2 and every claim's revision-2 anchor are stored; revision 1 is kept as it was.
    const db = await getDb();
    const revisions = await db.select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).orderBy(articleRevisions.number);
    expect(revisions.map((r) => [r.number, r.authorId, r.note])).toEqual([
      [1, editor.id, ""],
      [2, editor.id, "Tunnel, not bridge"],
    ]);
    expect(revisions[0]!.plainText).toBe(buildArticleText(revisions[0]!.content as DocNode).text);
    expect(revisions[1]!.plainText).toBe(row.plainText);
    expect(revisions[1]!.steps).toEqual(steps);
    const anchors = await db.select().from(claimAnchors).where(and(eq(claimAnchors.articleId, id), eq(claimAnchors.revision, 2)));
    expect(Object.fromEntries(anchors.map((x) => [x.claimId, [x.state, x.method]]))).toEqual({
      [a.id]: ["unchanged", "steps"],
      [b.id]: ["changed", "steps"],
      [c.id]: ["orphaned", "steps"],
    });
    const first = await db.select().from(claimAnchors).where(and(eq(claimAnchors.claimId, a.id), eq(claimAnchors.revision, 1)));
    expect(first[0]).toMatchObject({ quoteExact: A, positionStart: a.selectors.position.start, state: "unchanged", method: "created" });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.type, "text_revised")));
    expect(audit).toMatchObject([{ actorId: editor.id, data: { revision: 2, note: "Tunnel, not bridge", unchanged: 1, changed: 1, orphaned: 1 } }]);

    // The full-text index follows the new text.
    const hits = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM search_articles JOIN search_keys k ON k.doc = search_articles.rowid WHERE k.ref_id = ${id} AND search_articles MATCH 'tunnel'`);
    expect(hits[0]!.n).toBe(1);
  });

  it("an orphaned claim whose words also stand elsewhere is not moved there by exports or the published page", async () => {
    const { id } = await createArticle({
      actor: editor,
      input: { title: "Twice", format: "text", body: `First: ${TWICE}.\n\nSecond: ${TWICE}.` },
    });
    const text = (await stored(id)).plainText;
    const quote = TWICE;
    const start = text.lastIndexOf(quote);
    const second = await createClaim({ actor: reviewer, input: { articleId: id, start, end: start + quote.length, exact: quote } });
    const steps = await stepsOf(id, (tr, t) => {
      const para = tr.doc.resolve(at(t, "Second"));
      tr.delete(para.before(), para.after());
    });
    expect((await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps } })).status).toBe("saved");
    expect(await getClaim({ claimId: second.id })).toMatchObject({ anchorState: "orphaned" });
    const bundle = await loadExportBundle({ articleId: id, scope: "all", origin: "http://localhost:3000" });
    expect(placeClaims(bundle)).toEqual({ ranges: [null], orphans: [0] });
  });

  it("a base revision that is no longer current is a conflict that writes nothing", async () => {
    const id = await article();
    const first = await stepsOf(id, (tr, text) => tr.insertText("One. ", at(text, "Intro")));
    expect((await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps: first } })).status).toBe("saved");
    const stale = await saveTextRevision({ actor: admin, input: { articleId: id, baseRevision: 1, steps: first, note: "late" } });
    expect(stale).toMatchObject({ status: "conflict", current: { number: 2, authorName: editor.name } });
    if (stale.status === "conflict") expect(stale.current.plainText.startsWith("One. Intro")).toBe(true);
    const row = await stored(id);
    expect(row.currentRevision).toBe(2);
    expect(row.plainText.match(/One\. /g)).toHaveLength(1);
  });

  it("refuses steps that do not apply, too many steps and links outside the allow-list, keeping the text", async () => {
    const id = await article();
    const wrong = [{ stepType: "replace", from: 100_000, to: 100_001 }];
    await expectAppError(saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps: wrong } }), "bad_request:article");
    const many = Array.from({ length: MAX_STEPS + 1 }, () => ({ stepType: "replace", from: 1, to: 1 }));
    await expectAppError(saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps: many } }), "bad_request:article");
    await expectAppError(saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps: "x" } }), "bad_request:article");
    const link = await stepsOf(id, (tr, text) => {
      const from = at(text, "Intro");
      tr.addMark(from, from + 5, getArticleSchema().marks.link!.create({ href: "javascript:alert(1)" }));
    });
    await expectAppError(saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps: link } }), "bad_request:article");
    const row = await stored(id);
    expect(row.currentRevision).toBe(1);
    expect(row.plainText).toBe(buildArticleText(row.content as DocNode).text);
  });
});

describe("claims made on an older revision", () => {
  it("is mapped to the current text when the edits left its words intact, refused with “The article changed; reload” otherwise", async () => {
    const id = await article();
    const old = (await stored(id)).plainText;
    const steps = await stepsOf(id, (tr, text) => {
      const bridge = text.textToPos(text.text.indexOf("bridge"), "start");
      tr.insertText("tunnel", bridge, bridge + "bridge".length);
      tr.insertText("New. ", at(text, "Intro"));
    });
    expect((await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps } })).status).toBe("saved");
    const current = (await stored(id)).plainText;

    const start = old.indexOf(A);
    const mapped = await createClaim({ actor: reviewer, input: { articleId: id, revision: 1, start, end: start + A.length, exact: A } });
    expect(current.slice(mapped.selectors.position.start, mapped.selectors.position.end)).toBe(A);

    const bStart = old.indexOf(B);
    const error = await expectAppError(createClaim({ actor: reviewer, input: { articleId: id, revision: 1, start: bStart, end: bStart + B.length, exact: B } }), "conflict:article");
    expect(error.message).toMatch(/^The article changed; reload/);
  });
});

describe("the re-check queue", () => {
  it("Accept new text clears the re-check and is recorded; orphaned claims are re-anchored to selected words", async () => {
    const id = await article();
    const b = await approved(id, B);
    const c = await desk.mark(C, { articleId: id });
    const steps = await stepsOf(id, (tr, text) => {
      const cPara = tr.doc.resolve(at(text, "A spokesperson"));
      tr.delete(cPara.before(), cPara.after());
      const bridge = text.textToPos(text.text.indexOf("bridge"), "start");
      tr.insertText("tunnel", bridge, bridge + "bridge".length);
    });
    expect((await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps } })).status).toBe("saved");

    const b2 = await getClaim({ claimId: b.id });
    await expectAppError(acceptNewText({ actor: reviewer, input: { claimId: b.id, version: b2.version - 1 } }), "conflict:claim");
    const accepted = await acceptNewText({ actor: reviewer, input: { claimId: b.id, version: b2.version } });
    expect(accepted).toMatchObject({ anchorState: "unchanged", recheckQuote: null, status: "verdict_proposed", version: b2.version + 1 });
    expect((await eventsOf(b.id)).at(-1)).toMatchObject({ type: "text_accepted", actorId: reviewer.id, data: { revision: 2, before: B, after: b2.selectors.quote.exact } });
    // Looked at: now it may be approved again.
    expect((await wf.approveClaim({ actor: admin, input: { claimId: b.id, version: accepted.version } })).status).toBe("done");

    const c2 = await getClaim({ claimId: c.id });
    await expectAppError(acceptNewText({ actor: reviewer, input: { claimId: c.id, version: c2.version } }), "bad_request:claim");
    const text = (await stored(id)).plainText;
    const words = "Officials claimed";
    await expectAppError(
      reanchorClaim({ actor: reviewer, input: { claimId: c.id, version: c2.version, revision: 1, start: text.indexOf(words), end: text.indexOf(words) + words.length, exact: words } }),
      "conflict:article",
    );
    const re = await reanchorClaim({ actor: reviewer, input: { claimId: c.id, version: c2.version, revision: 2, start: text.indexOf(words), end: text.indexOf(words) + words.length, exact: words } });
    expect(re).toMatchObject({ anchorState: "unchanged", recheckQuote: null, selectors: { quote: { exact: words } } });
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({ type: "reanchored", data: { method: "manual", before: { exact: C }, after: { exact: words } } });
  });
});

describe("re-checks in My queue", () => {
  it("lists a changed claim for its assignee, and an unassigned one for the article's assignee, until someone looks", async () => {
    const id = await article();
    const owner = await desk.addUser("reviewer", { name: "Queue Owner" });
    const other = await desk.addUser("reviewer", { name: "Someone Else" });
    const mine = await desk.mark(B, { articleId: id });
    const assigned = await wf.assignClaim({ actor: editor, input: { claimId: mine.id, version: mine.version, assigneeId: owner.id } });
    if (assigned.status !== "done") throw new Error("setup: assign");
    const unassigned = await desk.mark(C, { articleId: id });
    const untouched = await desk.mark(A, { articleId: id });
    await wf.assignArticle({ actor: editor, input: { articleId: id, assigneeId: owner.id } });
    expect((await wf.getMyQueue({ actor: owner })).rechecks).toEqual([]);

    const steps = await stepsOf(id, (tr, text) => {
      const cPara = tr.doc.resolve(at(text, "A spokesperson"));
      tr.delete(cPara.before(), cPara.after());
      const bridge = text.textToPos(text.text.indexOf("bridge"), "start");
      tr.insertText("tunnel", bridge, bridge + "bridge".length);
    });
    expect((await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps } })).status).toBe("saved");

    const queue = await wf.getMyQueue({ actor: owner });
    const byId = new Map(queue.rechecks.map((r) => [r.id, r]));
    expect(byId.get(mine.id)).toMatchObject({ anchorState: "changed", recheckQuote: B, articleId: id });
    expect(byId.get(unassigned.id)).toMatchObject({ anchorState: "orphaned", recheckQuote: C });
    expect(byId.has(untouched.id)).toBe(false);
    expect((await wf.getMyQueue({ actor: other })).rechecks.some((r) => r.articleId === id)).toBe(false);

    const current = await getClaim({ claimId: mine.id });
    await acceptNewText({ actor: owner, input: { claimId: mine.id, version: current.version } });
    expect((await wf.getMyQueue({ actor: owner })).rechecks.map((r) => r.id)).toEqual([unassigned.id]);
  });
});

describe("a new version from outside (saveExternalRevision, previewExternalRevision)", () => {
  /** BODY as an HTML page: a sentence inserted before A, "bridge" → "tunnel" inside B, C's paragraph gone, and a script the sanitiser must drop. */
  const NEW_HTML = [
    "<p>Intro paragraph that stays as it is.</p>",
    "<p>Figures were released on Monday. The mayor said unemployment fell to 3% last year.</p>",
    "<script>alert('x')</script>",
    '<p onclick="steal()">Officials claimed the new <b>tunnel</b> cost nothing at all.</p>',
  ].join("\n");

  it("previews without writing, then saves as the next revision: unchanged, changed (an approved claim back to proposed) and orphaned, mapped through the diff", async () => {
    const id = await article();
    const a = await desk.mark(A, { articleId: id });
    const b = await approved(id, B);
    const c = await desk.mark(C, { articleId: id });
    const before = await stored(id);

    const preview = await previewExternalRevision({ actor: editor, input: { articleId: id, baseRevision: 1, format: "html", content: NEW_HTML } });
    if (preview.status !== "preview") throw new Error("expected a preview");
    expect(preview).toMatchObject({ baseRevision: 1, number: 2, counts: { unchanged: 1, changed: 1, orphaned: 1 } });
    // "Figures were released on Monday" and "tunnel" in; "bridge" and C's sentence out ("A spokesperson added that every school now has a nurse").
    expect(preview.words).toEqual({ added: 6, removed: 11 });
    expect(preview.claims).toEqual([
      { id: a.id, state: "unchanged", quote: A, newText: A },
      { id: b.id, state: "changed", quote: B, newText: "the new tunnel cost nothing" },
      { id: c.id, state: "orphaned", quote: C, newText: "" },
    ]);
    // Nothing was written by the preview.
    expect(await stored(id)).toEqual(before);
    expect(await getClaim({ claimId: b.id })).toMatchObject({ status: "approved", version: b.version });

    const saved = await saveExternalRevision({ actor: editor, input: { articleId: id, baseRevision: 1, format: "html", content: NEW_HTML, note: "The site's update", sourceUrl: "https://example.org/story" } });
    if (saved.status !== "saved") throw new Error("expected saved");
    expect(saved.revision).toMatchObject({ number: 2, note: "The site's update", authorName: editor.name });
    expect(saved.counts).toEqual({ unchanged: 1, changed: 1, orphaned: 1 });
    expect(saved.words).toEqual(preview.words);
    expect(saved.anchors.map((x) => [x.id, x.state, x.method]).sort()).toEqual(
      [
        [a.id, "unchanged", "diff"],
        [b.id, "changed", "diff"],
        [c.id, "orphaned", "diff"],
      ].sort(),
    );

    const row = await stored(id);
    expect(row.currentRevision).toBe(2);
    // Sanitised as an import is: no script, no handler.
    expect(row.plainText).toBe(
      "Intro paragraph that stays as it is.\n\nFigures were released on Monday. The mayor said unemployment fell to 3% last year.\n\nOfficials claimed the new tunnel cost nothing at all.",
    );
    expect(JSON.stringify(row.content)).not.toMatch(/alert|steal|onclick/);
    expect(saved.plainText).toBe(row.plainText);

    const a2 = await getClaim({ claimId: a.id });
    expect(row.plainText.slice(a2.selectors.position.start, a2.selectors.position.end)).toBe(A);
    expect(a2).toMatchObject({ anchorState: "unchanged", version: a.version });
    const b2 = await getClaim({ claimId: b.id });
    expect(b2).toMatchObject({ anchorState: "changed", recheckQuote: B, status: "verdict_proposed", approvedAt: null, version: b.version + 1 });
    expect(b2.selectors.quote.exact).toBe("the new tunnel cost nothing");
    expect((await eventsOf(b.id)).slice(-2)).toMatchObject([
      { type: "reanchored", actorId: editor.id, data: { revision: 2, state: "changed", method: "diff", before: { exact: B } } },
      { type: "reopened", data: { from: "approved", to: "verdict_proposed", reason: "text changed in revision 2" } },
    ]);
    const c2 = await getClaim({ claimId: c.id });
    expect(c2).toMatchObject({ anchorState: "orphaned", recheckQuote: C, selectors: { quote: { exact: C } } });

    const db = await getDb();
    const revisions = await db.select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).orderBy(articleRevisions.number);
    expect(revisions.map((r) => [r.number, r.authorId, r.note, r.steps])).toEqual([
      [1, editor.id, "", null],
      [2, editor.id, "The site's update", null],
    ]);
    const anchors = await db.select().from(claimAnchors).where(and(eq(claimAnchors.articleId, id), eq(claimAnchors.revision, 2)));
    expect(anchors).toHaveLength(3);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.type, "text_revised")));
    expect(audit).toMatchObject([
      { actorId: editor.id, data: { revision: 2, note: "The site's update", source: "html", sourceUrl: "https://example.org/story", unchanged: 1, changed: 1, orphaned: 1 } },
    ]);
    expect(await listRevisions({ articleId: id })).toMatchObject([
      { number: 1, authorName: editor.name, note: "", source: "import" },
      { number: 2, authorName: editor.name, note: "The site's update", source: "outside" },
    ]);

    // A claim made on revision 1 cannot be mapped exactly through a version from outside: refused, never stored against other words.
    const aStart = before.plainText.indexOf(A);
    await expectAppError(createClaim({ actor: reviewer, input: { articleId: id, revision: 1, start: aStart, end: aStart + A.length, exact: A } }), "conflict:article");
  });

  it("reviewers cannot bring in a version or preview one; nothing is written", async () => {
    const id = await article();
    const input = { articleId: id, baseRevision: 1, format: "text", content: BODY.replace("bridge", "tunnel") };
    await expectAppError(saveExternalRevision({ actor: reviewer, input }), "forbidden:article");
    await expectAppError(previewExternalRevision({ actor: reviewer, input }), "forbidden:article");
    expect((await stored(id)).currentRevision).toBe(1);
  });

  it("a base revision that is no longer current is a conflict, for a preview and a save, and writes nothing", async () => {
    const id = await article();
    const first = await saveExternalRevision({ actor: editor, input: { articleId: id, baseRevision: 1, format: "markdown", content: BODY.replace("bridge", "*tunnel*") } });
    expect(first.status).toBe("saved");
    const late = { articleId: id, baseRevision: 1, format: "text", content: BODY.replace("bridge", "viaduct"), note: "late" };
    expect(await saveExternalRevision({ actor: admin, input: late })).toMatchObject({ status: "conflict", current: { number: 2, authorName: editor.name } });
    expect(await previewExternalRevision({ actor: admin, input: late })).toMatchObject({ status: "conflict", current: { number: 2 } });
    const row = await stored(id);
    expect(row.currentRevision).toBe(2);
    expect(row.plainText).toContain("tunnel");
    expect(row.plainText).not.toContain("viaduct");
  });

  it("refuses a version identical to the current text, an empty one, an oversized one and pathological documents, with stored data intact", async () => {
    const id = await article();
    const a = await desk.mark(A, { articleId: id });
    const before = await stored(id);
    const input = (format: string, content: string) => ({ articleId: id, baseRevision: 1, format, content });

    const same = await expectAppError(saveExternalRevision({ actor: editor, input: input("text", BODY) }), "bad_request:article");
    expect(same.message).toMatch(/^This version is the same as revision 1\./);
    // The same text as Markdown is still the same text.
    await expectAppError(previewExternalRevision({ actor: editor, input: input("markdown", BODY) }), "bad_request:article");
    await expectAppError(saveExternalRevision({ actor: editor, input: input("html", "  \n ") }), "bad_request:import");
    await expectAppError(saveExternalRevision({ actor: editor, input: input("text", "x".repeat(2 * 1024 * 1024 + 1)) }), "too_large:import");
    await expectAppError(saveExternalRevision({ actor: editor, input: input("pdf", "Hello") }), "bad_request:article");
    const deep: Bomb = { name: "HTML: 300,000 nested <div>s", format: "html", make: () => "<div>".repeat(300_000) + "text" };
    for (const bomb of [deep, MARKDOWN_EMPHASIS_500K]) {
      // The importer's own refusals: too much formatting (too_large), nested too deeply or too complex for its time limit (bad_request).
      const error = await saveExternalRevision({ actor: editor, input: input(bomb.format, bomb.make()) }).then(() => null, (e: unknown) => e as AppError);
      expect(error, bomb.name).toBeInstanceOf(AppError);
      expect(error!.code, bomb.name).toMatch(/^(bad_request|too_large):import$/);
      expect(error!.message, bomb.name).toMatch(/too complex|too much formatting|nested too deeply/);
    }
    expect(await stored(id)).toEqual(before);
    expect(await getClaim({ claimId: a.id })).toMatchObject({ version: a.version, anchorState: "unchanged" });
  }, 60_000);
});

import { asc, eq } from "drizzle-orm";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle } from "@/db/queries/articles";
import { createClaim, deleteClaim, getClaim, saveClaim } from "@/db/queries/claims";
import { addComment, deleteComment, editComment, listComments } from "@/db/queries/comments";
import { getClaimHistory } from "@/db/queries/history";
import { claimComments, claimEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("comments");
afterAll(desk.close);
const { reviewer, editor } = desk;
const { id: articleId, plainText } = desk.sample;

const QUOTE = "The vast majority of Iraq’s provinces are controlled by Iran-supported militias";

async function mark() {
  const start = plainText.indexOf(QUOTE);
  return createClaim({ actor: reviewer, input: { articleId, start, end: start + QUOTE.length, exact: QUOTE } });
}

async function eventsOf(claimId: string) {
  const db = await getDb();
  return db.select().from(claimEvents).where(eq(claimEvents.claimId, claimId)).orderBy(asc(claimEvents.id));
}

async function rejects(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error("expected the call to fail");
}

describe("comments", () => {
  it("posts a comment with its audit row, without touching the claim's version", async () => {
    const claim = await mark();
    const posted = await addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "Which provinces?\nSource please.  \n\n" } });
    expect(posted).toMatchObject({ authorName: reviewer.name, body: "Which provinces?\nSource please.", kind: "comment", mine: true, edited: false, deletedAt: null });

    const events = await eventsOf(claim.id);
    expect(events.map((e) => e.type)).toEqual(["created", "comment_added"]);
    expect(events[1]).toMatchObject({ actorId: reviewer.id, version: 1, data: { commentId: posted.id, body: "Which provinces?\nSource please." } });

    // A comment is not a claim edit: a save from version 1 is not a conflict.
    const saved = await saveClaim({
      actor: reviewer,
      input: { claimId: claim.id, baseVersion: 1, fields: { claimAsChecked: QUOTE, claimant: "", verdict: "false", rationale: "", status: "open", sources: [] } },
    });
    expect(saved.status).toBe("saved");

    // The editor sees it, not as theirs.
    const seen = await listComments({ actor: editor, input: { articleId, claimId: claim.id } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: posted.id, mine: false, authorName: reviewer.name });
  });

  it("refuses empty and oversized comments", async () => {
    const claim = await mark();
    expect(await rejects(addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "   \n " } }))).toBe("bad_request:comment");
    expect(await rejects(addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "x".repeat(10_001) } }))).toBe("bad_request:comment");
    expect(await rejects(addComment({ actor: reviewer, input: { articleId, claimId: "nope", body: "hi" } }))).toBe("bad_request:comment");
    await addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "x".repeat(10_000) } });
    expect((await eventsOf(claim.id)).map((e) => e.type)).toEqual(["created", "comment_added"]);
  });

  it("answers not found for another article's claim, a deleted claim or an unknown id", async () => {
    const other = await createArticle({ actor: reviewer, input: { title: "Another article", format: "text", body: plainText.slice(0, 2000) } });
    const claim = await mark();
    // The claim exists, but not on this article.
    expect(await rejects(addComment({ actor: reviewer, input: { articleId: other.id, claimId: claim.id, body: "hi" } }))).toBe("not_found:claim");
    expect(await rejects(listComments({ actor: reviewer, input: { articleId: other.id, claimId: claim.id } }))).toBe("not_found:claim");
    const posted0 = await addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "on the right article" } });
    expect(
      await rejects(editComment({ actor: reviewer, input: { articleId: other.id, claimId: claim.id, commentId: posted0.id, body: "moved" } })),
    ).toBe("not_found:comment");
    expect(await rejects(addComment({ actor: reviewer, input: { articleId, claimId: crypto.randomUUID(), body: "hi" } }))).toBe("not_found:claim");

    const posted = await addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "before delete" } });
    await deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } });
    expect(await rejects(addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "hi" } }))).toBe("not_found:claim");
    expect(await rejects(editComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: posted.id, body: "x" } }))).toBe("not_found:comment");
    expect(await rejects(deleteComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: posted.id } }))).toBe("not_found:comment");
    // Nothing was written for the refused calls.
    expect((await eventsOf(claim.id)).map((e) => e.type)).toEqual(["created", "comment_added", "comment_added", "deleted"]);
  });

  it("lets only the author edit, recording before and after", async () => {
    const claim = await mark();
    const posted = await addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "First thought" } });

    expect(await rejects(editComment({ actor: editor, input: { articleId, claimId: claim.id, commentId: posted.id, body: "Hijacked" } }))).toBe("forbidden:comment");
    expect(await rejects(deleteComment({ actor: editor, input: { articleId, claimId: claim.id, commentId: posted.id } }))).toBe("forbidden:comment");

    const edited = await editComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: posted.id, body: "Second thought" } });
    expect(edited).toMatchObject({ body: "Second thought", edited: true });
    const events = await eventsOf(claim.id);
    expect(events.map((e) => e.type)).toEqual(["created", "comment_added", "comment_edited"]);
    expect(events[2]).toMatchObject({ actorId: reviewer.id, data: { commentId: posted.id, before: "First thought", after: "Second thought" } });

    // An edit that changes nothing writes nothing.
    await editComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: posted.id, body: "Second thought" } });
    expect(await eventsOf(claim.id)).toHaveLength(3);
  });

  it("soft-deletes: a placeholder in the thread, the text in the history only", async () => {
    const claim = await mark();
    const keep = await addComment({ actor: editor, input: { articleId, claimId: claim.id, body: "Stays" } });
    const gone = await addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "Secret draft note" } });
    const deleted = await deleteComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: gone.id } });
    expect(deleted).toMatchObject({ id: gone.id, body: null });
    expect(deleted.deletedAt).not.toBeNull();

    const thread = await listComments({ actor: editor, input: { articleId, claimId: claim.id } });
    expect(thread.map((c) => [c.id, c.body])).toEqual([
      [keep.id, "Stays"],
      [gone.id, null],
    ]);
    expect(JSON.stringify(thread)).not.toContain("Secret draft note");

    // Once deleted it cannot be edited or deleted again.
    expect(await rejects(editComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: gone.id, body: "again" } }))).toBe("not_found:comment");
    expect(await rejects(deleteComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: gone.id } }))).toBe("not_found:comment");

    const events = await eventsOf(claim.id);
    expect(events.at(-1)).toMatchObject({ type: "comment_deleted", actorId: reviewer.id, data: { commentId: gone.id, body: "Secret draft note" } });
    const db = await getDb();
    const [row] = await db.select().from(claimComments).where(eq(claimComments.id, gone.id));
    expect(row?.body).toBe("Secret draft note");
  });

  it("keeps the audit chain consistent when two windows of the author edit at once", async () => {
    const claim = await mark();
    const posted = await addComment({ actor: reviewer, input: { articleId, claimId: claim.id, body: "v1" } });
    const results = await Promise.allSettled(
      ["v2a", "v2b"].map((body) => editComment({ actor: reviewer, input: { articleId, claimId: claim.id, commentId: posted.id, body } })),
    );
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("conflict:comment");
    const edits = (await eventsOf(claim.id)).filter((e) => e.type === "comment_edited").map((e) => e.data as { before: string; after: string });
    expect(edits).toHaveLength(results.filter((r) => r.status === "fulfilled").length);
    // Each edit starts from the text the previous one left: no edit is lost from the record.
    let text = "v1";
    for (const e of edits) {
      expect(e.before).toBe(text);
      text = e.after;
    }
    const [stored] = await listComments({ actor: reviewer, input: { articleId, claimId: claim.id } });
    expect(stored?.body).toBe(text);
  });

  it("shows an editor's return reason in the thread, and nobody can edit it", async () => {
    const claim = await mark();
    const db = await getDb();
    const id = crypto.randomUUID();
    // As the workflow's "Return" writes it.
    await db.insert(claimComments).values({ id, claimId: claim.id, articleId, authorId: editor.id, kind: "return", body: "Needs a second source." });
    const [reason] = await listComments({ actor: editor, input: { articleId, claimId: claim.id } });
    expect(reason).toMatchObject({ kind: "return", body: "Needs a second source.", mine: true });
    expect(await rejects(editComment({ actor: editor, input: { articleId, claimId: claim.id, commentId: id, body: "changed" } }))).toBe("forbidden:comment");
    expect(await rejects(deleteComment({ actor: editor, input: { articleId, claimId: claim.id, commentId: id } }))).toBe("forbidden:comment");
  });
});

describe("history", () => {
  it("lists the timeline with names, verdict labels and comment events", async () => {
    const claim = await mark();
    await saveClaim({
      actor: reviewer,
      input: { claimId: claim.id, baseVersion: 1, fields: { claimAsChecked: QUOTE, claimant: "", verdict: "mostly_false", rationale: "Only 6 of 18.", sources: [] } },
    });
    const c = await addComment({ actor: editor, input: { articleId, claimId: claim.id, body: "Good catch" } });
    await editComment({ actor: editor, input: { articleId, claimId: claim.id, commentId: c.id, body: "Good catch!" } });
    await deleteComment({ actor: editor, input: { articleId, claimId: claim.id, commentId: c.id } });
    const db = await getDb();
    // An assignment as the workflow writes it: user ids in the data become names.
    await db.insert(claimEvents).values({ claimId: claim.id, articleId, actorId: editor.id, type: "assigned", version: 2, data: { from: null, to: reviewer.id } });

    const history = await getClaimHistory({ actor: editor, input: { articleId, claimId: claim.id } });
    expect(history.map((h) => [h.actor, h.type])).toEqual([
      [reviewer.name, "created"],
      [reviewer.name, "updated"],
      [editor.name, "comment_added"],
      [editor.name, "comment_edited"],
      [editor.name, "comment_deleted"],
      [editor.name, "assigned"],
    ]);
    expect(history[1]!.changes).toEqual([
      { kind: "field", field: "Verdict", before: "No verdict", after: "Mostly false" },
      // The first saved edit starts the review (lib/workflow.ts).
      { kind: "field", field: "Status", before: "Open", after: "In review" },
      { kind: "field", field: "Rationale", before: "", after: "Only 6 of 18." },
    ]);
    expect(history[3]!.changes).toEqual([{ kind: "field", field: "Comment", before: "Good catch", after: "Good catch!" }]);
    expect(history[5]!.summary).toBe(`assigned the claim to ${reviewer.name}`);
    for (const h of history) expect(Date.parse(h.at)).not.toBeNaN();

    // Another article's id: not found. A deleted claim keeps its history.
    expect(await rejects(getClaimHistory({ actor: editor, input: { articleId: crypto.randomUUID(), claimId: claim.id } }))).toBe("not_found:claim");
    await deleteClaim({ actor: editor, input: { claimId: claim.id, version: (await getClaim({ claimId: claim.id })).version } });
    const after = await getClaimHistory({ actor: editor, input: { articleId, claimId: claim.id } });
    expect(after.at(-1)).toMatchObject({ type: "deleted", summary: "deleted the claim", actor: editor.name });
  });

  it("is read-only: no domain function or server action updates or deletes claim_events", () => {
    const root = path.resolve(__dirname, "..", "..");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        const p = path.join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk(path.join(root, "app"));
    walk(path.join(root, "db", "queries"));
    expect(files.some((f) => f.endsWith("discussion-actions.ts"))).toBe(true);
    const offenders = files.filter((f) => {
      const text = readFileSync(f, "utf8");
      return /\b(update|delete)\(\s*claimEvents\s*\)/.test(text) || /(UPDATE\s+claim_events|DELETE\s+FROM\s+claim_events)/i.test(text);
    });
    expect(offenders).toEqual([]);
  });
});

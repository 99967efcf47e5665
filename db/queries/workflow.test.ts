import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { listArticles } from "@/db/queries/articles";
import { createClaim, getClaim, saveClaim } from "@/db/queries/claims";
import * as wf from "@/db/queries/workflow";
import { auditEvents, claimComments, claimEvents } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import type { ClaimDto, ClaimFields } from "@/lib/claims";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("workflow");
afterAll(desk.close);
const { reviewer, editor, admin } = desk;
const editor2 = await desk.addUser("editor", { name: "Second Editor" });
const disabledReviewer = await desk.addUser("reviewer", { name: "Gone Reviewer", disabled: true });
const { id: articleId, plainText } = desk.sample;

const QUOTE = "The vast majority of Iraq’s provinces are controlled by Iran-supported militias";

async function mark() {
  const start = plainText.indexOf(QUOTE);
  return createClaim({ actor: reviewer, input: { articleId, start, end: start + QUOTE.length, exact: QUOTE } });
}

function fieldsOf(claim: ClaimDto, over: Partial<ClaimFields> = {}): ClaimFields {
  return { claimAsChecked: claim.claimAsChecked, claimant: claim.claimant, verdict: claim.verdict, rationale: claim.rationale, sources: claim.sources, ...over };
}

async function save(actor: SessionUser, claim: ClaimDto, over: Partial<ClaimFields>): Promise<ClaimDto> {
  const result = await saveClaim({ actor, input: { claimId: claim.id, baseVersion: claim.version, fields: fieldsOf(claim, over) } });
  if (result.status !== "saved") throw new Error("conflict");
  return result.claim;
}

function done(result: Awaited<ReturnType<typeof wf.approveClaim>>): ClaimDto {
  if (result.status !== "done") throw new Error(`expected done, got ${result.status}`);
  return result.claim;
}

/** A claim with a verdict, submitted by `by`. */
async function proposed(by: SessionUser = reviewer): Promise<ClaimDto> {
  const claim = await save(by, await mark(), { verdict: "false", rationale: "No evidence." });
  return done(await wf.submitForApproval({ actor: by, input: { claimId: claim.id, version: claim.version } }));
}

async function eventsOf(claimId: string) {
  const db = await getDb();
  return db.select().from(claimEvents).where(eq(claimEvents.claimId, claimId)).orderBy(claimEvents.id);
}

describe("start of review", () => {
  it("the first saved edit moves an open claim to in review, recorded in the update", async () => {
    const claim = await mark();
    expect(claim.status).toBe("open");
    const saved = await save(reviewer, claim, { claimant: "The article" });
    expect(saved.status).toBe("in_review");
    const events = await eventsOf(claim.id);
    expect(events.at(-1)).toMatchObject({ type: "updated", version: 2, data: { status: { before: "open", after: "in_review" } } });
  });
});

describe("submit for approval", () => {
  it("needs a verdict", async () => {
    const claim = await save(reviewer, await mark(), { rationale: "Still looking." });
    await expect(wf.submitForApproval({ actor: reviewer, input: { claimId: claim.id, version: claim.version } })).rejects.toMatchObject({
      type: "bad_request",
      message: expect.stringMatching(/verdict/),
    });
    expect((await getClaim({ claimId: claim.id })).status).toBe("in_review");
  });

  it("moves to verdict proposed with the proposer, a submitted event and a new version", async () => {
    const claim = await proposed();
    expect(claim).toMatchObject({ status: "verdict_proposed", proposedBy: reviewer.id, proposedByName: reviewer.name, version: 3 });
    expect(claim.proposedAt).toBeTruthy();
    expect((await eventsOf(claim.id)).at(-1)).toMatchObject({ type: "submitted", version: 3, actorId: reviewer.id, data: { from: "in_review", to: "verdict_proposed" } });
  });

  it("works straight from open, and not twice", async () => {
    const claim = await mark();
    const withVerdict = await save(reviewer, claim, { verdict: "true" });
    const submitted = done(await wf.submitForApproval({ actor: reviewer, input: { claimId: claim.id, version: withVerdict.version } }));
    await expect(wf.submitForApproval({ actor: reviewer, input: { claimId: claim.id, version: submitted.version } })).rejects.toMatchObject({ type: "conflict" });
  });
});

describe("approve", () => {
  it("an editor approves another person's proposal", async () => {
    const claim = await proposed();
    const approved = done(await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } }));
    expect(approved).toMatchObject({ status: "approved", approvedByName: editor.name, version: claim.version + 1 });
    expect(approved.approvedAt).toBeTruthy();
    expect((await eventsOf(claim.id)).at(-1)).toMatchObject({ type: "approved", actorId: editor.id, data: { from: "verdict_proposed", to: "approved" } });
  });

  it("a reviewer cannot approve, whatever the client sends", async () => {
    const claim = await proposed();
    await expect(wf.approveClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } })).rejects.toMatchObject({ type: "forbidden" });
    await expect(wf.bulkApprove({ actor: reviewer, input: { claimIds: [claim.id] } })).rejects.toMatchObject({ type: "forbidden" });
    const stored = await getClaim({ claimId: claim.id });
    expect(stored.status).toBe("verdict_proposed");
    expect(stored.version).toBe(claim.version);
  });

  it("four eyes: an editor cannot approve their own proposal, another editor can", async () => {
    const claim = await proposed(editor);
    await expect(wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } })).rejects.toMatchObject({
      type: "forbidden",
      message: expect.stringMatching(/another editor/),
    });
    done(await wf.approveClaim({ actor: editor2, input: { claimId: claim.id, version: claim.version } }));
  });

  it("four eyes: an editor who changes a proposed verdict becomes its proposer", async () => {
    const claim = await proposed(reviewer);
    const changed = await save(editor, claim, { verdict: "mostly_false" });
    expect(changed).toMatchObject({ status: "verdict_proposed", proposedBy: editor.id });
    await expect(wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: changed.version } })).rejects.toMatchObject({ type: "forbidden" });
  });

  it("an admin may approve their own proposal, and the event says so", async () => {
    const claim = await proposed(admin);
    done(await wf.approveClaim({ actor: admin, input: { claimId: claim.id, version: claim.version } }));
    expect((await eventsOf(claim.id)).at(-1)).toMatchObject({ type: "approved", data: { reason: expect.stringMatching(/admin/) } });
  });

  it("only from verdict proposed", async () => {
    const claim = await save(reviewer, await mark(), { verdict: "false" });
    await expect(wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } })).rejects.toMatchObject({ type: "conflict" });
  });

  it("a stale version is a conflict, not an overwrite", async () => {
    const claim = await proposed();
    const newer = await save(reviewer, claim, { rationale: "More evidence." });
    const result = await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } });
    expect(result.status).toBe("conflict");
    if (result.status !== "conflict") return;
    expect(result.current.version).toBe(newer.version);
    expect(result.current.status).toBe("verdict_proposed");
    expect((await eventsOf(claim.id)).some((e) => e.type === "approved")).toBe(false);
  });

  it("refuses bad input and unknown claims", async () => {
    await expect(wf.approveClaim({ actor: editor, input: { claimId: "nope", version: 1 } })).rejects.toMatchObject({ type: "bad_request" });
    await expect(wf.approveClaim({ actor: editor, input: { claimId: crypto.randomUUID(), version: 1 } })).rejects.toMatchObject({ type: "not_found" });
  });
});

describe("return", () => {
  it("needs a reason, and is for editors only", async () => {
    const claim = await proposed();
    await expect(wf.returnClaim({ actor: editor, input: { claimId: claim.id, version: claim.version, reason: "   " } })).rejects.toMatchObject({
      type: "bad_request",
      fieldErrors: { reason: expect.any(String) },
    });
    await expect(wf.returnClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version, reason: "x" } })).rejects.toMatchObject({ type: "forbidden" });
  });

  it("sends a proposed verdict back to in review with a returned event and a return comment in the same write", async () => {
    const claim = await proposed();
    const returned = done(await wf.returnClaim({ actor: editor, input: { claimId: claim.id, version: claim.version, reason: "Cite the survey." } }));
    expect(returned).toMatchObject({ status: "in_review", proposedBy: null, approvedAt: null });
    const event = (await eventsOf(claim.id)).at(-1)!;
    expect(event).toMatchObject({ type: "returned", data: { from: "verdict_proposed", to: "in_review", reason: "Cite the survey." } });
    const db = await getDb();
    const [comment] = await db.select().from(claimComments).where(eq(claimComments.claimId, claim.id));
    expect(comment).toMatchObject({ kind: "return", body: "Cite the survey.", authorId: editor.id, articleId });
    expect((event.data as { commentId: string }).commentId).toBe(comment!.id);
  });

  it("takes back an approval and clears the approver", async () => {
    const claim = await proposed();
    const approved = done(await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } }));
    const returned = done(await wf.returnClaim({ actor: editor, input: { claimId: claim.id, version: approved.version, reason: "Wrong source." } }));
    expect(returned).toMatchObject({ status: "in_review", approvedByName: null, approvedAt: null });
  });

  it("not from in review, and a stale return writes no comment", async () => {
    const claim = await save(reviewer, await mark(), { verdict: "false" });
    await expect(wf.returnClaim({ actor: editor, input: { claimId: claim.id, version: claim.version, reason: "x" } })).rejects.toMatchObject({ type: "conflict" });
    const p = await proposed();
    await save(reviewer, p, { claimant: "Someone" });
    expect((await wf.returnClaim({ actor: editor, input: { claimId: p.id, version: p.version, reason: "late" } })).status).toBe("conflict");
    const db = await getDb();
    expect(await db.select().from(claimComments).where(eq(claimComments.claimId, p.id))).toHaveLength(0);
  });
});

describe("editing an approved claim", () => {
  it("changing the verdict withdraws the approval and records why", async () => {
    const claim = await proposed();
    const approved = done(await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } }));
    const changed = await save(reviewer, approved, { verdict: "half_true" });
    expect(changed).toMatchObject({ status: "verdict_proposed", approvedAt: null, approvedByName: null, proposedBy: reviewer.id, version: approved.version + 1 });
    const events = await eventsOf(claim.id);
    expect(events.slice(-2).map((e) => e.type).sort()).toEqual(["reopened", "updated"]);
    expect(events.find((e) => e.type === "reopened")).toMatchObject({
      version: approved.version + 1,
      data: { from: "approved", to: "verdict_proposed", reason: `Verdict changed after approval by ${reviewer.name}` },
    });
  });

  it("changing only the sources or claimant keeps the approval", async () => {
    const claim = await proposed();
    const approved = done(await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } }));
    const changed = await save(reviewer, approved, { claimant: "A minister" });
    expect(changed.status).toBe("approved");
    expect(changed.approvedByName).toBe(editor.name);
  });

  it("removing the verdict sends it back to in review", async () => {
    const claim = await proposed();
    const approved = done(await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } }));
    const changed = await save(editor, approved, { verdict: null });
    expect(changed.status).toBe("in_review");
    expect((await eventsOf(claim.id)).find((e) => e.type === "reopened")).toMatchObject({ data: { from: "approved", to: "in_review" } });
  });
});

describe("assignment", () => {
  it("lists active reviewers and editors only", async () => {
    const list = await wf.listAssignableUsers();
    expect(list.map((u) => u.name)).toContain(reviewer.name);
    expect(list.map((u) => u.name)).toContain(editor.name);
    expect(list.map((u) => u.id)).not.toContain(admin.id);
    expect(list.map((u) => u.id)).not.toContain(disabledReviewer.id);
  });

  it("an editor assigns a claim: new version and an assigned event with from/to; it shows in the reviewer's queue", async () => {
    const claim = await mark();
    const assigned = done(await wf.assignClaim({ actor: editor, input: { claimId: claim.id, version: claim.version, assigneeId: reviewer.id } }));
    expect(assigned).toMatchObject({ assigneeId: reviewer.id, assigneeName: reviewer.name, version: claim.version + 1 });
    expect((await eventsOf(claim.id)).at(-1)).toMatchObject({ type: "assigned", data: { from: null, to: reviewer.id } });
    const queue = await wf.getMyQueue({ actor: reviewer });
    expect(queue.claims[0]).toMatchObject({ id: claim.id, articleId });
    const unassigned = done(await wf.assignClaim({ actor: editor, input: { claimId: claim.id, version: assigned.version, assigneeId: null } }));
    expect(unassigned.assigneeId).toBeNull();
    expect((await wf.getMyQueue({ actor: reviewer })).claims.some((c) => c.id === claim.id)).toBe(false);
  });

  it("lists the queue's claims by latest activity first", async () => {
    const a = await mark();
    const b = await mark();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5)); // timestamps have millisecond resolution
    const aa = done(await wf.assignClaim({ actor: editor, input: { claimId: a.id, version: a.version, assigneeId: editor2.id } }));
    await tick();
    done(await wf.assignClaim({ actor: editor, input: { claimId: b.id, version: b.version, assigneeId: editor2.id } }));
    expect((await wf.getMyQueue({ actor: editor2 })).claims.slice(0, 2).map((c) => c.id)).toEqual([b.id, a.id]);
    await tick();
    await save(reviewer, aa, { claimant: "Newer activity" });
    expect((await wf.getMyQueue({ actor: editor2 })).claims.slice(0, 2).map((c) => c.id)).toEqual([a.id, b.id]);
  });

  it("refuses reviewers, disabled users, admins and stale versions", async () => {
    const claim = await mark();
    await expect(wf.assignClaim({ actor: reviewer, input: { claimId: claim.id, version: 1, assigneeId: reviewer.id } })).rejects.toMatchObject({ type: "forbidden" });
    await expect(wf.assignClaim({ actor: editor, input: { claimId: claim.id, version: 1, assigneeId: disabledReviewer.id } })).rejects.toMatchObject({ type: "bad_request" });
    await expect(wf.assignClaim({ actor: editor, input: { claimId: claim.id, version: 1, assigneeId: admin.id } })).rejects.toMatchObject({ type: "bad_request" });
    expect((await wf.assignClaim({ actor: editor, input: { claimId: claim.id, version: 7, assigneeId: reviewer.id } })).status).toBe("conflict");
  });

  it("an editor assigns an article with an audit row; it shows in the queue, newest activity first", async () => {
    const result = await wf.assignArticle({ actor: editor, input: { articleId, assigneeId: reviewer.id } });
    expect(result.assigneeId).toBe(reviewer.id);
    const db = await getDb();
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, articleId));
    expect(audit).toMatchObject({ entityType: "article", type: "assigned", actorId: editor.id, data: { from: null, to: reviewer.id } });
    const queue = await wf.getMyQueue({ actor: reviewer });
    expect(queue.articles.map((a) => a.id)).toEqual([articleId]);
    const live = (await listArticles({ pageSize: 1000 })).items.find((a) => a.id === articleId)!.claimCounts;
    expect(queue.articles[0]).toMatchObject({ claims: live.total, approved: live.approved });
    expect(live.total).toBeGreaterThan(0);
    // The latest claim activity counts as the article's activity.
    const marked = await mark();
    expect((await wf.getMyQueue({ actor: reviewer })).articles[0]!.activityAt).toBe((await getClaim({ claimId: marked.id })).updatedAt);
    await expect(wf.assignArticle({ actor: reviewer, input: { articleId, assigneeId: null } })).rejects.toMatchObject({ type: "forbidden" });
    await expect(wf.assignArticle({ actor: editor, input: { articleId: crypto.randomUUID(), assigneeId: null } })).rejects.toMatchObject({ type: "not_found" });
  });
});

describe("bulk", () => {
  it("approves what can be approved and says why the rest was skipped", async () => {
    const a = await proposed();
    const b = await proposed();
    const noVerdict = await save(reviewer, await mark(), { claimant: "x" });
    const own = await proposed(editor);
    const result = await wf.bulkApprove({ actor: editor, input: { claimIds: [a.id, b.id, noVerdict.id, own.id] } });
    expect(result.outcomes.map((o) => o.done)).toEqual([true, true, false, false]);
    expect(result.summary).toBe("2 approved, 2 skipped: no verdict (1), your own proposal (1)");
    expect(result.claims.find((c) => c.id === a.id)?.status).toBe("approved");
    expect((await getClaim({ claimId: own.id })).status).toBe("verdict_proposed");
    expect((await eventsOf(b.id)).at(-1)?.type).toBe("approved");
  });

  it("returns with one reason, a comment per claim", async () => {
    const a = await proposed();
    const open = await mark();
    const result = await wf.bulkReturn({ actor: editor, input: { claimIds: [a.id, open.id], reason: "Add sources." } });
    expect(result.summary).toBe("1 returned, 1 skipped: not submitted");
    const db = await getDb();
    expect(await db.select().from(claimComments).where(eq(claimComments.claimId, a.id))).toHaveLength(1);
  });

  it("assigns several claims, skipping those already assigned", async () => {
    const a = await mark();
    const b = await mark();
    done(await wf.assignClaim({ actor: editor, input: { claimId: b.id, version: b.version, assigneeId: editor2.id } }));
    const result = await wf.bulkAssign({ actor: editor, input: { claimIds: [a.id, b.id], assigneeId: editor2.id } });
    expect(result.summary).toBe("1 assigned, 1 skipped: already assigned");
    expect((await getClaim({ claimId: a.id })).assigneeName).toBe("Second Editor");
  });
});

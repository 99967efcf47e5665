import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { deleteClaim, getClaim, listClaimsForArticle, listDeletedClaims, restoreClaim, saveClaim } from "@/db/queries/claims";
import { getClaimHistory } from "@/db/queries/history";
import { approveClaim, submitForApproval } from "@/db/queries/workflow";
import { claimEvents, claims } from "@/db/schema";
import { claimFieldsOf, type ClaimDto } from "@/lib/claims";
import { expectAppError, openTestDesk } from "@/test/support/database";

// Item 8: deleting is a guarded workflow move, and editors can restore.
const desk = await openTestDesk("claim-delete");
afterAll(desk.close);
const { reviewer, editor, admin } = desk;
const articleId = desk.sample.id;
const QUOTE = "The vast majority of Iraq’s provinces are controlled by Iran-supported militias";

async function eventsOf(claimId: string) {
  const db = await getDb();
  return db.select().from(claimEvents).where(eq(claimEvents.claimId, claimId));
}

async function rowOf(claimId: string) {
  const db = await getDb();
  return (await db.select().from(claims).where(eq(claims.id, claimId)))[0]!;
}

/** A claim proposed by the reviewer and approved by the editor, as the desk does it. */
async function approvedClaim(): Promise<ClaimDto> {
  const claim = await desk.mark(QUOTE);
  const saved = await saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...claimFieldsOf(claim), verdict: "false" } } });
  if (saved.status !== "saved") throw new Error("setup: save");
  const proposed = await submitForApproval({ actor: reviewer, input: { claimId: claim.id, version: saved.claim.version } });
  if (proposed.status !== "done") throw new Error("setup: submit");
  const approved = await approveClaim({ actor: editor, input: { claimId: claim.id, version: proposed.claim.version } });
  if (approved.status !== "done") throw new Error("setup: approve");
  return approved.claim;
}

describe("deleting a claim", () => {
  it("needs the version: a stale delete is a conflict and deletes nothing", async () => {
    const claim = await desk.mark(QUOTE);
    const theirs = await saveClaim({ actor: editor, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...claimFieldsOf(claim), rationale: "Theirs" } } });
    expect(theirs.status).toBe("saved");
    const result = await deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } });
    expect(result).toMatchObject({ status: "conflict", current: { id: claim.id, version: claim.version + 1, rationale: "Theirs" } });
    expect((await rowOf(claim.id)).deletedAt).toBeNull();
    expect((await eventsOf(claim.id)).map((e) => e.type)).toEqual(["created", "updated"]);
    // Without a version at all, the request is refused.
    await expectAppError(deleteClaim({ actor: reviewer, input: { claimId: claim.id } }), "bad_request:claim");
  });

  it("lets a reviewer delete a claim that is not approved", async () => {
    const claim = await desk.mark(QUOTE);
    const result = await deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } });
    expect(result).toMatchObject({ status: "deleted", deleted: { id: claim.id, version: 2, deletedByName: reviewer.name, reason: null } });
    expect((await listClaimsForArticle({ articleId })).some((c) => c.id === claim.id)).toBe(false);
  });

  it("refuses a reviewer deleting an approved claim, with a readable message, and writes nothing", async () => {
    const claim = await approvedClaim();
    const error = await expectAppError(deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version, reason: "I want it gone" } }), "forbidden:claim");
    expect(error.message).toBe("This claim is approved, so only an editor can delete it. Ask an editor if it should go.");
    expect((await rowOf(claim.id)).deletedAt).toBeNull();
    expect((await eventsOf(claim.id)).at(-1)!.type).toBe("approved");
  });

  it("lets an editor delete an approved claim with a reason, recorded in the audit event and the history", async () => {
    const claim = await approvedClaim();
    const missing = await expectAppError(deleteClaim({ actor: editor, input: { claimId: claim.id, version: claim.version, reason: "   " } }), "bad_request:claim");
    expect(missing.message).toBe("Say why this approved claim is deleted.");
    expect((await rowOf(claim.id)).deletedAt).toBeNull();

    const result = await deleteClaim({ actor: editor, input: { claimId: claim.id, version: claim.version, reason: "  The minister withdrew the statement  " } });
    expect(result).toMatchObject({ status: "deleted", deleted: { id: claim.id, status: "approved", reason: "The minister withdrew the statement", deletedByName: editor.name } });
    const last = (await eventsOf(claim.id)).at(-1)!;
    expect(last).toMatchObject({ type: "deleted", actorId: editor.id, version: claim.version + 1 });
    expect(last.data).toMatchObject({ reason: "The minister withdrew the statement", status: "approved", verdict: "false" });
    const history = await getClaimHistory({ actor: reviewer, input: { articleId, claimId: claim.id } });
    expect(history.at(-1)).toMatchObject({ type: "deleted", summary: "deleted the claim", quote: { label: "Reason", text: "The minister withdrew the statement" } });

    const listed = await listDeletedClaims({ actor: editor, input: { articleId } });
    expect(listed[0]).toMatchObject({ id: claim.id, quote: QUOTE, reason: "The minister withdrew the statement" });
    await expectAppError(listDeletedClaims({ actor: reviewer, input: { articleId } }), "forbidden:claim");
  });
});

describe("restoring a deleted claim", () => {
  it("brings an approved claim back as verdict proposed, so it is approved again before it is published", async () => {
    const claim = await approvedClaim();
    const gone = await deleteClaim({ actor: admin, input: { claimId: claim.id, version: claim.version, reason: "Duplicate of another claim" } });
    if (gone.status !== "deleted") throw new Error("delete failed");

    await expectAppError(restoreClaim({ actor: reviewer, input: { claimId: claim.id, version: gone.deleted.version } }), "forbidden:claim");
    await expectAppError(restoreClaim({ actor: editor, input: { claimId: claim.id, version: gone.deleted.version - 1 } }), "conflict:claim");
    expect((await rowOf(claim.id)).deletedAt).not.toBeNull();

    const back = await restoreClaim({ actor: editor, input: { claimId: claim.id, version: gone.deleted.version } });
    expect(back).toMatchObject({ id: claim.id, status: "verdict_proposed", verdict: "false", approvedAt: null, approvedByName: null, proposedBy: reviewer.id });
    expect(back.version).toBe(gone.deleted.version + 1);
    expect((await listClaimsForArticle({ articleId })).some((c) => c.id === claim.id)).toBe(true);
    expect((await listDeletedClaims({ actor: editor, input: { articleId } })).some((c) => c.id === claim.id)).toBe(false);
    const last = (await eventsOf(claim.id)).at(-1)!;
    expect(last).toMatchObject({ type: "restored", actorId: editor.id, data: { from: "approved", to: "verdict_proposed" } });
    const history = await getClaimHistory({ actor: editor, input: { articleId, claimId: claim.id } });
    expect(history.at(-1)).toMatchObject({ type: "restored", summary: "restored the claim", changes: [{ field: "Status", before: "Approved", after: "Verdict proposed" }] });
    // The restoring editor approved it before; the reviewer proposed it: another approval is possible under four-eyes.
    const again = await approveClaim({ actor: editor, input: { claimId: claim.id, version: back.version } });
    expect(again.status).toBe("done");

    // Restoring twice: the second is a conflict and writes nothing.
    const events = (await eventsOf(claim.id)).length;
    await expectAppError(restoreClaim({ actor: editor, input: { claimId: claim.id, version: gone.deleted.version } }), "conflict:claim");
    expect(await eventsOf(claim.id)).toHaveLength(events);
  });

  it("brings any other claim back with the status it had", async () => {
    const claim = await desk.mark(QUOTE);
    const saved = await saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...claimFieldsOf(claim), claimant: "The minister" } } });
    if (saved.status !== "saved") throw new Error("setup");
    const gone = await deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: saved.claim.version } });
    if (gone.status !== "deleted") throw new Error("delete failed");
    const back = await restoreClaim({ actor: editor, input: { claimId: claim.id, version: gone.deleted.version } });
    expect(back).toMatchObject({ status: "in_review", claimant: "The minister" });
    expect((await eventsOf(claim.id)).at(-1)!.data).toEqual({ from: "in_review", to: "in_review" });
  });
});

describe("a delete racing a colleague's save", () => {
  it("has exactly one winner in every pair, and one audit row per winner", async () => {
    const PAIRS = 20;
    let deletes = 0;
    let saves = 0;
    for (let i = 0; i < PAIRS; i++) {
      const claim = await desk.mark(QUOTE);
      const del = () => deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } });
      const save = () => saveClaim({ actor: editor, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...claimFieldsOf(claim), rationale: `save ${i}` } } });
      // Both decided on the same version; who reaches the database first alternates.
      const [first, second] = await Promise.allSettled(i % 2 ? [save(), del()] : [del(), save()]);
      const [delOutcome, saveOutcome] = i % 2 ? [second, first] : [first, second];
      const deleted = delOutcome.status === "fulfilled" && (delOutcome.value as { status: string }).status === "deleted";
      const saved = saveOutcome.status === "fulfilled" && (saveOutcome.value as { status: string }).status === "saved";
      expect(Number(deleted) + Number(saved), `pair ${i}`).toBe(1);
      const types = (await eventsOf(claim.id)).map((e) => e.type);
      expect(types).toEqual(["created", deleted ? "deleted" : "updated"]);
      const row = await rowOf(claim.id);
      expect(row.version).toBe(2);
      if (deleted) {
        expect(row.deletedAt).not.toBeNull();
        expect(row.rationale).toBe("");
        deletes++;
      } else {
        expect(row.deletedAt).toBeNull();
        expect((await getClaim({ claimId: claim.id })).rationale).toBe(`save ${i}`);
        saves++;
      }
    }
    console.log(`delete vs save: ${PAIRS} pairs, ${deletes} deletes won, ${saves} saves won, 0 double wins`);
  });
});

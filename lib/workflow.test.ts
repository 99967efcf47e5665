import { describe, expect, it } from "vitest";
import { canDeleteClaim, checkDelete, checkRestore, checkTransition, deleteClaimSchema, statusAfterEdit, statusAfterRestore, statusAfterTextChange, summarizeBulk } from "@/lib/workflow";

const reviewer = { id: "r", role: "reviewer" as const };
const editor = { id: "e", role: "editor" as const };
const admin = { id: "a", role: "admin" as const };
const proposedBy = (id: string) => ({ status: "verdict_proposed" as const, verdict: "false", proposedBy: id });

describe("checkTransition", () => {
  it("submit needs a verdict and an open or in-review claim", () => {
    expect(checkTransition("submit", reviewer, { status: "in_review", verdict: null, proposedBy: null })?.reason).toBe("no verdict");
    expect(checkTransition("submit", reviewer, { status: "open", verdict: "true", proposedBy: null })).toBeNull();
    expect(checkTransition("submit", reviewer, proposedBy("r"))?.type).toBe("conflict");
  });

  it("approve: editors and admins only, from verdict proposed, never one's own proposal unless admin", () => {
    expect(checkTransition("approve", reviewer, proposedBy("x"))?.type).toBe("forbidden");
    expect(checkTransition("approve", editor, proposedBy("x"))).toBeNull();
    expect(checkTransition("approve", editor, proposedBy("e"))).toMatchObject({ type: "forbidden", reason: "your own proposal" });
    expect(checkTransition("approve", admin, proposedBy("a"))).toBeNull();
    expect(checkTransition("approve", editor, { status: "approved", verdict: "false", proposedBy: "x" })?.reason).toBe("already approved");
    expect(checkTransition("approve", editor, { status: "open", verdict: null, proposedBy: null })?.reason).toBe("no verdict");
  });

  it("return: editors only, from proposed or approved", () => {
    expect(checkTransition("return", reviewer, proposedBy("x"))?.type).toBe("forbidden");
    expect(checkTransition("return", editor, { status: "approved", verdict: "false", proposedBy: "x" })).toBeNull();
    expect(checkTransition("return", editor, { status: "in_review", verdict: "false", proposedBy: null })?.reason).toBe("not submitted");
  });
});

describe("statusAfterEdit", () => {
  it("starts the review on the first change", () => {
    expect(statusAfterEdit({ status: "open" }, ["claimant"], { verdict: null }, "Rita").status).toBe("in_review");
  });
  it("withdraws an approval when the verdict content changes, naming who and what", () => {
    expect(statusAfterEdit({ status: "approved" }, ["verdict", "rationale"], { verdict: "true" }, "Rita")).toEqual({
      status: "verdict_proposed",
      reopened: { reason: "Verdict and rationale changed after approval by Rita" },
      proposerChanges: true,
    });
    expect(statusAfterEdit({ status: "approved" }, ["sources", "claimant"], { verdict: "true" }, "Rita").status).toBe("approved");
    expect(statusAfterEdit({ status: "approved" }, ["verdict"], { verdict: null }, "Rita").status).toBe("in_review");
  });
  it("makes whoever changes a proposed verdict its proposer", () => {
    expect(statusAfterEdit({ status: "verdict_proposed" }, ["rationale"], { verdict: "true" }, "Eddie")).toMatchObject({ status: "verdict_proposed", proposerChanges: true });
    expect(statusAfterEdit({ status: "verdict_proposed" }, ["verdict"], { verdict: null }, "Eddie")).toMatchObject({ status: "in_review", reopened: { reason: "Verdict removed by Eddie" } });
  });
});

describe("summarizeBulk", () => {
  it("counts what was done and why the rest was skipped", () => {
    expect(summarizeBulk("approve", [{ claimId: "1", done: true }, { claimId: "2", done: true }, { claimId: "3", done: true }, { claimId: "4", done: false, reason: "no verdict" }])).toBe(
      "3 approved, 1 skipped: no verdict",
    );
    expect(summarizeBulk("assign", [{ claimId: "1", done: true }])).toBe("1 assigned");
  });
});

describe("deleting and restoring", () => {
  it("only editors delete an approved claim, and they must say why", () => {
    expect(checkDelete(reviewer, { status: "in_review" }, undefined)).toBeNull();
    expect(checkDelete(reviewer, { status: "verdict_proposed" }, undefined)).toBeNull();
    expect(checkDelete(reviewer, { status: "approved" }, "a reason")).toMatchObject({ type: "forbidden" });
    expect(checkDelete(editor, { status: "approved" }, undefined)).toMatchObject({ type: "bad_request", message: "Say why this approved claim is deleted." });
    expect(checkDelete(editor, { status: "approved" }, "Withdrawn")).toBeNull();
    expect(checkDelete(admin, { status: "approved" }, "Withdrawn")).toBeNull();
    expect(canDeleteClaim("reviewer", { status: "approved" })).toBe(false);
    expect(canDeleteClaim("editor", { status: "approved" })).toBe(true);
  });

  it("reads a blank reason as none and requires the version", () => {
    const claimId = "00000000-0000-4000-8000-000000000001";
    expect(deleteClaimSchema.parse({ claimId, version: 3, reason: "  " })).toEqual({ claimId, version: 3 });
    expect(deleteClaimSchema.parse({ claimId, version: 3, reason: " Why " })).toEqual({ claimId, version: 3, reason: "Why" });
    expect(deleteClaimSchema.safeParse({ claimId }).success).toBe(false);
  });

  it("restores by editors, an approved claim as proposed", () => {
    expect(checkRestore(reviewer)).toMatchObject({ type: "forbidden" });
    expect(checkRestore(editor)).toBeNull();
    expect(statusAfterRestore("approved")).toEqual({ status: "verdict_proposed", approvalWithdrawn: true });
    expect(statusAfterRestore("in_review")).toEqual({ status: "in_review", approvalWithdrawn: false });
  });
});

describe("text revisions", () => {
  it("an approved claim whose words changed or went back to verdict proposed, with the revision in the reason", () => {
    expect(statusAfterTextChange({ status: "approved" }, "changed", 3)).toEqual({ status: "verdict_proposed", reopened: { reason: "text changed in revision 3" } });
    expect(statusAfterTextChange({ status: "approved" }, "orphaned", 2)).toEqual({ status: "verdict_proposed", reopened: { reason: "text changed in revision 2" } });
    expect(statusAfterTextChange({ status: "approved" }, "unchanged", 2)).toEqual({ status: "approved", reopened: null });
    expect(statusAfterTextChange({ status: "in_review" }, "changed", 2)).toEqual({ status: "in_review", reopened: null });
  });

  it("a claim waiting for a re-check cannot be approved", () => {
    expect(checkTransition("approve", editor, { ...proposedBy("x"), anchorState: "changed" })).toMatchObject({ type: "conflict", reason: "needs re-check" });
    expect(checkTransition("approve", editor, { ...proposedBy("x"), anchorState: "orphaned" })).toMatchObject({ type: "conflict", reason: "needs re-check" });
    expect(checkTransition("approve", editor, { ...proposedBy("x"), anchorState: "unchanged" })).toBeNull();
  });
});

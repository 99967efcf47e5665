import { z } from "@/lib/zod";
import type { ClaimFields } from "@/lib/claims";
import type { ClaimStatus, Role } from "@/lib/verdicts";

/**
 * The claim workflow, as pure rules shared by the server (which enforces them)
 * and the claim form (which only uses them to choose which buttons to show).
 *
 *   open ──first saved edit──▶ in_review ──submit──▶ verdict_proposed ──approve──▶ approved
 *                                 ▲                        │    ▲                      │
 *                                 └───────return───────────┘    └──verdict edited──────┘
 *                                 ▲                                                    │
 *                                 └──────────────────────return────────────────────────┘
 *
 * Any status ──delete (approved: editors, with a reason)──▶ deleted ──restore (editors)──▶ the status it had
 * (an approved claim comes back as verdict_proposed).
 */
export type WorkflowAction = "submit" | "approve" | "return";

export const ACTION_TARGET: Record<WorkflowAction, ClaimStatus> = {
  submit: "verdict_proposed",
  approve: "approved",
  return: "in_review",
};

/** Roles that approve, return and assign. */
export const EDITOR_ROLES = ["editor", "admin"] as const satisfies readonly Role[];
export const isEditorRole = (role: Role) => role === "editor" || role === "admin";

/** Someone work can be assigned to: an active reviewer or editor. */
export type Assignable = { id: string; name: string; role: Role };

export type WorkflowClaim = {
  status: ClaimStatus;
  verdict: string | null;
  proposedBy: string | null;
  /** "changed"/"orphaned" while a text revision left the claim for a person to re-check (claims.anchor_state). */
  anchorState?: "unchanged" | "changed" | "orphaned";
};
export type WorkflowActor = { id: string; role: Role };

/**
 * Why an action cannot be taken, or null when it can. `reason` is short, for
 * bulk summaries ("1 skipped: no verdict"); `message` is the sentence shown
 * for a single claim.
 */
export type Refusal = { type: "forbidden" | "conflict" | "bad_request"; reason: string; message: string };

/**
 * Four-eyes rule: an editor may not approve a verdict they proposed
 * themselves; another editor must. Admins may, as the desk's last resort (a
 * one-editor desk, a night shift); the approval event then says so in its
 * reason, so the history and exports show every self-approval.
 */
export function checkTransition(action: WorkflowAction, actor: WorkflowActor, claim: WorkflowClaim): Refusal | null {
  if (action !== "submit" && !isEditorRole(actor.role)) {
    return {
      type: "forbidden",
      reason: "not allowed for your role",
      message: action === "approve" ? "Only an editor can approve a verdict." : "Only an editor can return a verdict.",
    };
  }
  switch (action) {
    case "submit":
      if (claim.status !== "open" && claim.status !== "in_review") {
        return { type: "conflict", reason: "already submitted", message: "This claim’s verdict has already been submitted for approval." };
      }
      if (!claim.verdict) return { type: "bad_request", reason: "no verdict", message: "Choose a verdict before submitting it for approval." };
      return null;
    case "approve":
      if (claim.status === "approved") return { type: "conflict", reason: "already approved", message: "This claim is already approved." };
      if (claim.status !== "verdict_proposed") {
        return claim.verdict
          ? { type: "conflict", reason: "not submitted", message: "This verdict has not been submitted for approval yet." }
          : { type: "conflict", reason: "no verdict", message: "This claim has no verdict to approve." };
      }
      if (!claim.verdict) return { type: "conflict", reason: "no verdict", message: "This claim has no verdict to approve." };
      if (claim.anchorState === "changed" || claim.anchorState === "orphaned") {
        return {
          type: "conflict",
          reason: "needs re-check",
          message:
            claim.anchorState === "changed"
              ? "The article text of this claim changed. Check the new wording (Accept new text or Re-anchor) before approving the verdict."
              : "The words of this claim were removed from the article. Re-anchor it to the new text or withdraw it; it cannot be approved as it is.",
        };
      }
      if (actor.role === "editor" && claim.proposedBy === actor.id) {
        return {
          type: "forbidden",
          reason: "your own proposal",
          message: "You proposed this verdict, so another editor must approve it (four-eyes rule).",
        };
      }
      return null;
    case "return":
      if (claim.status !== "verdict_proposed" && claim.status !== "approved") {
        return { type: "conflict", reason: "not submitted", message: "Only a proposed or approved verdict can be returned." };
      }
      return null;
  }
}

// ---- deleting and restoring

/**
 * Deleting is a workflow move too. Anyone may delete a claim that is not
 * approved (a mis-marked passage, a duplicate). An approved claim may be on
 * the public page: only an editor or admin may delete it, and must say why
 * (the reason is recorded in the `deleted` event). Deleted claims stay in the
 * database with their history, and editors can restore them.
 */
export function canDeleteClaim(role: Role, claim: { status: ClaimStatus }): boolean {
  return claim.status !== "approved" || isEditorRole(role);
}

/** Whether deleting this claim needs a reason (always recorded when given). */
export function deleteNeedsReason(claim: { status: ClaimStatus }): boolean {
  return claim.status === "approved";
}

export const DELETE_REASON_MISSING = "Say why this approved claim is deleted.";

export function checkDelete(actor: WorkflowActor, claim: { status: ClaimStatus }, reason: string | undefined): Refusal | null {
  if (!canDeleteClaim(actor.role, claim)) {
    return {
      type: "forbidden",
      reason: "approved",
      message: "This claim is approved, so only an editor can delete it. Ask an editor if it should go.",
    };
  }
  if (deleteNeedsReason(claim) && !reason) return { type: "bad_request", reason: "no reason", message: DELETE_REASON_MISSING };
  return null;
}

export function checkRestore(actor: WorkflowActor): Refusal | null {
  if (isEditorRole(actor.role)) return null;
  return { type: "forbidden", reason: "not allowed for your role", message: "Only an editor can restore a deleted claim." };
}

/** Recorded in the `restored` event when a restore withdraws an approval. */
export const RESTORE_WITHDRAWS_APPROVAL_REASON = "Restored after deletion: the verdict must be approved again before it is published.";

/**
 * The status a deleted claim comes back with: the one it had, except that an
 * approved claim comes back as "verdict proposed" (its proposer kept). Its
 * deletion was an editorial decision, possibly to take it off the public
 * page; one editor's restore must not put it back there without a fresh
 * approval under the four-eyes rule.
 */
export function statusAfterRestore(status: ClaimStatus): { status: ClaimStatus; approvalWithdrawn: boolean } {
  return status === "approved" ? { status: "verdict_proposed", approvalWithdrawn: true } : { status, approvalWithdrawn: false };
}

/** The reason recorded when an admin approves their own proposal. */
export const SELF_APPROVAL_REASON = "Approved by the admin who proposed it (four-eyes exception for admins)";

/** Fields whose change withdraws an approval: what was checked, the verdict, and why. */
export const VERDICT_FIELDS = ["claimAsChecked", "verdict", "rationale"] as const satisfies readonly (keyof ClaimFields)[];

const FIELD_NAMES: Record<(typeof VERDICT_FIELDS)[number], string> = {
  claimAsChecked: "claim as checked",
  verdict: "verdict",
  rationale: "rationale",
};

/**
 * What a saved edit does to the status:
 * - the first saved edit of an open claim starts its review (open → in_review);
 * - changing the verdict, rationale or claim as checked of an approved claim
 *   withdraws the approval (→ verdict_proposed, or in_review if the verdict was
 *   removed) and records why;
 * - removing the verdict of a proposed claim sends it back to in_review;
 * - whoever changes the verdict content of a proposed claim becomes its
 *   proposer, so they cannot approve their own change.
 */
export function statusAfterEdit(
  current: { status: ClaimStatus },
  changed: readonly (keyof ClaimFields)[],
  next: { verdict: string | null },
  actorName: string,
): { status: ClaimStatus; reopened: { reason: string } | null; proposerChanges: boolean } {
  const verdictChanges = VERDICT_FIELDS.filter((f) => changed.includes(f));
  if (current.status === "open") return { status: changed.length ? "in_review" : "open", reopened: null, proposerChanges: false };
  if (current.status === "in_review" || verdictChanges.length === 0) return { status: current.status, reopened: null, proposerChanges: false };
  const what = verdictChanges.map((f) => FIELD_NAMES[f]).join(" and ");
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  if (current.status === "approved") {
    const status = next.verdict ? "verdict_proposed" : "in_review";
    return { status, reopened: { reason: `${What} changed after approval by ${actorName}` }, proposerChanges: status === "verdict_proposed" };
  }
  // verdict_proposed
  if (!next.verdict) return { status: "in_review", reopened: { reason: `Verdict removed by ${actorName}` }, proposerChanges: false };
  return { status: "verdict_proposed", reopened: null, proposerChanges: true };
}

// ---- text revisions

/** The reason recorded when a text revision takes a claim out of Approved. */
export const textChangedReason = (revision: number) => `text changed in revision ${revision}`;

/**
 * What a new text revision does to a live claim's status. An approved claim
 * whose words were changed or removed leaves Approved (back to "verdict
 * proposed", its proposer kept, as a restore does): its verdict was approved
 * on words the article no longer has, so a person must look again before it
 * is published as approved. Claims whose words are intact keep their status.
 */
export function statusAfterTextChange(
  claim: { status: ClaimStatus },
  state: "unchanged" | "changed" | "orphaned",
  revision: number,
): { status: ClaimStatus; reopened: { reason: string } | null } {
  if (state === "unchanged" || claim.status !== "approved") return { status: claim.status, reopened: null };
  return { status: "verdict_proposed", reopened: { reason: textChangedReason(revision) } };
}

// ---- inputs

const claimId = z.uuid({ message: "Not a valid claim id." });
const version = z.number().int().positive();
export const MAX_REASON_LENGTH = 2000;
export const reasonSchema = z
  .string({ message: "Say why the verdict is returned." })
  .trim()
  .min(1, "Say why the verdict is returned.")
  .max(MAX_REASON_LENGTH, `Keep the reason under ${MAX_REASON_LENGTH.toLocaleString("en-GB")} characters.`);
const assigneeId = z.uuid({ message: "Choose a reviewer from the list." }).nullable();

export const transitionSchema = z.object({ claimId, version });
export const returnSchema = z.object({ claimId, version, reason: reasonSchema });
export const assignClaimSchema = z.object({ claimId, version, assigneeId });
export const assignArticleSchema = z.object({ articleId: z.uuid({ message: "Not a valid article id." }), assigneeId });

const deleteReason = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string({ message: "Write the reason as text." })
    .trim()
    .max(MAX_REASON_LENGTH, `Keep the reason under ${MAX_REASON_LENGTH.toLocaleString("en-GB")} characters.`)
    .optional(),
);
/** A delete carries the version it was decided on, like every move. */
export const deleteClaimSchema = z.object({ claimId, version, reason: deleteReason });
export const restoreClaimSchema = z.object({ claimId, version });
export const deletedClaimsSchema = z.object({ articleId: z.uuid({ message: "Not a valid article id." }) });

/** A deleted claim as the "Deleted claims" list shows it (editors). */
export type DeletedClaimDto = {
  id: string;
  articleId: string;
  quote: string;
  claimAsChecked: string;
  verdict: string | null;
  status: ClaimStatus;
  version: number;
  deletedAt: string;
  deletedByName: string | null;
  reason: string | null;
};

export const MAX_BULK = 500;
const claimIds = z
  .array(claimId)
  .min(1, "Select at least one claim.")
  .max(MAX_BULK, `Select at most ${MAX_BULK} claims at a time.`)
  .transform((ids) => [...new Set(ids)]);
export const bulkApproveSchema = z.object({ claimIds });
export const bulkReturnSchema = z.object({ claimIds, reason: reasonSchema });
export const bulkAssignSchema = z.object({ claimIds, assigneeId });

// ---- bulk outcomes

export type BulkOutcome = { claimId: string; done: true } | { claimId: string; done: false; reason: string };

const VERB: Record<"approve" | "return" | "assign", string> = { approve: "approved", return: "returned", assign: "assigned" };

/** "3 approved, 1 skipped: no verdict" / "1 returned, 3 skipped: no verdict (2), not submitted (1)". */
export function summarizeBulk(action: "approve" | "return" | "assign", outcomes: readonly BulkOutcome[]): string {
  const done = outcomes.filter((o) => o.done).length;
  const reasons = new Map<string, number>();
  for (const o of outcomes) if (!o.done) reasons.set(o.reason, (reasons.get(o.reason) ?? 0) + 1);
  const skipped = outcomes.length - done;
  let text = `${done} ${VERB[action]}`;
  if (skipped) {
    const list = [...reasons].map(([reason, n]) => (reasons.size > 1 ? `${reason} (${n})` : reason)).join(", ");
    text += `, ${skipped} skipped: ${list}`;
  }
  return text;
}

"use client";

import { absoluteTime } from "@/lib/relative-time";
import { CheckCheck, Send, Undo2 } from "lucide-react";
import { useId, useState } from "react";
import { StatusBadge } from "@/components/verdict-badge";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import type { ClaimDto } from "@/lib/claims";
import type { Role } from "@/lib/verdicts";
import { ReturnDialog } from "./return-dialog";
import { checkTransition, isEditorRole, type Assignable } from "@/lib/workflow";

export type WorkflowNotice = { tone: "error" | "info"; text: string } | null;

type Props = {
  claim: ClaimDto;
  /** The verdict in the form (may be ahead of the server until saved). */
  draftVerdict: string | null;
  role: Role;
  userId: string;
  assignees: readonly Assignable[];
  busy: boolean;
  notice: WorkflowNotice;
  onSubmit: () => void;
  onApprove: () => void;
  /** Resolves true when the claim was returned (the dialog then closes). */
  onReturn: (reason: string) => Promise<boolean>;
  onAssign: (assigneeId: string | null) => void;
};

function when(iso: string | null) {
  if (!iso) return "";
  return absoluteTime(iso);
}

/**
 * The claim's place in the workflow: its status, who proposed and approved
 * it, the moves this user may make, and (for editors) its assignee. Buttons
 * follow the same rules the server enforces; the server has the last word.
 */
export function ClaimWorkflow({ claim, draftVerdict, role, userId, assignees, busy, notice, onSubmit, onApprove, onReturn, onAssign }: Props) {
  const id = useId();
  const editor = isEditorRole(role);
  const actor = { id: userId, role };
  const canSubmit = claim.status === "open" || claim.status === "in_review";
  const approveRefusal = claim.status === "verdict_proposed" && editor ? checkTransition("approve", actor, claim) : null;
  const canReturn = editor && (claim.status === "verdict_proposed" || claim.status === "approved");
  const [returning, setReturning] = useState(false);

  return (
    <section aria-labelledby={`${id}-heading`} className="grid gap-2 rounded-md border border-line bg-slate-50/70 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${id}-heading`} className="text-sm font-medium text-slate-700">
          Status
        </h3>
        <StatusBadge status={claim.status} className="font-medium" />
      </div>
      <p className="text-xs text-slate-600">
        {claim.status === "approved" && claim.approvedByName
          ? `Approved by ${claim.approvedByName}, ${when(claim.approvedAt)}. Changing the verdict, rationale or claim sends it back for approval.`
          : claim.status === "verdict_proposed" && claim.proposedByName
            ? `Proposed by ${claim.proposedByName}, ${when(claim.proposedAt)}. Waiting for an editor’s approval.`
            : claim.status === "open"
              ? "The review starts with the first saved change."
              : "Set a verdict and rationale, then submit them for approval."}
      </p>
      <div className="flex flex-wrap gap-2">
        {canSubmit ? (
          <Button size="sm" onClick={onSubmit} disabled={busy || !draftVerdict} aria-describedby={!draftVerdict ? `${id}-needs-verdict` : undefined}>
            <Send aria-hidden /> Submit for approval
          </Button>
        ) : null}
        {claim.status === "verdict_proposed" && editor ? (
          <Button size="sm" onClick={onApprove} disabled={busy || !!approveRefusal} aria-describedby={approveRefusal ? `${id}-four-eyes` : undefined}>
            <CheckCheck aria-hidden /> Approve
          </Button>
        ) : null}
        {canReturn ? (
          <Button size="sm" variant="secondary" onClick={() => setReturning(true)} disabled={busy}>
            <Undo2 aria-hidden /> Return
          </Button>
        ) : null}
      </div>
      {canSubmit && !draftVerdict ? (
        <p id={`${id}-needs-verdict`} className="text-xs text-muted">
          Choose a verdict to submit it for approval.
        </p>
      ) : null}
      {approveRefusal ? (
        <p id={`${id}-four-eyes`} className="text-xs text-amber-800">
          {approveRefusal.message}
        </p>
      ) : null}
      {notice?.tone === "error" ? <Alert>{notice.text}</Alert> : null}
      {/* Not role="status": the form's save status is its one status line. */}
      <p aria-live="polite" className="text-xs text-green-800 empty:hidden">
        {notice?.tone === "info" ? notice.text : ""}
      </p>

      {editor ? (
        <Field id={`${id}-assignee`} label="Assignee" className="mt-1">
          <NativeSelect id={`${id}-assignee`} value={claim.assigneeId ?? ""} disabled={busy} onChange={(e) => onAssign(e.target.value || null)}>
            <option value="">Unassigned</option>
            {claim.assigneeId && !assignees.some((a) => a.id === claim.assigneeId) ? (
              <option value={claim.assigneeId}>{claim.assigneeName ?? "Unknown user"} (inactive)</option>
            ) : null}
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.role})
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : (
        <p className="text-xs text-slate-600">Assignee: {claim.assigneeName ?? "nobody yet"}</p>
      )}

      <ReturnDialog
        open={returning}
        onOpenChange={setReturning}
        title="Return this verdict"
        description="The claim goes back to “In review”. Your reason is posted in the claim’s discussion for the reviewer."
        emptyMessage="Say why the verdict is returned."
        busy={busy}
        onConfirm={async (reason) => ((await onReturn(reason)) ? null : undefined)}
      />
    </section>
  );
}

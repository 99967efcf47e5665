"use client";

import { Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { AlertDialog, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogTitle, AlertDialogTrigger } from "@/components/ui/dialog";
import type { ClaimStatus, Role } from "@/lib/verdicts";
import { canDeleteClaim, DELETE_REASON_MISSING, deleteNeedsReason } from "@/lib/workflow";
import { ReasonField } from "./reason-field";

type Props = {
  status: ClaimStatus;
  role: Role;
  /**
   * Deletes the claim. Resolves null when done (the dialog closes), a message
   * to show in the dialog (it stays open, the reason kept), or undefined to
   * close and let the page show what happened (e.g. a conflict).
   */
  onDelete: (reason: string | undefined) => Promise<string | null | undefined>;
};

/**
 * "Delete claim" with its confirmation. An approved claim may be on the
 * published page: editors are asked for the reason (kept in the claim's
 * history), and reviewers get no Delete button at all (the server refuses
 * them too, see checkDelete in lib/workflow.ts).
 */
export function DeleteClaim({ status, role, onDelete }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const claim = { status };

  if (!canDeleteClaim(role, claim)) {
    return <p className="text-xs text-muted">This claim is approved, so only an editor can delete it.</p>;
  }
  const needsReason = deleteNeedsReason(claim);

  const confirm = async () => {
    const text = reason.trim();
    if (needsReason && !text) {
      setError(DELETE_REASON_MISSING);
      return;
    }
    setBusy(true);
    try {
      const outcome = await onDelete(text || undefined);
      if (outcome) setError(outcome);
      else {
        setOpen(false);
        setReason("");
        setError(undefined);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AlertDialog open={open} onOpenChange={(next) => !busy && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
          <Trash2 aria-hidden /> Delete claim
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Delete this claim?</AlertDialogTitle>
        <AlertDialogDescription>
          The highlight, verdict, rationale and sources disappear from the article. The audit trail keeps a record of them, and an editor can
          restore the claim from “Deleted claims”.
        </AlertDialogDescription>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {needsReason ? (
            <ReasonField
              id={`${id}-reason`}
              rows={3}
              value={reason}
              error={error}
              hint="This claim is approved and may be on the published page. Say why it goes: the reason is kept in its history."
              onChange={(value) => {
                setReason(value);
                setError(undefined);
              }}
            />
          ) : error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <AlertDialogCancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={busy}>
              Delete
            </Button>
          </div>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

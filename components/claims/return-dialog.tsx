"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { ReasonField } from "./reason-field";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  /** Shown in the field when the reason is left empty. */
  emptyMessage: string;
  busy: boolean;
  /**
   * Returns the verdict(s) with the reason. Resolves null when done (the
   * dialog closes and forgets the reason), a message to show under the field,
   * or undefined to stay open with the reason kept (the error is shown elsewhere).
   */
  onConfirm: (reason: string) => Promise<string | null | undefined>;
};

/** The "Return" dialog with its required "Reason" field, for one claim or a selection. */
export function ReturnDialog({ open, onOpenChange, title, description, emptyMessage, busy, onConfirm }: Props) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();

  const confirm = async () => {
    const text = reason.trim();
    if (!text) {
      setReasonError(emptyMessage);
      return;
    }
    const outcome = await onConfirm(text);
    if (outcome === null) {
      onOpenChange(false);
      setReason("");
      setReasonError(undefined);
    } else if (outcome) {
      setReasonError(outcome);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <DialogContent className="w-[min(92vw,32rem)]">
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <ReasonField
            id={`${id}-reason`}
            value={reason}
            error={reasonError}
            onChange={(value) => {
              setReason(value);
              setReasonError(undefined);
            }}
          />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={busy}>
              Return
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

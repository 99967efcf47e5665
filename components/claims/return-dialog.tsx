"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { MAX_REASON_LENGTH } from "@/lib/workflow";

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
          <Field id={`${id}-reason`} label="Reason" error={reasonError}>
            <Textarea
              id={`${id}-reason`}
              rows={4}
              aria-required="true"
              maxLength={MAX_REASON_LENGTH}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(undefined);
              }}
            />
          </Field>
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

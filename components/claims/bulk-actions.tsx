"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { type Assignable } from "@/lib/workflow";
import { ReturnDialog } from "./return-dialog";

type Props = {
  count: number;
  total: number;
  assignees: readonly Assignable[];
  busy: boolean;
  /** The outcome of the last bulk action, e.g. "3 approved, 1 skipped: no verdict". */
  result: string | null;
  onSelectAll: () => void;
  onClear: () => void;
  onApprove: () => void;
  /** Resolves null when the action ran (the dialog then closes), else the error to show. */
  onReturn: (reason: string) => Promise<string | null>;
  onAssign: (assigneeId: string | null) => void;
};

/** Editors' actions on the claims ticked in the list; each claim is checked and changed on its own on the server. */
export function BulkActions({ count, total, assignees, busy, result, onSelectAll, onClear, onApprove, onReturn, onAssign }: Props) {
  const id = useId();
  const [assignee, setAssignee] = useState("");
  const [returning, setReturning] = useState(false);

  return (
    <div role="toolbar" aria-label="Bulk actions" className="mb-2 grid gap-2 rounded-md border border-line bg-slate-50 p-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium tabular-nums">{count} selected</span>
        {count < total ? (
          <Button size="sm" variant="link" className="h-auto px-0" onClick={onSelectAll}>
            Select all
          </Button>
        ) : null}
        {count ? (
          <Button size="sm" variant="link" className="h-auto px-0" onClick={onClear}>
            Clear
          </Button>
        ) : null}
      </div>
      {count ? (
        <>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={onApprove} disabled={busy}>
              Approve selected
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setReturning(true)} disabled={busy}>
              Return selected
            </Button>
          </div>
          <div className="flex items-end gap-2">
            <Field id={`${id}-assignee`} label="Assign selected to" className="min-w-0 flex-1">
              <NativeSelect id={`${id}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">Unassigned</option>
                {assignees.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.role})
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Button size="sm" variant="secondary" className="h-9" onClick={() => onAssign(assignee || null)} disabled={busy}>
              Assign
            </Button>
          </div>
        </>
      ) : null}
      {result ? (
        <p role="status" className="text-xs text-slate-700">
          {result}
        </p>
      ) : null}

      <ReturnDialog
        open={returning}
        onOpenChange={setReturning}
        title={`Return ${count === 1 ? "1 verdict" : `${count} verdicts`}`}
        description="Each proposed or approved claim goes back to “In review”, with your reason in its discussion."
        emptyMessage="Say why the verdicts are returned."
        busy={busy}
        onConfirm={onReturn}
      />
    </div>
  );
}

"use client";

import { useId, useState } from "react";
import { NativeSelect } from "@/components/ui/input";
import type { Assignable } from "@/lib/workflow";
import { assignArticleAction } from "./actions";

/** Editors assign the whole article to a reviewer; saved at once, recorded in the audit trail. */
export function ArticleAssignee({
  articleId,
  assigneeId,
  assigneeName,
  assignees,
}: {
  articleId: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assignees: readonly Assignable[];
}) {
  const id = useId();
  const [value, setValue] = useState(assigneeId ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const change = async (next: string) => {
    const previous = value;
    setValue(next);
    setBusy(true);
    setMessage(null);
    try {
      const result = await assignArticleAction({ articleId, assigneeId: next || null });
      if (!result.ok) {
        setValue(previous);
        setMessage({ error: true, text: result.error.message });
      } else {
        setValue(result.data.assigneeId ?? "");
        setMessage({ error: false, text: result.data.assigneeId ? "Assigned." : "Unassigned." });
      }
    } catch {
      setValue(previous);
      setMessage({ error: true, text: "Could not reach the server. Nothing was changed; try again." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        Assigned reviewer
      </label>
      <NativeSelect id={id} value={value} disabled={busy} onChange={(e) => void change(e.target.value)} className="w-auto min-w-48">
        <option value="">Unassigned</option>
        {assigneeId && !assignees.some((a) => a.id === assigneeId) ? <option value={assigneeId}>{assigneeName ?? "Unknown user"} (inactive)</option> : null}
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.role})
          </option>
        ))}
      </NativeSelect>
      <span aria-live="polite" className={message?.error ? "text-xs text-red-700" : "text-xs text-green-800"}>
        {message?.text ?? ""}
      </span>
    </div>
  );
}

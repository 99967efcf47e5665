"use client";

import { SaveOnChangeSelect } from "@/components/ui/save-on-change-select";
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
  return (
    <SaveOnChangeSelect
      label="Assigned reviewer"
      initial={assigneeId ?? ""}
      className="w-auto min-w-48"
      save={async (next) => {
        const result = await assignArticleAction({ articleId, assigneeId: next || null });
        if (!result.ok) return { ok: false, message: result.error.message };
        return { ok: true, value: result.data.assigneeId ?? "", message: result.data.assigneeId ? "Assigned." : "Unassigned." };
      }}
    >
      {() => (
        <>
          <option value="">Unassigned</option>
          {assigneeId && !assignees.some((a) => a.id === assigneeId) ? <option value={assigneeId}>{assigneeName ?? "Unknown user"} (inactive)</option> : null}
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.role})
            </option>
          ))}
        </>
      )}
    </SaveOnChangeSelect>
  );
}

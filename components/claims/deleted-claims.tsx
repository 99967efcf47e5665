"use client";

import { History, RotateCcw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { VerdictBadge } from "@/components/verdict-badge";
import type { HistoryEntry } from "@/lib/history";
import { statusLabel } from "@/lib/verdicts";
import { statusAfterRestore, type DeletedClaimDto } from "@/lib/workflow";
import { ClaimHistory } from "./claim-history";
import { Timestamp, useNow } from "./timestamp";

type Props = {
  items: DeletedClaimDto[];
  /** Resolves null when restored (the item leaves the list), or a message to show with it. */
  onRestore: (item: DeletedClaimDto) => Promise<string | null>;
  /** The claim's history, or a message when it could not be loaded. */
  loadHistory: (item: DeletedClaimDto) => Promise<HistoryEntry[] | string>;
};

function Item({ item, now, onRestore, loadHistory }: { item: DeletedClaimDto; now: number } & Omit<Props, "items">) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<{ entries: HistoryEntry[] | null; error: string | null } | null>(null);
  const back = statusAfterRestore(item.status);
  const headingId = `deleted-${item.id}`;

  const toggleHistory = async () => {
    if (history) return setHistory(null);
    setHistory({ entries: null, error: null });
    const loaded = await loadHistory(item);
    setHistory(typeof loaded === "string" ? { entries: null, error: loaded } : { entries: loaded, error: null });
  };

  return (
    <li aria-labelledby={headingId} className="grid gap-1.5 rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-2 text-sm">
      <p id={headingId} className="line-clamp-2 font-serif text-slate-700" title={item.quote}>
        “{item.quote}”
      </p>
      <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
        <VerdictBadge verdict={item.verdict} /> <span>{statusLabel(item.status)} when deleted</span>
      </p>
      <p className="text-xs text-slate-600">
        Deleted by {item.deletedByName ?? "an unknown user"} <Timestamp iso={item.deletedAt} now={now} />
      </p>
      {item.reason ? (
        <p className="whitespace-pre-wrap break-words text-xs text-slate-700">
          <span className="font-medium">Reason:</span> {item.reason}
        </p>
      ) : null}
      {back.approvalWithdrawn ? <p className="text-xs text-amber-800">Restoring brings it back as “{statusLabel(back.status)}”: approve it again to publish it.</p> : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={busy}
          aria-describedby={headingId}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              setError(await onRestore(item));
            } finally {
              setBusy(false);
            }
          }}
        >
          <RotateCcw aria-hidden /> {busy ? "Restoring…" : "Restore"}
        </Button>
        <Button size="sm" variant="ghost" aria-expanded={!!history} aria-describedby={headingId} onClick={() => void toggleHistory()}>
          <History aria-hidden /> History
        </Button>
      </div>
      {history ? <ClaimHistory entries={history.entries} loadError={history.error} /> : null}
    </li>
  );
}

/** The "Deleted claims" of an article (editors): who deleted each and why, its history, and Restore. */
export function DeletedClaims({ items, onRestore, loadHistory }: Props) {
  const now = useNow();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="deleted-claims-heading" className="mt-4 border-t border-line pt-3">
      <h2 id="deleted-claims-heading" className="mb-2 px-1 text-sm font-semibold">
        Deleted claims <span className="font-normal text-muted">({items.length})</span>
      </h2>
      <ul aria-labelledby="deleted-claims-heading" className="grid gap-2">
        {items.map((item) => (
          <Item key={item.id} item={item} now={now} onRestore={onRestore} loadHistory={loadHistory} />
        ))}
      </ul>
    </section>
  );
}

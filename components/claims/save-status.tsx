import { AlertCircle, Check, Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button";

export type SaveStatusValue = "saved" | "pending" | "saving" | "error" | "invalid" | "conflict" | "stale";

const TEXT: Record<SaveStatusValue, string> = {
  saved: "Saved",
  pending: "Unsaved changes",
  saving: "Saving…",
  error: "Not saved",
  invalid: "Not saved",
  conflict: "Conflict",
  stale: "Earlier draft waiting",
};

/**
 * Announced politely to screen readers; Retry appears whenever a save failed.
 * `notSaved` counts the values kept only in this browser because they are not
 * valid ("Saved · 1 change not saved"): the rest of the claim saves meanwhile.
 */
export function SaveStatus({ status, message, notSaved = 0, onRetry }: { status: SaveStatusValue; message?: string; notSaved?: number; onRetry?: () => void }) {
  const failed = status === "error" || status === "invalid" || status === "conflict";
  const warn = failed || notSaved > 0;
  return (
    <div className="flex min-h-8 flex-wrap items-center gap-2 text-sm">
      <p role="status" aria-live="polite" className={warn ? "flex items-center gap-1 text-red-700" : "flex items-center gap-1 text-slate-600"}>
        {status === "saving" ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
        {status === "saved" && !notSaved ? <Check aria-hidden className="size-4 text-green-700" /> : null}
        {warn && status !== "saving" ? <AlertCircle aria-hidden className="size-4" /> : null}
        <span>
          {TEXT[status]}
          {notSaved > 0 && status !== "conflict" && status !== "stale" ? ` · ${notSaved === 1 ? "1 change" : `${notSaved} changes`} not saved` : null}
        </span>
      </p>
      {failed && message ? <span className="text-xs text-red-700">{message}</span> : null}
      {status === "error" && onRetry ? (
        <Button size="sm" variant="secondary" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}

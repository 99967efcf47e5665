import { AlertCircle, Check, Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button";

export type SaveStatusValue = "saved" | "pending" | "saving" | "error" | "invalid" | "conflict";

const TEXT: Record<SaveStatusValue, string> = {
  saved: "Saved",
  pending: "Unsaved changes",
  saving: "Saving…",
  error: "Not saved",
  invalid: "Not saved",
  conflict: "Conflict",
};

/** Announced politely to screen readers; Retry appears whenever a save failed. */
export function SaveStatus({ status, message, onRetry }: { status: SaveStatusValue; message?: string; onRetry?: () => void }) {
  const failed = status === "error" || status === "invalid" || status === "conflict";
  return (
    <div className="flex min-h-8 flex-wrap items-center gap-2 text-sm">
      <p role="status" aria-live="polite" className={failed ? "flex items-center gap-1 text-red-700" : "flex items-center gap-1 text-slate-600"}>
        {status === "saving" ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
        {status === "saved" ? <Check aria-hidden className="size-4 text-green-700" /> : null}
        {failed ? <AlertCircle aria-hidden className="size-4" /> : null}
        <span>{TEXT[status]}</span>
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

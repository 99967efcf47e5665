"use client";

import { AlertTriangle, Check, Circle, CheckCircle2, CircleDashed, CircleHelp, CircleSlash2, Shuffle, XCircle } from "lucide-react";
import { useVerdict } from "@/components/verdicts/verdict-scale-context";
import { statusLabel, type VerdictIcon } from "@/lib/verdicts";
import { cn } from "@/lib/utils";

export const VERDICT_ICONS = {
  "check-circle": CheckCircle2,
  check: Check,
  "circle-half": CircleSlash2,
  "alert-triangle": AlertTriangle,
  "x-circle": XCircle,
  shuffle: Shuffle,
  "help-circle": CircleHelp,
  circle: Circle,
} as const satisfies Record<VerdictIcon, unknown>;

/** Verdict shown by label and icon as well as colour. */
export function VerdictBadge({ verdict, className }: { verdict: string | null; className?: string }) {
  const v = useVerdict(verdict);
  if (!v) {
    return (
      <span className={cn("inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full border border-dashed border-slate-300 px-2 py-0.5 text-xs text-muted", className)}>
        <CircleDashed aria-hidden className="size-3.5" />
        No verdict
      </span>
    );
  }
  const Icon = VERDICT_ICONS[v.icon];
  return (
    <span
      className={cn("inline-flex max-w-full shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium text-white", className)}
      style={{ backgroundColor: v.color }}
      // An admin's label can be up to 40 characters: on a narrow list it is cut
      // with an ellipsis rather than wrapped, and the whole label is in the title.
      title={v.description ? `${v.label}: ${v.description}` : v.label}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      <span className="min-w-0 truncate">{v.label}</span>
    </span>
  );
}

export function StatusBadge({ status, className }: { status: string; className?: string }) {
  return (
    <span className={cn("inline-flex shrink-0 items-center whitespace-nowrap rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700", className)}>{statusLabel(status)}</span>
  );
}

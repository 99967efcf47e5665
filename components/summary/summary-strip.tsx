import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { VerdictBadge } from "@/components/verdict-badge";
import { formatScore, formatShare, type ArticleRollup, type ArticleState } from "@/lib/summary";
import { cn } from "@/lib/utils";

const STATE_TONE: Record<ArticleState, string> = {
  no_claims: "bg-slate-100 text-slate-700 ring-slate-300",
  not_started: "bg-slate-100 text-slate-700 ring-slate-300",
  in_progress: "bg-amber-50 text-amber-900 ring-amber-300",
  awaiting_approval: "bg-blue-50 text-blue-900 ring-blue-300",
  complete: "bg-green-50 text-green-900 ring-green-300",
};

/** The article's state as a labelled pill (text, never colour alone). */
export function StateBadge({ rollup, className }: { rollup: Pick<ArticleRollup, "state" | "stateLabel">; className?: string }) {
  return (
    <span className={cn("inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STATE_TONE[rollup.state], className)}>
      {rollup.stateLabel}
    </span>
  );
}

/**
 * Checked and approved shares as one stacked bar with its numbers beside it.
 * The figures are in the text; the bar repeats them for the eye.
 */
export function ProgressBar({ rollup, compact = false }: { rollup: ArticleRollup; compact?: boolean }) {
  const { total, approved, checked } = rollup.counts;
  const checkedNotApproved = Math.max(0, checked - approved);
  const pct = (n: number) => (total > 0 ? `${(n / total) * 100}%` : "0%");
  return (
    <div className={cn("grid gap-1", compact ? "min-w-32" : "min-w-48")}>
      <div className="flex h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden>
        <div className="bg-green-700" style={{ width: pct(approved) }} />
        <div className="bg-blue-400" style={{ width: pct(checkedNotApproved) }} />
      </div>
      <p className="text-xs tabular-nums text-slate-600">
        {total === 0 ? (
          "No claims yet"
        ) : (
          <>
            <span className="font-medium text-ink">{approved}</span>/{total} approved · {checked} checked
          </>
        )}
      </p>
    </div>
  );
}

/** Worst approved verdict and score; "—" while nothing is approved. */
export function RollupBadge({ rollup }: { rollup: ArticleRollup }) {
  if (!rollup.worstApproved) {
    return <span className="text-xs text-muted">{rollup.counts.approved > 0 ? "No rated verdict" : "Nothing approved"}</span>;
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <VerdictBadge verdict={rollup.worstApproved.key} />
      <span className="text-xs tabular-nums text-slate-600" title="Mean value of approved verdicts on the 0–1 scale">
        score {formatScore(rollup.score)}
      </span>
    </span>
  );
}

/** The compact summary strip at the top of the article page. */
export function SummaryStrip({ articleId, rollup }: { articleId: string; rollup: ArticleRollup }) {
  const { counts } = rollup;
  return (
    <section aria-label="Article summary" className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
      <StateBadge rollup={rollup} />
      <ProgressBar rollup={rollup} compact />
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <div className="flex gap-1">
          <dt>Claims</dt>
          <dd className="font-medium tabular-nums text-ink">{counts.total}</dd>
        </div>
        <div className="flex gap-1">
          <dt>Checked</dt>
          <dd className="font-medium tabular-nums text-ink">{formatShare(rollup.checkedShare)}</dd>
        </div>
        <div className="flex gap-1">
          <dt>Unresolved</dt>
          <dd className="font-medium tabular-nums text-ink">{counts.total - counts.approved}</dd>
        </div>
      </dl>
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <span>Worst approved verdict</span>
        <RollupBadge rollup={rollup} />
      </div>
      <Link href={`/articles/${articleId}/summary`} className="inline-flex items-center gap-1 rounded font-medium text-brand hover:underline">
        <BarChart3 aria-hidden className="size-4" />
        Summary
      </Link>
    </section>
  );
}

import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { VerdictBadge } from "@/components/verdict-badge";
import { approvalLine, formatScore, SCORE_EXPLANATION, verdictHeadline, type ArticleRollup, type ArticleState } from "@/lib/summary";
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
 * The shares with a verdict and approved as one stacked bar with its numbers beside it.
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
            <span className="font-medium text-ink">{approved}</span> of {total} approved · {checked} with a verdict
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
      <span className="text-xs tabular-nums text-slate-600" title="Mean value of the approved verdicts">
        score {formatScore(rollup.score)} <span className="text-muted">({SCORE_EXPLANATION})</span>
      </span>
    </span>
  );
}

/**
 * The compact summary strip at the top of the article page, in words: what
 * the approved verdicts say, how far approval is, the worst approved verdict.
 * The article page keeps `rollup` in step with its claims (live-summary.tsx).
 */
export function SummaryStrip({ articleId, rollup }: { articleId: string; rollup: ArticleRollup }) {
  const { counts } = rollup;
  const awaiting = counts.verdictProposed;
  return (
    <section aria-label="Article summary" className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
      <p className="font-medium text-ink">{verdictHeadline(rollup)}</p>
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <span className="flex h-2 w-24 overflow-hidden rounded-full bg-slate-200" aria-hidden>
          <span className="bg-green-700" style={{ width: counts.total ? `${(counts.approved / counts.total) * 100}%` : "0%" }} />
        </span>
        <span className="tabular-nums">
          {approvalLine(rollup)}
          {awaiting ? ` · ${awaiting} awaiting approval` : ""}
          {rollup.unchecked && counts.total ? ` · ${rollup.unchecked} without a verdict` : ""}
        </span>
      </div>
      {rollup.worstApproved ? (
        <div className="flex items-center gap-2 text-xs text-slate-600">
          <span>Worst approved verdict</span>
          <VerdictBadge verdict={rollup.worstApproved.key} />
        </div>
      ) : null}
      <Link href={`/articles/${articleId}/summary`} className="inline-flex items-center gap-1 rounded font-medium text-brand hover:underline">
        <BarChart3 aria-hidden className="size-4" />
        Summary
      </Link>
    </section>
  );
}

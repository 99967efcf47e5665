import { AlertTriangle, ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ProgressBar, RollupBadge, StateBadge } from "@/components/summary/summary-strip";
import { VerdictChart, type VerdictChartRow } from "@/components/summary/verdict-chart";
import { Card } from "@/components/ui/card";
import { StatusBadge, VerdictBadge } from "@/components/verdict-badge";
import { getArticleSummaryDetail, type ClaimRef } from "@/db/queries/dashboard";
import { requirePageUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { formatScore, formatShare, SCORE_EXPLANATION, verdictHeadline } from "@/lib/summary";
import { CLAIM_STATUSES } from "@/lib/verdicts";
import { claimFragment } from "@/lib/claim-fragment";
import { VerdictScaleProvider } from "@/components/verdicts/verdict-scale-context";

type Params = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => {
  try {
    return await getArticleSummaryDetail({ articleId: id });
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  await requirePageUser(`/articles/${id}/summary`);
  const { article } = await load(id);
  return { title: `Summary · ${article.title}` };
}

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div className="rounded-lg border border-line bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted">{hint}</dd> : null}
    </div>
  );
}

function ClaimLinks({ articleId, claims, empty }: { articleId: string; claims: ClaimRef[]; empty: string }) {
  if (claims.length === 0) return <p className="px-4 py-6 text-sm text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-line">
      {claims.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5">
          <Link href={`/articles/${articleId}#${claimFragment(c.id)}`} className="min-w-0 flex-1 basis-80 text-sm text-ink hover:text-brand hover:underline">
            {c.claimAsChecked.length > 180 ? `${c.claimAsChecked.slice(0, 180)}…` : c.claimAsChecked}
          </Link>
          <span className="flex shrink-0 items-center gap-1.5">
            <StatusBadge status={c.status} />
            <VerdictBadge verdict={c.verdict} />
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function ArticleSummaryPage({ params }: Params) {
  const { id } = await params;
  await requirePageUser(`/articles/${id}/summary`);
  const { article, rollup, unresolved, unresolvedCount, orphans, scale } = await load(id);
  const { counts } = rollup;
  const statusCount = { open: counts.open, in_review: counts.inReview, verdict_proposed: counts.verdictProposed, approved: counts.approved };
  const chartRows: VerdictChartRow[] = [
    ...rollup.byVerdict
      .filter((v) => v.entry || v.n > 0)
      .map((v) => ({ key: v.key, label: v.entry?.label ?? v.key, color: v.entry?.color ?? "#94a3b8", n: v.n, approved: v.approved, onScale: !!v.entry })),
    { key: null, label: "No verdict", color: "#94a3b8", n: rollup.unchecked, approved: 0, onScale: true },
  ];
  return (
    <VerdictScaleProvider scale={scale}>
      <div className="mx-auto max-w-6xl px-4 py-8">
        <Link href={`/articles/${article.id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-brand hover:underline">
          <ArrowLeft aria-hidden className="size-4" /> Back to the article
        </Link>
        <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm font-medium text-muted">Summary</p>
            <h1 className="font-serif text-2xl font-semibold leading-snug tracking-tight">{article.title}</h1>
            {article.publisher ? <p className="text-sm text-muted">{article.publisher}</p> : null}
          </div>
          <StateBadge rollup={rollup} className="px-3 py-1 text-sm" />
        </div>
        <p className="-mt-3 mb-6 text-lg font-medium text-ink">{verdictHeadline(rollup)}</p>

        <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label="Claims" value={counts.total} hint={`${unresolvedCount} unresolved`} />
          <Stat label="With a verdict" value={formatShare(rollup.checkedShare)} hint={`${counts.checked} of ${counts.total} claims`} />
          <Stat label="Approved" value={formatShare(rollup.approvedShare)} hint={`${counts.approved} of ${counts.total} approved`} />
          <Stat label="Score" value={formatScore(rollup.score)} hint={
              rollup.scoredClaims
                ? `${SCORE_EXPLANATION}: the mean of ${rollup.scoredClaims} approved, rated ${rollup.scoredClaims === 1 ? "verdict" : "verdicts"}`
                : `${SCORE_EXPLANATION}; no approved, rated verdicts yet`
            }
          />
        </dl>

        <div className="mb-6 grid gap-6 lg:grid-cols-[1fr_1.3fr]">
          <Card className="p-5">
            <h2 className="mb-3 text-base font-semibold">Roll-up</h2>
            <div className="grid gap-4 text-sm">
              <div>
                <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Worst approved verdict</p>
                <RollupBadge rollup={rollup} />
              </div>
              <div>
                <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Progress</p>
                <ProgressBar rollup={rollup} />
              </div>
              <div>
                <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Claims by status</h3>
                <table className="w-full text-sm">
                  <caption className="sr-only">Claims by status</caption>
                  <tbody className="divide-y divide-line">
                    {CLAIM_STATUSES.map((s) => (
                      <tr key={s.key}>
                        <th scope="row" className="py-1.5 text-left font-normal">{s.label}</th>
                        <td className="py-1.5 text-right tabular-nums">{statusCount[s.key]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="text-xs leading-relaxed text-muted">
                Only approved verdicts roll up. The worst approved verdict is the one lowest on the desk&apos;s scale; the score is the
                mean value (0 = false, 1 = true) of approved verdicts that have a value. Verdicts without a value, such as
                &ldquo;Unverifiable&rdquo;, are counted but not scored.
              </p>
            </div>
          </Card>
          <Card className="p-5">
            <h2 className="mb-3 text-base font-semibold">Claims by verdict</h2>
            <VerdictChart rows={chartRows} caption="Claims by verdict, with how many are approved" />
          </Card>
        </div>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <h2 className="flex items-center gap-2 border-b border-line px-4 py-3 text-base font-semibold">
              Unresolved claims <span className="rounded-full bg-slate-100 px-2 text-xs font-medium tabular-nums text-slate-700">{unresolvedCount}</span>
            </h2>
            <ClaimLinks articleId={article.id} claims={unresolved} empty={counts.total === 0 ? "No claims marked yet." : "Every claim is approved."} />
            {unresolvedCount > unresolved.length ? (
              <p className="border-t border-line px-4 py-2 text-xs text-muted">and {unresolvedCount - unresolved.length} more in the article</p>
            ) : null}
          </Card>
          <Card>
            <h2 className="flex items-center gap-2 border-b border-line px-4 py-3 text-base font-semibold">
              <AlertTriangle aria-hidden className="size-4 text-amber-600" />
              Orphaned claims <span className="rounded-full bg-slate-100 px-2 text-xs font-medium tabular-nums text-slate-700">{orphans.length}</span>
            </h2>
            <p className="px-4 pt-3 text-xs text-muted">Claims whose quote can no longer be found in the article text. Open one to re-attach or delete it.</p>
            <ClaimLinks articleId={article.id} claims={orphans} empty="None: every claim still matches the text." />
          </Card>
        </div>
      </div>
    </VerdictScaleProvider>
  );
}

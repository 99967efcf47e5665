import type { Metadata } from "next";
import { ScrollCard } from "@/components/ui/scroll-box";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { VerdictsOverTime } from "@/components/dashboard/verdicts-over-time";
import { SortHeader } from "@/components/dashboard/sort-header";
import { ProgressBar, RollupBadge, StateBadge } from "@/components/summary/summary-strip";
import { Button, buttonVariants } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { DateFilter, SelectFilter } from "@/components/ui/filter-field";
import { VerdictBadge } from "@/components/verdict-badge";
import { DASHBOARD_ROLES, DASHBOARD_PAGE_SIZE, defaultDirection, getDashboard, unreadableDateFilters, type DashboardData, type DashboardSort } from "@/db/queries/dashboard";
import { getVerdictScale } from "@/db/queries/verdict-scale";
import { requirePageUser } from "@/lib/auth";
import { ARTICLE_STATES } from "@/lib/summary";
import { formatDay, formatNumber } from "@/lib/format";
import { CLAIM_STATUSES } from "@/lib/verdicts";
import { VerdictScaleProvider } from "@/components/verdicts/verdict-scale-context";
import { hrefWithQuery } from "@/lib/query-href";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };


const hrefWith = (query: DashboardData["query"], change: Record<string, string | number | undefined>) => hrefWithQuery("/dashboard", query, change);

export default async function DashboardPage({ searchParams }: Props) {
  const user = await requirePageUser("/dashboard");
  if (!DASHBOARD_ROLES.includes(user.role)) forbidden();
  const params = await searchParams;
  const [data, scale] = await Promise.all([getDashboard({ actor: user, input: params }), getVerdictScale()]);
  const dateErrors = unreadableDateFilters(params);
  const { query, rows, totals, pageCount } = data;
  const filtersOn = ["state", "status", "verdict", "reviewer", "publisher", "from", "to"].some((k) => query[k as keyof typeof query] !== undefined);
  const statusTotals = { open: totals.claims.open, in_review: totals.claims.inReview, verdict_proposed: totals.claims.verdictProposed, approved: totals.claims.approved };
  const verdictTotals = new Map(totals.byVerdict.map((v) => [v.verdict, v]));
  const header = (label: string, key: DashboardSort, className?: string) => (
    <SortHeader label={label} sortKey={key} current={query.sort} dir={query.dir} defaultDir={defaultDirection(key)} className={className} />
  );
  const firstRow = (query.page - 1) * DASHBOARD_PAGE_SIZE + 1;

  return (
    <VerdictScaleProvider scale={scale}>
      <div className="mx-auto max-w-[1600px] px-4 py-8">
        <div className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
          <p className="text-sm text-muted">Every article on the desk with its claims, progress and approved verdicts.</p>
        </div>

        <Card className="mb-6 p-4">
          {/* Keyed by the view, so the fields show the URL's filters again after Clear or Back. */}
          <form key={hrefWith(query, {})} method="get" action="/dashboard" role="search" aria-label="Filter articles" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
            <input type="hidden" name="sort" value={query.sort} />
            <input type="hidden" name="dir" value={query.dir} />
            <SelectFilter id="f-state" name="state" label="Article state" value={query.state} anyLabel="Any state" options={ARTICLE_STATES.map((s) => ({ value: s.key, label: s.label }))} />
            <SelectFilter id="f-status" name="status" label="Has claims in status" value={query.status} anyLabel="Any status" options={CLAIM_STATUSES.map((s) => ({ value: s.key, label: s.label }))} />
            <SelectFilter id="f-verdict" name="verdict" label="Has verdict" value={query.verdict} anyLabel="Any verdict" options={scale.map((v) => ({ value: v.key, label: v.label }))} />
            <SelectFilter id="f-reviewer" name="reviewer" label="Reviewer" value={query.reviewer} anyLabel="Anyone" options={data.options.reviewers.map((r) => ({ value: r.id, label: r.name }))} describedBy="f-date-hint" />
            <SelectFilter id="f-publisher" name="publisher" label="Publisher" value={query.publisher} anyLabel="Any publisher" options={data.options.publishers.map((p) => ({ value: p, label: p }))} />
            <DateFilter id="f-from" name="from" label="Article date from" value={query.from} describedBy="f-date-hint" />
            <DateFilter id="f-to" name="to" label="Article date to" value={query.to} describedBy="f-date-hint" />
            <div className="flex flex-wrap items-center justify-between gap-3 sm:col-span-2 lg:col-span-4 xl:col-span-7">
              <p id="f-date-hint" className="text-xs text-muted">
                Article date is the publisher&apos;s date, or the day the article was imported when it has none. Reviewer: the article&apos;s
                assignee or the assignee of any of its claims.
              </p>
              <div className="flex gap-2">
                {filtersOn ? (
                  <Link
                    href={hrefWith({ ...query, state: undefined, status: undefined, verdict: undefined, reviewer: undefined, publisher: undefined, from: undefined, to: undefined }, { page: 1 })}
                    className={buttonVariants({ variant: "secondary" })}
                  >
                    Clear
                  </Link>
                ) : null}
                <Button type="submit">Apply filters</Button>
              </div>
            </div>
          </form>
        </Card>

        {dateErrors.length ? (
          <Alert className="mb-6">
            {dateErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </Alert>
        ) : null}

        <section aria-labelledby="totals-heading" className="mb-6 grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
          <Card className="p-5">
            <h2 id="totals-heading" className="mb-3 text-base font-semibold">
              Totals {filtersOn ? <span className="text-sm font-normal text-muted">for these filters</span> : null}
            </h2>
            <dl className="mb-4 grid grid-cols-2 gap-3">
              <div className="rounded-md bg-slate-50 px-3 py-2">
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Articles</dt>
                <dd className="text-2xl font-semibold tabular-nums">{formatNumber(totals.articles)}</dd>
              </div>
              <div className="rounded-md bg-slate-50 px-3 py-2">
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Claims</dt>
                <dd className="text-2xl font-semibold tabular-nums">{formatNumber(totals.claims.total)}</dd>
              </div>
            </dl>
            <div className="grid gap-4 sm:grid-cols-2">
              <table className="w-full self-start text-sm">
                <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-slate-500">Claims by status</caption>
                <tbody className="divide-y divide-line">
                  {CLAIM_STATUSES.map((s) => (
                    <tr key={s.key}>
                      <th scope="row" className="py-1.5 text-left font-normal">{s.label}</th>
                      <td className="py-1.5 text-right tabular-nums">{formatNumber(statusTotals[s.key])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="w-full self-start text-sm">
                <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-slate-500">Claims by verdict</caption>
                <tbody className="divide-y divide-line">
                  {scale.map((v) => (
                    <tr key={v.key}>
                      <th scope="row" className="py-1 text-left font-normal"><VerdictBadge verdict={v.key} /></th>
                      <td className="py-1 text-right tabular-nums">{formatNumber(verdictTotals.get(v.key)?.n ?? 0)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row" className="py-1 text-left font-normal"><VerdictBadge verdict={null} /></th>
                    <td className="py-1 text-right tabular-nums">{formatNumber(totals.claims.total - totals.claims.checked)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </Card>
          <Card className="p-5">
            <h2 className="mb-1 text-base font-semibold">Approved verdicts over time</h2>
            <p className="mb-3 text-xs text-muted">By month of approval, last 24 months{filtersOn ? ", for these filters" : ""}.</p>
            <VerdictsOverTime months={data.overTime} />
          </Card>
        </section>

        <ScrollCard label="Articles">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{`Articles sorted by ${query.sort}, page ${query.page} of ${pageCount}`}</caption>
            <thead className="border-b border-line bg-slate-50 text-xs text-slate-500">
              <tr>
                {header("Article", "title", "min-w-64 pl-4")}
                {header("Publisher", "publisher")}
                {header("Date", "date", "whitespace-nowrap")}
                <th scope="col" className="px-3 py-2 font-medium uppercase tracking-wide">Reviewer</th>
                {header("Claims", "claims", "text-right")}
                {header("Progress", "progress")}
                <th scope="col" className="px-3 py-2 font-medium uppercase tracking-wide">State</th>
                <th scope="col" className="whitespace-nowrap px-3 py-2 font-medium uppercase tracking-wide">Worst approved</th>
                {header("Last activity", "activity", "whitespace-nowrap pr-4")}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={9} className="px-4 py-10 text-center text-muted">
                    No articles match these filters.
                  </td>
                </tr>
              ) : (
                rows.map((r) => (
                  <tr key={r.id} className="align-top hover:bg-slate-50">
                    <td className="max-w-md py-3 pl-4 pr-3">
                      <Link href={`/articles/${r.id}`} className="font-medium text-ink hover:text-brand hover:underline">
                        {r.title}
                      </Link>
                      <div className="mt-0.5 text-xs">
                        <Link href={`/articles/${r.id}/summary`} className="text-brand hover:underline" aria-label={`Summary of ${r.title}`}>
                          Summary
                        </Link>
                      </div>
                    </td>
                    <td className="px-3 py-3 text-slate-600">{r.publisher ?? "—"}</td>
                    <td className="whitespace-nowrap px-3 py-3 text-slate-600">
                      {r.publishedOn ? formatDay(r.publishedOn) : <span title="No publication date: the import day">{formatDay(r.importedAt)}*</span>}
                      <div className="text-xs text-muted">imported {formatDay(r.importedAt)}</div>
                    </td>
                    <td className="px-3 py-3 text-slate-600">{r.assignee?.name ?? <span className="text-muted">Unassigned</span>}</td>
                    <td className="px-3 py-3 text-right tabular-nums">{r.rollup.counts.total}</td>
                    <td className="px-3 py-3"><ProgressBar rollup={r.rollup} compact /></td>
                    <td className="px-3 py-3"><StateBadge rollup={r.rollup} /></td>
                    <td className="px-3 py-3"><RollupBadge rollup={r.rollup} /></td>
                    <td className="whitespace-nowrap px-3 py-3 pr-4 text-slate-600">{formatDay(r.lastActivityAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </ScrollCard>

        <Pager
          summary={
            totals.articles === 0
              ? "No articles"
              : `Articles ${formatNumber(firstRow)}–${formatNumber(firstRow + rows.length - 1)} of ${formatNumber(totals.articles)} · page ${query.page} of ${pageCount}`
          }
          page={query.page}
          pageCount={pageCount}
          hrefFor={(page) => hrefWith(query, { page })}
        />
      </div>
    </VerdictScaleProvider>
  );
}

import { ChevronLeft, ChevronRight, FileText, Link2, MessageSquareQuote, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { DateFilter, SelectFilter } from "@/components/ui/filter-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { VerdictBadge } from "@/components/verdict-badge";
import { VerdictScaleProvider } from "@/components/verdicts/verdict-scale-context";
import { unreadableDateFilters } from "@/db/queries/dashboard";
import { SEARCH_COUNT_CAP, type SearchGroup, type SearchKind, type SearchQuery } from "@/db/queries/search";
import { formatDay, formatNumber } from "@/lib/format";
import type { SnippetSegment } from "@/lib/search/snippet";
import { CLAIM_STATUSES, statusLabel } from "@/lib/verdicts";
import { loadSearchPage } from "./load";
import { hrefWithQuery } from "@/lib/query-href";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FILTER_KEYS = ["verdict", "status", "reviewer", "publisher", "from", "to"] as const;
const KIND_LABEL: Record<SearchKind, string> = { articles: "Articles", claims: "Claims", sources: "Sources" };

const hrefWith = (query: SearchQuery, change: Record<string, string | number | undefined>) => hrefWithQuery("/search", query, change);

/** The snippet with its matched words marked: React elements, never HTML from the database. */
function Snippet({ segments }: { segments: SnippetSegment[] }) {
  if (!segments.length) return null;
  return (
    <p className="mt-1 text-sm leading-relaxed text-slate-700 [overflow-wrap:anywhere]">
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-ink">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}

function countLabel(group: SearchGroup<unknown>) {
  return group.capped ? `${formatNumber(SEARCH_COUNT_CAP)}+` : formatNumber(group.total);
}

function Pager({ query, group }: { query: SearchQuery; group: SearchGroup<unknown> }) {
  if (group.pageCount <= 1) return null;
  return (
    <nav aria-label={`${KIND_LABEL[group.kind]} pages`} className="mt-4 flex items-center justify-between gap-3 text-sm">
      {group.page > 1 ? (
        <Link href={hrefWith(query, { page: group.page - 1 })} className={buttonVariants({ variant: "secondary", size: "sm" })}>
          <ChevronLeft aria-hidden className="size-4" /> Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted">
        Page {formatNumber(group.page)} of {formatNumber(group.pageCount)}
      </span>
      {group.page < group.pageCount ? (
        <Link href={hrefWith(query, { page: group.page + 1 })} className={buttonVariants({ variant: "secondary", size: "sm" })}>
          Next <ChevronRight aria-hidden className="size-4" />
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

function GroupSection({ query, group, overview, children }: { query: SearchQuery; group: SearchGroup<unknown>; overview: boolean; children: React.ReactNode }) {
  const id = `results-${group.kind}`;
  const Icon = group.kind === "articles" ? FileText : group.kind === "claims" ? MessageSquareQuote : Link2;
  return (
    <section aria-labelledby={id} className="min-w-0">
      <div className="mb-2 flex items-baseline justify-between gap-3">
        <h2 id={id} className="flex items-center gap-2 text-lg font-semibold">
          <Icon aria-hidden className="size-5 text-slate-500" />
          {KIND_LABEL[group.kind]} <span className="text-sm font-normal text-muted">({countLabel(group)})</span>
        </h2>
        {overview && group.total > group.hits.length ? (
          <Link href={hrefWith(query, { kind: group.kind, page: undefined })} className="text-sm font-medium text-brand underline-offset-2 hover:underline">
            Show all {countLabel(group)} {KIND_LABEL[group.kind].toLowerCase()}
          </Link>
        ) : null}
      </div>
      {group.hits.length ? (
        <Card className="divide-y divide-line">{children}</Card>
      ) : (
        <p className="rounded-lg border border-dashed border-line px-4 py-3 text-sm text-muted">No {KIND_LABEL[group.kind].toLowerCase()} match.</p>
      )}
      {overview ? null : <Pager query={query} group={group} />}
    </section>
  );
}

const resultLink = "font-medium text-brand underline-offset-2 hover:underline [overflow-wrap:anywhere]";

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const { result, scale, options } = await loadSearchPage(params);
  const dateErrors = unreadableDateFilters(params);
  const query = result.query;
  const activeFilters = FILTER_KEYS.filter((k) => query[k] !== undefined).length;
  const filtersOn = activeFilters > 0;
  const overview = !query.kind;
  const ok = result.status === "ok" ? result : null;
  const nothing = ok && !ok.articles?.total && !ok.claims?.total && !ok.sources?.total;

  return (
    <VerdictScaleProvider scale={scale}>
      <div className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Search</h1>
        <p className="mb-6 text-sm text-muted">
          Articles, claims and sources. Words match from their start (<q>milit</q> finds <q>militias</q>); put a phrase in quotes to match it exactly.
        </p>

        <Card className="mb-6 p-4">
          <form key={hrefWith(query, {})} method="get" action="/search">
            {query.kind ? <input type="hidden" name="kind" value={query.kind} /> : null}
            <Label htmlFor="s-q">Search for</Label>
            <div className="mt-1.5 flex gap-2">
              <Input id="s-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={500} className="min-w-0 flex-1" aria-describedby={result.status === "invalid" ? "s-q-error" : undefined} />
              <Button type="submit">Search</Button>
            </div>
            {/* Closed until a filter is on, so on a phone the results are on the first screen. */}
            <details open={filtersOn || dateErrors.length > 0} className="mt-3">
              <summary className="w-fit cursor-pointer rounded text-sm font-medium text-slate-700 hover:text-ink">
                Filters{activeFilters ? ` (${activeFilters} on)` : ""}
              </summary>
              <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              <SelectFilter id="s-verdict" name="verdict" label="Verdict" value={query.verdict} anyLabel="Any verdict" options={scale.map((v) => ({ value: v.key, label: v.label }))} />
              <SelectFilter id="s-status" name="status" label="Claim status" value={query.status} anyLabel="Any status" options={CLAIM_STATUSES.map((s) => ({ value: s.key, label: s.label }))} />
              <SelectFilter id="s-reviewer" name="reviewer" label="Reviewer" value={query.reviewer} anyLabel="Anyone" options={options.reviewers.map((r) => ({ value: r.id, label: r.name }))} />
              <SelectFilter id="s-publisher" name="publisher" label="Publisher" value={query.publisher} anyLabel="Any publisher" options={options.publishers.map((p) => ({ value: p, label: p }))} />
              <DateFilter id="s-from" name="from" label="Article date from" value={query.from} describedBy="s-hint" />
              <DateFilter id="s-to" name="to" label="Article date to" value={query.to} describedBy="s-hint" />
              </div>
              <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
                <p id="s-hint" className="text-xs text-muted">
                  Article date is the publisher&apos;s date, or the import day. Verdict, status and reviewer apply to claims and sources; an article matches when one of its claims does.
                </p>
                <div className="ml-auto flex gap-2">
                  {filtersOn ? (
                    <Link href={hrefWith({ ...query, verdict: undefined, status: undefined, reviewer: undefined, publisher: undefined, from: undefined, to: undefined }, { page: undefined })} className={buttonVariants({ variant: "secondary" })}>
                      Clear filters
                    </Link>
                  ) : null}
                  <Button type="submit" variant="secondary">
                    Apply filters
                  </Button>
                </div>
              </div>
            </details>
          </form>
        </Card>

        {dateErrors.length ? (
          <Alert className="mb-4">
            {dateErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </Alert>
        ) : null}

        {result.status === "invalid" ? (
          <Alert id="s-q-error" role="alert">
            {result.message}
          </Alert>
        ) : null}

        {result.status === "empty" ? (
          <div className="rounded-lg border border-dashed border-line px-6 py-10 text-center">
            <p className="font-medium">Type what you are looking for</p>
            <p className="mt-1 text-sm text-muted">A name, a figure, a few words of a claim or a source&apos;s address. Press / anywhere on the desk to search.</p>
          </div>
        ) : null}

        {ok ? (
          <>
            <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-muted" aria-live="polite">
                Results for {ok.terms.map((t, i) => (
                  <span key={i}>
                    {i ? " " : ""}
                    <strong className="font-semibold text-ink [overflow-wrap:anywhere]">{t}</strong>
                  </span>
                ))}
              </p>
              {query.kind ? (
                <Link href={hrefWith(query, { kind: undefined, page: undefined })} className="text-sm font-medium text-brand underline-offset-2 hover:underline">
                  All kinds of results
                </Link>
              ) : null}
            </div>

            {nothing ? (
              <div className="rounded-lg border border-dashed border-line px-6 py-10 text-center">
                <SearchX aria-hidden className="mx-auto mb-3 size-8 text-slate-400" />
                <p className="font-medium">Nothing matches</p>
                <p className="mt-1 text-sm text-muted">
                  {filtersOn ? "Try fewer filters, " : "Try "}fewer or shorter words, or take the quotes off a phrase.
                </p>
              </div>
            ) : (
              <div className="grid gap-8">
                {ok.claims ? (
                  <GroupSection query={query} group={ok.claims} overview={overview}>
                    {ok.claims.hits.map((c) => (
                      <article key={c.id} className="px-4 py-3">
                        <h3 className="text-base">
                          <Link href={c.href} className={resultLink}>
                            {c.claimAsChecked}
                          </Link>
                        </h3>
                        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
                          <VerdictBadge verdict={c.verdict} />
                          <span>{statusLabel(c.status)}</span>
                          {c.claimant ? <span>Claimant: {c.claimant}</span> : null}
                          <span className="[overflow-wrap:anywhere]">In “{c.articleTitle}”</span>
                        </div>
                        <Snippet segments={c.snippet} />
                      </article>
                    ))}
                  </GroupSection>
                ) : null}
                {ok.articles ? (
                  <GroupSection query={query} group={ok.articles} overview={overview}>
                    {ok.articles.hits.map((a) => (
                      <article key={a.id} className="px-4 py-3">
                        <h3 className="text-base">
                          <Link href={a.href} className={resultLink}>
                            {a.title}
                          </Link>
                        </h3>
                        <p className="mt-0.5 text-xs text-muted">
                          {[a.publisher, a.author, a.publishedOn ? formatDay(a.publishedOn) : null].filter(Boolean).join(" · ") || "No publisher"}
                        </p>
                        <Snippet segments={a.snippet} />
                      </article>
                    ))}
                  </GroupSection>
                ) : null}
                {ok.sources ? (
                  <GroupSection query={query} group={ok.sources} overview={overview}>
                    {ok.sources.hits.map((s) => (
                      <article key={s.id} className="px-4 py-3">
                        <h3 className="text-base">
                          <Link href={s.href} className={resultLink}>
                            {s.title || s.url}
                          </Link>
                        </h3>
                        <p className="mt-0.5 text-xs text-muted [overflow-wrap:anywhere]">
                          {[s.publisher, s.url].filter(Boolean).join(" · ")}
                        </p>
                        <p className="mt-0.5 text-xs text-muted [overflow-wrap:anywhere]">
                          Source of the claim “{s.claimAsChecked}” in “{s.articleTitle}”
                        </p>
                        <Snippet segments={s.snippet} />
                      </article>
                    ))}
                  </GroupSection>
                ) : null}
              </div>
            )}
          </>
        ) : null}
      </div>
    </VerdictScaleProvider>
  );
}

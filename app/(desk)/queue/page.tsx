import { Inbox } from "lucide-react";
import { ScrollCard } from "@/components/ui/scroll-box";
import type { Metadata } from "next";
import { formatDateTimeUtc } from "@/lib/format";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { StatusBadge, VerdictBadge } from "@/components/verdict-badge";
import { getVerdictScale } from "@/db/queries/verdict-scale";
import { getMyQueue, QUEUE_LIMIT } from "@/db/queries/workflow";
import { requirePageUser } from "@/lib/auth";
import { VerdictScaleProvider } from "@/components/verdicts/verdict-scale-context";

export const metadata: Metadata = { title: "My queue" };

const formatTime = formatDateTimeUtc;

/** What editors assigned to the signed-in user: claims and whole articles, newest activity first. */
export default async function QueuePage() {
  const user = await requirePageUser("/queue");
  const [queue, scale] = await Promise.all([getMyQueue({ actor: user }), getVerdictScale()]);
  const empty = queue.claims.length === 0 && queue.articles.length === 0 && queue.rechecks.length === 0;
  return (
    <VerdictScaleProvider scale={scale}>
      <div className="mx-auto grid max-w-6xl grid-cols-1 gap-6 px-4 py-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">My queue</h1>
          <p className="text-sm text-muted">Re-checks, claims and articles assigned to you, most recently active first.</p>
        </div>
        {empty ? (
          <Card className="p-10 text-center">
            <Inbox aria-hidden className="mx-auto mb-3 size-8 text-slate-400" />
            <p className="font-medium">Nothing is assigned to you</p>
            <p className="text-sm text-muted">When an editor assigns you a claim or an article, it appears here.</p>
          </Card>
        ) : (
          <>
            {queue.rechecks.length > 0 ? (
              <section aria-labelledby="queue-rechecks">
                <h2 id="queue-rechecks" className="mb-1 text-lg font-semibold">
                  Needs re-check <span className="font-normal text-muted">({queue.rechecks.length})</span>
                </h2>
                <p className="mb-2 text-sm text-muted">The article&rsquo;s text changed under these claims. Open each one to accept the new text, re-anchor it or withdraw it.</p>
                <ScrollCard label="Claims to re-check">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Claims of yours whose text changed</caption>
                    <thead className="border-b border-line bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="px-4 py-3 font-medium">Claim</th>
                        <th scope="col" className="px-4 py-3 font-medium">Article</th>
                        <th scope="col" className="px-4 py-3 font-medium">What changed</th>
                        <th scope="col" className="px-4 py-3 font-medium">Status</th>
                        <th scope="col" className="px-4 py-3 font-medium">Last activity</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-line">
                      {queue.rechecks.map((c) => (
                        <tr key={c.id} className="align-top hover:bg-slate-50">
                          <td className="min-w-64 max-w-md px-4 py-3">
                            <Link href={`/articles/${c.articleId}?claim=${c.id}`} className="line-clamp-3 font-serif text-brand underline decoration-brand/30 underline-offset-2 hover:decoration-brand">
                              {c.claimAsChecked || c.recheckQuote || "Untitled claim"}
                            </Link>
                          </td>
                          <td className="max-w-xs px-4 py-3 text-slate-600">{c.articleTitle}</td>
                          <td className="whitespace-nowrap px-4 py-3">
                            <span className="rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">
                              {c.anchorState === "orphaned" ? "Words removed" : "Words changed"}
                            </span>
                          </td>
                          <td className="px-4 py-3">
                            <StatusBadge status={c.status} />
                          </td>
                          <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatTime(c.updatedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {queue.rechecks.length === QUEUE_LIMIT ? <p className="px-4 py-2 text-xs text-muted">Showing the {QUEUE_LIMIT} most recent.</p> : null}
                </ScrollCard>
              </section>
            ) : null}
            <section aria-labelledby="queue-claims">
              <h2 id="queue-claims" className="mb-2 text-lg font-semibold">
                Claims <span className="font-normal text-muted">({queue.claims.length})</span>
              </h2>
              {queue.claims.length === 0 ? (
                <p className="text-sm text-muted">No claims assigned to you.</p>
              ) : (
                <ScrollCard label="Claims assigned to you">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Claims assigned to you</caption>
                    <thead className="border-b border-line bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="px-4 py-3 font-medium">Claim</th>
                        <th scope="col" className="px-4 py-3 font-medium">Article</th>
                        <th scope="col" className="px-4 py-3 font-medium">Status</th>
                        <th scope="col" className="px-4 py-3 font-medium">Verdict</th>
                        <th scope="col" className="px-4 py-3 font-medium">Last activity</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-line">
                      {queue.claims.map((c) => (
                        <tr key={c.id} className="align-top hover:bg-slate-50">
                          <td className="min-w-64 max-w-md px-4 py-3">
                            <Link href={`/articles/${c.articleId}?claim=${c.id}`} className="line-clamp-3 font-serif text-brand underline decoration-brand/30 underline-offset-2 hover:decoration-brand">
                              {c.claimAsChecked}
                            </Link>
                          </td>
                          <td className="max-w-xs px-4 py-3 text-slate-600">{c.articleTitle}</td>
                          <td className="px-4 py-3">
                            <StatusBadge status={c.status} />
                          </td>
                          <td className="px-4 py-3">
                            <VerdictBadge verdict={c.verdict} />
                          </td>
                          <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatTime(c.updatedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {queue.claims.length === QUEUE_LIMIT ? <p className="px-4 py-2 text-xs text-muted">Showing the {QUEUE_LIMIT} most recent.</p> : null}
                </ScrollCard>
              )}
            </section>
            <section aria-labelledby="queue-articles">
              <h2 id="queue-articles" className="mb-2 text-lg font-semibold">
                Articles <span className="font-normal text-muted">({queue.articles.length})</span>
              </h2>
              {queue.articles.length === 0 ? (
                <p className="text-sm text-muted">No articles assigned to you.</p>
              ) : (
                <ScrollCard label="Articles assigned to you">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Articles assigned to you</caption>
                    <thead className="border-b border-line bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="px-4 py-3 font-medium">Article</th>
                        <th scope="col" className="px-4 py-3 text-right font-medium">Claims</th>
                        <th scope="col" className="px-4 py-3 text-right font-medium">Approved</th>
                        <th scope="col" className="px-4 py-3 font-medium">Last activity</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-line">
                      {queue.articles.map((a) => (
                        <tr key={a.id} className="hover:bg-slate-50">
                          <td className="min-w-64 max-w-xl px-4 py-3">
                            <Link href={`/articles/${a.id}`} className="font-medium text-ink hover:text-brand hover:underline">
                              {a.title}
                            </Link>
                          </td>
                          <td className="px-4 py-3 text-right tabular-nums">{a.claims}</td>
                          <td className="px-4 py-3 text-right tabular-nums">{a.approved}</td>
                          <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatTime(a.activityAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollCard>
              )}
            </section>
          </>
        )}
      </div>
    </VerdictScaleProvider>
  );
}

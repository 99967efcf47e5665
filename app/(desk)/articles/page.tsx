import { FileText, Plus } from "lucide-react";
import { ScrollCard } from "@/components/ui/scroll-box";
import type { Metadata } from "next";
import { formatDay } from "@/lib/format";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { Card } from "@/components/ui/card";
import { listArticles } from "@/db/queries/articles";
import { requirePageUser } from "@/lib/auth";
import { formatNumber } from "@/lib/format";
import { CLAIM_STATUSES } from "@/lib/verdicts";

export const metadata: Metadata = { title: "Articles" };

const formatDate = formatDay;

const pageHref = (page: number) => (page > 1 ? `/articles?page=${page}` : "/articles");

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("/articles");
  const { page: requested } = await searchParams;
  const { items: articleList, page, pageCount, total, pageSize } = await listArticles({ page: typeof requested === "string" ? requested : undefined });
  const firstRow = (page - 1) * pageSize + 1;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="mb-6 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Articles</h1>
          <p className="text-sm text-muted">Open an article to mark its check-worthy claims.</p>
        </div>
        <Button asChild>
          <Link href="/articles/import">
            <Plus aria-hidden /> Import article
          </Link>
        </Button>
      </div>
      {articleList.length === 0 ? (
        <Card className="p-10 text-center">
          <FileText aria-hidden className="mx-auto mb-3 size-8 text-slate-400" />
          <p className="font-medium">No articles yet</p>
          <p className="mb-4 text-sm text-muted">Import a news article to start checking its claims.</p>
          <Button asChild>
            <Link href="/articles/import">Import article</Link>
          </Button>
        </Card>
      ) : (
        <ScrollCard label="Articles">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Imported articles with their claims by status</caption>
            <thead className="border-b border-line bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Title</th>
                <th scope="col" className="px-4 py-3 font-medium">Publisher</th>
                <th scope="col" className="px-4 py-3 font-medium">Published</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Claims</th>
                <th scope="col" className="px-4 py-3 font-medium">By status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {articleList.map((a) => (
                <tr key={a.id} className="hover:bg-slate-50">
                  <td className="min-w-56 max-w-md px-4 py-3">
                    <Link href={`/articles/${a.id}`} className="font-medium text-ink hover:text-brand hover:underline">
                      {a.title}
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-slate-600">{a.publisher ?? "—"}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDate(a.publishedOn)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{a.claimCounts.total}</td>
                  <td className="px-4 py-3">
                    {a.claimCounts.total === 0 ? (
                      <span className="text-muted">No claims yet</span>
                    ) : (
                      <ul className="flex flex-wrap gap-1.5" aria-label="Claims by status">
                        {CLAIM_STATUSES.filter((s) => a.claimCounts[s.key] > 0).map((s) => (
                          <li key={s.key} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                            {s.label}: <span className="tabular-nums">{a.claimCounts[s.key]}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollCard>
      )}
      {pageCount > 1 ? (
        <Pager
          summary={`Articles ${formatNumber(firstRow)}–${formatNumber(firstRow + articleList.length - 1)} of ${formatNumber(total)} · page ${page} of ${pageCount}`}
          page={page}
          pageCount={pageCount}
          hrefFor={pageHref}
        />
      ) : null}
    </div>
  );
}

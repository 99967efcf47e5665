import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getPublishedBundle } from "@/db/queries/publishing";
import { AppError } from "@/lib/errors";
import { jsonLdScriptContent, toClaimReviewJsonLd } from "@/lib/export/claimreview";
import { renderAnnotatedArticle } from "@/lib/export/html";
import { publicOrigin } from "@/lib/public-origin";

type Params = { params: Promise<{ id: string }> };

// The public, read-only fact-check. No session: proxy.ts does not match
// /published/*, and nothing here reads one. What is shown is decided by the
// editor who published it (approved claims only by default).
const load = cache(async (id: string) => {
  await connection(); // always rendered per request: an unpublished page must vanish at once
  try {
    return await getPublishedBundle({ articleId: id, origin: publicOrigin() });
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const bundle = await load(id);
  const claimCount = bundle.claims.length;
  return {
    title: { absolute: `Fact-check: ${bundle.article.title} · ${bundle.organization.name}` },
    description: `${claimCount} ${claimCount === 1 ? "claim" : "claims"} checked by ${bundle.organization.name}.`,
    alternates: { canonical: bundle.publishedUrl },
    // Indexed, since the ClaimReview data is meant for search engines; links in
    // the article and its sources are not endorsements, and no cached copy
    // should outlive an unpublish.
    robots: { index: true, follow: false, noarchive: true },
  };
}

function formatDate(value: string | null | undefined) {
  if (!value) return null;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

export default async function PublishedPage({ params }: Params) {
  const { id } = await params;
  const bundle = await load(id);
  const { css, html } = renderAnnotatedArticle(bundle);
  const jsonLd = toClaimReviewJsonLd(bundle);
  // No ClaimReview block when no claim qualifies (e.g. nothing approved yet).
  const graph = (jsonLd as { "@graph"?: unknown })["@graph"];
  const hasJsonLd = !Array.isArray(graph) || graph.length > 0;
  return (
    <div className="min-h-screen bg-white">
      {/* Both are produced by lib/export: the CSS is constant, the HTML escapes every user-written text. */}
      <style dangerouslySetInnerHTML={{ __html: css }} />
      {hasJsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptContent(jsonLd) }} /> : null}
      <header className="border-b border-line bg-canvas">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-5 py-3 text-sm">
          <span className="font-semibold tracking-tight">{bundle.organization.name}</span>
          <span className="text-muted">Fact-check · {bundle.scope === "approved" ? "approved verdicts" : "all claims, including unapproved"}</span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-5 pb-16 pt-8">
        <div className="published-article" dangerouslySetInnerHTML={{ __html: html }} />
        <footer className="mt-12 border-t border-line pt-4 text-xs text-muted">
          Published by {bundle.organization.name}
          {formatDate(bundle.article.publishedAt) ? ` on ${formatDate(bundle.article.publishedAt)}` : null}. Highlighted passages are the claims checked; each
          verdict, its rationale and sources follow in the notes.
        </footer>
      </main>
    </div>
  );
}

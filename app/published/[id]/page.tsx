import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { configuredOrigin } from "@/db/queries/export";
import { getPublishedBundle } from "@/db/queries/publishing";
import { AppError } from "@/lib/errors";
import { jsonLdScriptContent, toClaimReviewJsonLd } from "@/lib/export/claimreview";
import { lastCorrectedAt } from "@/lib/export/corrections";
import { renderAnnotatedArticle } from "@/lib/export/html";
import { formatDay } from "@/lib/format";
import { rollUpClaims, verdictHeadline } from "@/lib/summary";

type Params = { params: Promise<{ id: string }> };

// The export's CSS was written for a page with browser defaults; this app's
// Tailwind preflight removes margins and list markers. Put the defaults back
// for the article only, at zero specificity (:where) so every rule of the
// export's own stylesheet still wins, and unlayered so preflight does not.
const PAGE_DEFAULTS = `
:where(.published-article) :where(p){margin:0 0 1em}
:where(.published-article) :where(h2){font-size:1.35rem;font-weight:700;margin:1.75em 0 .6em}
:where(.published-article) :where(h3){font-size:1.15rem;font-weight:700;margin:1.5em 0 .5em}
:where(.published-article) :where(h4){font-size:1rem;font-weight:700;margin:1.25em 0 .5em}
:where(.published-article) :where(h1){font-weight:700}
:where(.published-article) :where(ul){list-style:disc;padding-inline-start:1.5em;margin:0 0 1em}
:where(.published-article) :where(ol){list-style:decimal;padding-inline-start:1.5em;margin:0 0 1em}
:where(.published-article) :where(li){margin:.25em 0}
:where(.published-article) :where(a){text-decoration:underline;text-underline-offset:2px}
:where(.published-article) :where(hr){margin:2em 0;border-top:1px solid #e5e7eb}
`;

// The public, read-only fact-check. No session: proxy.ts does not match
// /published/*, and nothing here reads one. What is shown is decided by the
// editor who published it (approved claims only by default).
const load = cache(async (id: string) => {
  await connection(); // always rendered per request: an unpublished page must vanish at once
  try {
    return await getPublishedBundle({ articleId: id, origin: configuredOrigin() });
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


export default async function PublishedPage({ params }: Params) {
  const { id } = await params;
  const bundle = await load(id);
  const publishedDay = bundle.article.publishedAt ? formatDay(bundle.article.publishedAt) : null;
  // The last published correction; its entry is in the Corrections section at the end of the page.
  const corrected = lastCorrectedAt(bundle);
  const { css, html } = renderAnnotatedArticle(bundle, { audience: "public" }); // no staff names on the public page
  const jsonLd = toClaimReviewJsonLd(bundle);
  const headline = verdictHeadline(rollUpClaims(bundle.claims, bundle.scale));
  // The page's Content-Security-Policy (proxy.ts) admits only <style> elements carrying its nonce.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // No ClaimReview block when no claim qualifies (e.g. nothing approved yet).
  const graph = (jsonLd as { "@graph"?: unknown })["@graph"];
  const hasJsonLd = !Array.isArray(graph) || graph.length > 0;
  return (
    <div className="min-h-screen bg-white">
      {/* Both are produced by lib/export: the CSS is constant, the HTML escapes every user-written text. */}
      <style nonce={nonce} dangerouslySetInnerHTML={{ __html: PAGE_DEFAULTS + css }} />
      {hasJsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptContent(jsonLd) }} /> : null}
      <header className="border-b border-line bg-canvas">
        <div className="mx-auto flex max-w-[46rem] flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
          <span className="font-semibold tracking-tight">{bundle.organization.name}</span>
          <span className="text-muted">
            {bundle.scope === "approved" ? "Approved fact-checks" : "All claims, including some not yet approved"}
            {publishedDay ? ` · ${publishedDay}` : null}
            {corrected ? (
              <>
                {" · "}
                <a href="#cd-corrections" className="underline underline-offset-2">
                  Updated <time dateTime={corrected}>{formatDay(corrected)}</time>
                </a>
              </>
            ) : null}
          </span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-[46rem] pb-16 pt-4">
        {/* What the fact-check found, in a reader's words, before the article. */}
        <p className="mx-4 mt-2 rounded-md border border-line bg-slate-50 px-4 py-2 font-sans text-base font-medium text-ink">{headline}</p>
        <div className="published-article" dangerouslySetInnerHTML={{ __html: html }} />
        <footer className="mx-4 border-t border-line pt-4 text-xs text-muted">
          Published by {bundle.organization.name}
          {publishedDay ? ` on ${publishedDay}` : null}
          {corrected ? `, updated ${formatDay(corrected)}` : null}. Highlighted passages are the claims checked; each
          verdict, its rationale and sources follow in the notes.
        </footer>
      </main>
    </div>
  );
}

/**
 * schema.org ClaimReview (JSON-LD), as Google Fact Check tools read it.
 * https://developers.google.com/search/docs/appearance/structured-data/factcheck
 *
 * Which claims: with the approval workflow (`bundle.workflow`), one
 * ClaimReview per approved claim with a verdict; without it, every claim with
 * a verdict, each marked `creativeWorkStatus: "Unapproved"`. A claim with no
 * verdict has nothing to review and is left out.
 *
 * Rating: `alternateName` is always the verdict label. Verdicts with a value
 * on the desk's 0–1 truthfulness scale are ranked by that value: the distinct
 * values, lowest first, become ratings 1..N, so `worstRating` is 1 and
 * `bestRating` is N. With the default scale: False 1, Misleading 2, Mostly
 * false 3, Half true 4, Mostly true 5, True 6. A verdict without a value
 * (Unverifiable) has `alternateName` only.
 *
 * Links: `url` and `@id` are the claim's note, `#claim-<id>`, on the page that
 * shows it (the published page, else the article in the desk); the claim's
 * `appearance` is the article (its source URL, else the published page, else
 * the desk). See lib/export/links.ts.
 */
import type { Claim, ClaimReview, Collection, Graph, IdReference, Organization, Person, Rating } from "schema-dts";
import type { ExportBundle, ExportClaim } from "./bundle";
import { scopeLabel } from "./bundle";
import { articleUrl, claimUrl, publishedPageUrl, deskArticleUrl } from "./links";
import { verdictLabel } from "./shared";
import { correctionsOfClaim, lastCorrectedAt } from "./corrections";
import { CORRECTION_KIND_LABELS } from "@/lib/corrections";
import { langAttribute } from "@/lib/language";
import type { VerdictScale } from "@/lib/verdicts";

/** Verdict key → rating 1..N (see the file comment), plus N. */
export function ratingScale(scale: VerdictScale): { ratings: Map<string, number>; best: number } {
  const values = [...new Set(scale.map((v) => v.value).filter((v): v is number => v !== null))].sort((a, b) => a - b);
  const ratings = new Map<string, number>();
  for (const v of scale) if (v.value !== null) ratings.set(v.key, values.indexOf(v.value) + 1);
  return { ratings, best: values.length };
}

const ORGANIZATION_WORDS =
  /\b(ministry|minister's office|government|party|office|agency|department|council|committee|commission|company|corporation|inc|ltd|llc|news|times|post|association|union|bank|university|institute|foundation|army|police|court|parliament|senate|congress|bureau|authority|the article)\b/i;

function claimantAgent(bundle: ExportBundle, claim: ExportClaim): Person | Organization | undefined {
  const name = claim.claimant.trim();
  if (!name) {
    if (bundle.article.author) return { "@type": "Person", name: bundle.article.author };
    if (bundle.article.publisher) return { "@type": "Organization", name: bundle.article.publisher };
    return undefined;
  }
  if (/^the article$/i.test(name) && bundle.article.publisher) return { "@type": "Organization", name: bundle.article.publisher };
  return ORGANIZATION_WORDS.test(name) ? { "@type": "Organization", name } : { "@type": "Person", name };
}

function dateOnly(value: string | null | undefined): string | undefined {
  return value ? value.slice(0, 10) : undefined;
}

/** Claims that get a ClaimReview. */
export function reviewedClaims(bundle: ExportBundle): ExportClaim[] {
  return bundle.claims.filter((claim) => claim.verdict !== null && (!bundle.workflow || claim.status === "approved"));
}

export function toClaimReview(bundle: ExportBundle, claim: ExportClaim, ratings = ratingScale(bundle.scale)): ClaimReview {
  // The review is where the claim's fact-check can be read (lib/export/links.ts): its
  // note on the published page, or in the desk while the page does not show it.
  const url = claimUrl(bundle, claim);
  const label = verdictLabel(bundle, claim.verdict);
  const value = claim.verdict ? ratings.ratings.get(claim.verdict) : undefined;
  const rating: Rating = {
    "@type": "Rating",
    alternateName: label,
    ...(value !== undefined ? { ratingValue: value, bestRating: ratings.best, worstRating: 1 } : {}),
  };
  const claimant = claimantAgent(bundle, claim);
  // The claim is in the article's language; the review itself is the desk's, whose language Claimdesk does not record.
  const inLanguage = langAttribute(bundle.article.language);
  const itemReviewed: Claim = {
    "@type": "Claim",
    ...(inLanguage ? { inLanguage } : {}),
    ...(claimant ? { author: claimant } : {}),
    ...(bundle.article.publishedOn ? { datePublished: bundle.article.publishedOn } : {}),
    appearance: {
      "@type": "CreativeWork",
      url: articleUrl(bundle),
      headline: bundle.article.title,
      ...(inLanguage ? { inLanguage } : {}),
      ...(bundle.article.publishedOn ? { datePublished: bundle.article.publishedOn } : {}),
    },
  };
  // The approval date; a claim approved before approval dates were recorded has its last change.
  const published = claim.approvedAt ?? claim.updatedAt;
  // A published correction of this claim (its verdict or words changed): when, and the editor's note.
  // The rating above is already the changed one: the bundle holds the claim as it is now.
  const corrected = correctionsOfClaim(bundle, claim.id);
  const correction = corrected.map((c) => ({ "@type": "CorrectionComment" as const, text: `${CORRECTION_KIND_LABELS[c.kind]}: ${c.note}`, datePublished: dateOnly(c.publishedAt) }));
  return {
    "@type": "ClaimReview",
    "@id": url,
    url,
    claimReviewed: claim.claimAsChecked,
    ...(dateOnly(published) ? { datePublished: dateOnly(published) } : {}),
    ...(corrected[0] ? { dateModified: corrected[0].publishedAt, correction } : {}),
    author: { "@type": "Organization", name: bundle.organization.name, url: bundle.organization.url },
    reviewRating: rating,
    itemReviewed,
    creativeWorkStatus: bundle.workflow || claim.status === "approved" ? "Approved" : "Unapproved",
  };
}

/**
 * The ClaimReviews in an `@graph`, after a Collection node that records what
 * the file holds: scope, export time and whether the reviews were approved.
 */
export function toClaimReviewJsonLd(bundle: ExportBundle): Graph {
  const ratings = ratingScale(bundle.scale);
  const reviews = reviewedClaims(bundle).map((claim) => toClaimReview(bundle, claim, ratings));
  const note = bundle.workflow
    ? "Approved fact-checks only."
    : "This desk does not use the approval workflow: these fact-checks have not been approved by an editor.";
  const collection: Collection = {
    "@type": "Collection",
    "@id": `${publishedPageUrl(bundle) ?? deskArticleUrl(bundle)}#claimreviews`,
    name: `Fact-checks of “${bundle.article.title}”`,
    description: `${note} Exported from ${scopeLabel(bundle.scope).toLowerCase()}.`,
    dateCreated: bundle.exportedAt,
    ...(lastCorrectedAt(bundle) ? { dateModified: lastCorrectedAt(bundle)! } : {}),
    creativeWorkStatus: bundle.workflow ? "Approved" : "Unapproved",
    collectionSize: reviews.length,
    hasPart: reviews.map((r) => ({ "@id": (r as { "@id": string })["@id"] }) satisfies IdReference),
  };
  return { "@context": "https://schema.org", "@graph": [collection, ...reviews] };
}

export function renderClaimReview(bundle: ExportBundle): string {
  return JSON.stringify(toClaimReviewJsonLd(bundle), null, 2) + "\n";
}

/**
 * JSON that is safe inside <script type="application/ld+json">: `<`, `>`,
 * `&`, U+2028 and U+2029 are written as \uXXXX escapes (still the same JSON
 * value), so no text in it can close the script element or open a comment.
 */
export function jsonLdScriptContent(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

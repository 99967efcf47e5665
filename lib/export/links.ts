/**
 * Where the links in an export point, so that each points at something that
 * exists (docs/export.md, "Links"):
 *
 * - the article: its source URL when it has one (http/https), else the
 *   published page when it is published, else its page in the desk;
 * - a claim: `#claim-<id>` (lib/claim-fragment.ts) on the published page when
 *   the page shows that claim (published with scope "all", or the claim is
 *   approved), else on the article's page in the desk, which opens the claim.
 *   A claim's fact-check lives on those pages, never on the source article.
 */
import { claimFragment } from "@/lib/claim-fragment";
import type { ExportBundle, ExportClaim } from "./bundle";
import { isHttpUrl } from "./shared";

type Links = Pick<ExportBundle, "article" | "origin" | "publishedUrl">;

/** The article's page in the desk (sign-in needed), e.g. https://desk.example/articles/<id>. */
export function deskArticleUrl(bundle: Pick<ExportBundle, "article" | "origin">): string {
  return `${bundle.origin}/articles/${encodeURIComponent(bundle.article.id)}`;
}

/** The published page, or null while the article is not published. */
export function publishedPageUrl(bundle: Links): string | null {
  return bundle.article.publishedAt ? bundle.publishedUrl : null;
}

/** The article itself: the W3C annotation target, the ClaimReview appearance, the CSV "Article URL". */
export function articleUrl(bundle: Links): string {
  if (isHttpUrl(bundle.article.sourceUrl)) return bundle.article.sourceUrl.trim();
  return publishedPageUrl(bundle) ?? deskArticleUrl(bundle);
}

/** Whether the published page shows this claim. */
export function isOnPublishedPage(bundle: Links, claim: Pick<ExportClaim, "status">): boolean {
  if (!bundle.article.publishedAt) return false;
  return bundle.article.publishedScope === "all" || claim.status === "approved";
}

/** The page that shows this claim's fact-check: the published page if it shows it, else the desk. */
export function factCheckPageUrl(bundle: Links, claim: Pick<ExportClaim, "status">): string {
  return isOnPublishedPage(bundle, claim) ? bundle.publishedUrl : deskArticleUrl(bundle);
}

/** A link to the claim itself: the ClaimReview `url`, the CSV "Claim link", Markdown's footnote link. */
export function claimUrl(bundle: Links, claim: Pick<ExportClaim, "id" | "status">): string {
  return `${factCheckPageUrl(bundle, claim)}#${claimFragment(claim.id)}`;
}

import type { ExportBundle } from "./bundle";

export function renderClaimReview(bundle: ExportBundle): string {
  // Implementation follows.
  return JSON.stringify({ article: bundle.article.title, scope: bundle.scope });
}

export function toClaimReviewJsonLd(bundle: ExportBundle): Record<string, unknown> {
  return { "@context": "https://schema.org", "@graph": [], scope: bundle.scope };
}

/** JSON that is safe inside <script type="application/ld+json">: no text can close the tag. */
export function jsonLdScriptContent(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

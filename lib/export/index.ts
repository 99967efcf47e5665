/**
 * The export formats: one pure module per format, all rendered from an
 * `ExportBundle` (lib/export/bundle.ts). Route handlers look a format up here
 * for its label, content type, file extension and renderer.
 */
import type { ExportBundle } from "./bundle";
import { renderClaimReview } from "./claimreview";
import { renderCsv } from "./csv";
import { renderAnnotatedHtml } from "./html";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { EXPORT_FORMAT_INFO, type ExportFormat, type ExportFormatInfo } from "./formats";
import { renderWebAnnotations } from "./web-annotation";

export type { ExportBundle, ExportClaim, ExportScope, ExportSource, ExportArticle } from "./bundle";
export { EXPORT_SCOPES, scopeLabel } from "./bundle";

export { EXPORT_FORMAT_INFO, EXPORT_FORMAT_KEYS, isExportFormat, type ExportFormat, type ExportFormatInfo } from "./formats";

export type ExportFormatSpec = ExportFormatInfo & {
  render(bundle: ExportBundle): string;
};

export const EXPORT_FORMATS: Record<ExportFormat, ExportFormatSpec> = {
  html: { ...EXPORT_FORMAT_INFO.html, render: renderAnnotatedHtml },
  markdown: { ...EXPORT_FORMAT_INFO.markdown, render: renderMarkdown },
  json: { ...EXPORT_FORMAT_INFO.json, render: renderJson },
  "web-annotation": { ...EXPORT_FORMAT_INFO["web-annotation"], render: renderWebAnnotations },
  claimreview: { ...EXPORT_FORMAT_INFO.claimreview, render: renderClaimReview },
  csv: { ...EXPORT_FORMAT_INFO.csv, render: renderCsv },
};

/** ASCII slug of a title: diacritics folded, lowercase, words joined by "-", at most 60 characters. */
export function slugify(title: string, max = 60): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= max) return ascii || "article";
  const cut = ascii.slice(0, max + 1);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 20 ? cut.slice(0, lastDash) : ascii.slice(0, max)).replace(/-+$/, "");
}

/** e.g. `middle-east-tensions-2026-11-25.annotations.jsonld`: title slug, export date (UTC), extension. */
export function exportFilename(bundle: ExportBundle, format: ExportFormat): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(bundle.exportedAt)?.[0] ?? new Date().toISOString().slice(0, 10);
  return `${slugify(bundle.article.title)}-${date}.${EXPORT_FORMATS[format].extension}`;
}

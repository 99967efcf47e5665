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
import { renderWebAnnotations } from "./web-annotation";

export type { ExportBundle, ExportClaim, ExportScope, ExportSource, ExportArticle } from "./bundle";
export { EXPORT_SCOPES, scopeLabel } from "./bundle";

export const EXPORT_FORMAT_KEYS = ["html", "markdown", "json", "web-annotation", "claimreview", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMAT_KEYS)[number];

export type ExportFormatSpec = {
  label: "HTML" | "Markdown" | "JSON" | "W3C Web Annotation" | "ClaimReview" | "CSV";
  /** File name ending without the leading dot, e.g. "annotations.jsonld". */
  extension: string;
  /** Content-Type header value. */
  contentType: string;
  render(bundle: ExportBundle): string;
};

export const EXPORT_FORMATS: Record<ExportFormat, ExportFormatSpec> = {
  html: { label: "HTML", extension: "html", contentType: "text/html; charset=utf-8", render: renderAnnotatedHtml },
  markdown: { label: "Markdown", extension: "md", contentType: "text/markdown; charset=utf-8", render: renderMarkdown },
  json: { label: "JSON", extension: "claimdesk.json", contentType: "application/json", render: renderJson },
  "web-annotation": {
    label: "W3C Web Annotation",
    extension: "annotations.jsonld",
    // The media type the W3C Web Annotation Protocol uses for annotations.
    contentType: "application/ld+json",
    render: renderWebAnnotations,
  },
  claimreview: { label: "ClaimReview", extension: "claimreview.jsonld", contentType: "application/ld+json", render: renderClaimReview },
  csv: { label: "CSV", extension: "csv", contentType: "text/csv; charset=utf-8", render: renderCsv },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMAT_KEYS as readonly string[]).includes(value);
}

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

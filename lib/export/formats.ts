/**
 * The export formats without their renderers: keys, labels, file extensions
 * and content types. Safe to import from client components (the Export menu);
 * `lib/export/index.ts` adds the renderers for the server.
 */
export const EXPORT_FORMAT_KEYS = ["html", "markdown", "json", "web-annotation", "claimreview", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMAT_KEYS)[number];

export type ExportFormatInfo = {
  label: "HTML" | "Markdown" | "JSON" | "W3C Web Annotation" | "ClaimReview" | "CSV";
  /** File name ending without the leading dot, e.g. "annotations.jsonld". */
  extension: string;
  /** Content-Type header value. */
  contentType: string;
  /** One line for a menu or tooltip. */
  description: string;
};

export const EXPORT_FORMAT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  html: {
    label: "HTML",
    extension: "html",
    contentType: "text/html; charset=utf-8",
    description: "The article with highlighted claims and footnotes, one file to read, share or print to PDF",
  },
  markdown: {
    label: "Markdown",
    extension: "md",
    contentType: "text/markdown; charset=utf-8",
    description: "The article as Markdown with a footnote per claim",
  },
  json: {
    label: "JSON",
    extension: "claimdesk.json",
    contentType: "application/json",
    description: "Everything, for archiving or importing into another Claimdesk",
  },
  "web-annotation": {
    label: "W3C Web Annotation",
    extension: "annotations.jsonld",
    // The media type the W3C Web Annotation Protocol uses for annotations.
    contentType: "application/ld+json",
    description: "Claims as W3C Web Annotations (JSON-LD) for annotation tools",
  },
  claimreview: {
    label: "ClaimReview",
    extension: "claimreview.jsonld",
    contentType: "application/ld+json",
    description: "schema.org ClaimReview (JSON-LD) for search engines and fact-check databases",
  },
  csv: {
    label: "CSV",
    extension: "csv",
    contentType: "text/csv; charset=utf-8",
    description: "One row per claim, for spreadsheets",
  },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMAT_KEYS as readonly string[]).includes(value);
}

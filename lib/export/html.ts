import type { ExportBundle } from "./bundle";

export function renderAnnotatedArticle(bundle: ExportBundle): { css: string; html: string } {
  return { css: "", html: `<article><h1>${bundle.article.title.replace(/[<>&"']/g, "")}</h1></article>` };
}

export function renderAnnotatedHtml(bundle: ExportBundle): string {
  const { css, html } = renderAnnotatedArticle(bundle);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Export</title><style>${css}</style></head><body>${html}</body></html>`;
}

import type { ExportBundle } from "./bundle";

export function renderCsv(bundle: ExportBundle): string {
  // Implementation follows.
  return JSON.stringify({ article: bundle.article.title, scope: bundle.scope });
}

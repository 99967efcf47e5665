import type { ExportBundle } from "./bundle";

export function renderJson(bundle: ExportBundle): string {
  // Implementation follows.
  return JSON.stringify({ article: bundle.article.title, scope: bundle.scope });
}

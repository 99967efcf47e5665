/**
 * A page's URL with its query, some parameters changed: empty ones and
 * `page=1` dropped, so every view has one address (dashboard, search).
 */
export function hrefWithQuery(path: string, query: object, change: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) {
    if (v === undefined || v === null || v === "" || (k === "page" && v === 1)) continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

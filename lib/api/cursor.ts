/**
 * Opaque cursors for the article list. A cursor names the next page of one
 * query (its filters and sort, fingerprinted), so it cannot be replayed
 * against another; the list is ordered by its sort key and then the id, so
 * pages neither repeat nor skip rows while the set is unchanged.
 * Framework-free.
 */
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

function fingerprint(query: Record<string, string>): string {
  const canonical = Object.keys(query)
    .sort()
    .map((k) => [k, query[k]]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url").slice(0, 16);
}

export function encodeCursor(page: number, query: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ p: page, q: fingerprint(query) })).toString("base64url");
}

/** The page a cursor points at (1 without one); a cursor of another query or a forged one is a 400. */
export function decodeCursor(cursor: string | null, query: Record<string, string>): number {
  if (cursor === null) return 1;
  const bad = () => new AppError("bad_request:api", "This cursor is not valid for this query. Start again without `cursor`, with the same filters as the page it came from.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const { p, q } = (parsed ?? {}) as { p?: unknown; q?: unknown };
  if (typeof p !== "number" || !Number.isInteger(p) || p < 1 || p > 1_000_000 || q !== fingerprint(query)) throw bad();
  return p;
}

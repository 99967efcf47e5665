/**
 * Opaque keyset cursors for the article list. A cursor holds the sort values
 * and id of the last item of its page (the next page is what sorts strictly
 * after it, so an article imported or deleted between pages neither skips
 * nor repeats one) and a fingerprint of its query (filters and sort), so it
 * cannot be replayed against another. It is base64url JSON, not signed:
 * forging one only moves where a list the caller may read anyway starts.
 * Framework-free.
 */
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

export type ListPosition = { values: (string | number)[]; id: string };

function fingerprint(query: Record<string, string>): string {
  const canonical = Object.keys(query)
    .sort()
    .map((k) => [k, query[k]]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url").slice(0, 16);
}

export function encodeCursor(position: ListPosition, query: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ k: position.values, i: position.id, q: fingerprint(query) })).toString("base64url");
}

const isKeyValue = (v: unknown) => (typeof v === "string" && v.length <= 2000) || (typeof v === "number" && Number.isFinite(v));

/** Where a cursor's page starts (null without one: the first page); a cursor of another query or a malformed one is a 400. */
export function decodeCursor(cursor: string | null, query: Record<string, string>): ListPosition | null {
  if (cursor === null) return null;
  const bad = () => new AppError("bad_request:api", "This cursor is not valid for this query. Start again without `cursor`, with the same filters as the page it came from.");
  if (cursor.length > 8000) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const { k, i, q } = (parsed ?? {}) as { k?: unknown; i?: unknown; q?: unknown };
  if (!Array.isArray(k) || k.length < 1 || k.length > 3 || !k.every(isKeyValue) || typeof i !== "string" || i.length > 64 || q !== fingerprint(query)) throw bad();
  return { values: k as (string | number)[], id: i };
}

import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";

/**
 * Fixed-window counters in the database (table api_rate_limits), so every
 * instance on the database counts the same requests: the API's per-token
 * limit (db/queries/tokens.ts) and the per-user limit on page fetches
 * (db/queries/url-import.ts). One row per key, whose window opens at its
 * first use (so a limit never resets for everyone at once); one UPSERT
 * starts a new window or adds one to the current and returns the count, so
 * two concurrent requests can never both read "one left".
 */

export type RateLimit = { limit: number; windowMs: number };
export type RateCharge = { allowed: boolean; limit: number; remaining: number; resetAt: number };

/** The counting statement, for a caller that adds it to a batch of its own; read its result with {@link chargeOf}. */
export function countInWindowStatement(db: Db, key: string, { windowMs }: RateLimit, now: number) {
  // A key's window opens at its first use and lasts windowMs; the next use after that opens a new one.
  return db.all<{ count: number; window_start: number }>(sql`INSERT INTO api_rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN window_start > ${now - windowMs} THEN count + 1 ELSE 1 END,
      window_start = CASE WHEN window_start > ${now - windowMs} THEN window_start ELSE ${now} END
    RETURNING count, window_start`);
}

export function chargeOf(rows: unknown, { limit, windowMs }: RateLimit, now: number): RateCharge {
  const row = (rows as { count: number; window_start: number }[])[0];
  const count = Number(row?.count ?? 1);
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt: Number(row?.window_start ?? now) + windowMs };
}

/** Counts one use of `key` in its window. */
export async function chargeWindow(key: string, limit: RateLimit, now = Date.now()): Promise<RateCharge> {
  const db = await getDb();
  return chargeOf(await countInWindowStatement(db, key, limit, now), limit, now);
}

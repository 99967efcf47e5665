import "server-only";
import { inArray, lte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { signInThrottle } from "@/db/schema";
import type { Change, Counter, ThrottleStore } from "@/lib/login-throttle";

/**
 * The sign-in throttle's counters in the database (lib/login-throttle.ts has
 * the rules), so they hold across restarts and for every instance on the
 * same database. A charge is one statement: an UPSERT of every key of the
 * attempt that writes only if none changed since it was read, so two
 * instances (or two requests) cannot both spend the same free attempt.
 */
export const databaseThrottleStore: ThrottleStore = {
  async read(keys) {
    const db = await getDb();
    const rows = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
    return new Map<string, Counter>(rows.map((r) => [r.key, { failures: r.failures, lastAttemptAt: r.lastAttemptAt }]));
  },

  async swap(changes: Change[]) {
    if (changes.length === 0) return true;
    const db = await getDb();
    const values = sql.join(
      changes.map((c) => sql`(${c.key}, ${c.seen?.failures ?? -1}, ${c.seen?.lastAttemptAt ?? -1}, ${c.next.failures}, ${c.next.lastAttemptAt}, ${c.expiresAt})`),
      sql`, `,
    );
    // SQLite evaluates the SELECT (it reads the table it inserts into) before
    // writing any row, so the NOT EXISTS sees the rows as they were: all keys
    // are written, or none. The WHERE is also what lets ON CONFLICT parse after a SELECT.
    const written = await db.all<{ key: string }>(sql`
      WITH change(key, seen_failures, seen_at, failures, at, expires_at) AS (VALUES ${values})
      INSERT INTO sign_in_throttle (key, failures, last_attempt_at, expires_at)
      SELECT key, failures, at, expires_at FROM change
      WHERE NOT EXISTS (
        SELECT 1 FROM change c LEFT JOIN sign_in_throttle t ON t.key = c.key
        WHERE coalesce(t.failures, -1) <> c.seen_failures OR coalesce(t.last_attempt_at, -1) <> c.seen_at
      )
      ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_attempt_at = excluded.last_attempt_at, expires_at = excluded.expires_at
      RETURNING key`);
    return written.length === changes.length;
  },

  async settle(forget, refund) {
    const db = await getDb();
    const statements = [];
    if (forget.length) statements.push(db.delete(signInThrottle).where(inArray(signInThrottle.key, forget)));
    if (refund.length)
      statements.push(
        db
          .update(signInThrottle)
          .set({ failures: sql`max(${signInThrottle.failures} - 1, 0)` })
          .where(inArray(signInThrottle.key, refund)),
      );
    if (statements.length) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  },

  async prune(now) {
    const db = await getDb();
    await db.delete(signInThrottle).where(lte(signInThrottle.expiresAt, now));
  },
};

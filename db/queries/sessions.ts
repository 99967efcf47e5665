import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb, type Db } from "@/db";
import { sessions, users, type SessionEndReason } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { sessionLifetimeMs, type SessionRow } from "@/lib/session-standing";
import { idSchema, parseInput } from "@/lib/validation";

/** Server-side sessions: created at sign-in, read on every request, revoked by the events that end them. */

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A session for a user who just gave the right password. Written only if the
 * account is still enabled and still has the password that was checked, so a
 * sign-in racing a disable or a reset cannot leave a session behind it.
 * Expired rows are deleted in the same batch. Null when the race was lost.
 */
export async function createSession({ userId, passwordHash, now = Date.now() }: { userId: string; passwordHash: string; now?: number }) {
  const db = await getDb();
  const id = randomBytes(32).toString("base64url");
  const expiresAt = iso(now + sessionLifetimeMs());
  const [created] = await db.batch([
    db.all<{ id: string }>(sql`
      INSERT INTO sessions (id, user_id, created_at, expires_at)
      SELECT ${id}, ${userId}, ${iso(now)}, ${expiresAt}
      WHERE EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND disabled = 0 AND password_hash = ${passwordHash})
      RETURNING id`),
    db.delete(sessions).where(lt(sessions.expiresAt, iso(now))),
  ]);
  return (created as { id: string }[]).length ? { id, expiresAt } : null;
}

/** The one query of each request: the session and its user's row together (built once per connection). */
export async function readSession(sessionId: string): Promise<SessionRow | undefined> {
  const db = await getDb();
  let query = sessionById.get(db);
  if (!query) sessionById.set(db, (query = prepareReadSession(db)));
  const [row] = await query.all({ sessionId });
  return row;
}

function prepareReadSession(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      revokedReason: sessions.revokedReason,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, mustChangePassword: users.mustChangePassword },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .limit(1)
    .prepare();
}
const sessionById = new WeakMap<Db, ReturnType<typeof prepareReadSession>>();

/** Signing out: this session only. */
export async function revokeSession(sessionId: string, reason: SessionEndReason = "signed_out"): Promise<void> {
  const db = await getDb();
  await db.update(sessions).set({ revokedAt: iso(Date.now()), revokedReason: reason }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * The statement that ends a user's live sessions, for the batch of the change
 * that requires it (so both commit or neither): all of them, or all but
 * `except` (the browser making a change to its own account), and only while
 * `when` holds (the same guard as the change itself).
 */
export function endSessionsOf(db: Db, userId: string, reason: SessionEndReason, { except, when }: { except?: string; when?: SQL } = {}) {
  return db
    .update(sessions)
    .set({ revokedAt: iso(Date.now()), revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), except ? ne(sessions.id, except) : undefined, when));
}

/** Live (not revoked, not expired) sessions per user. */
export async function openSessionCounts(userIds?: string[]): Promise<Map<string, number>> {
  const db = await getDb();
  const rows = await db
    .select({ userId: sessions.userId, n: sql<number>`count(*)` })
    .from(sessions)
    .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, iso(Date.now())), userIds ? inArray(sessions.userId, userIds) : undefined))
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

const userIdSchema = z.object({ userId: idSchema });

/**
 * An admin's "Sign out everywhere" for an account: every browser signed in to
 * it is signed out at its next request (the admin's own current browser
 * excepted, when it is their own account). Audited with the number ended.
 */
export async function signOutEverywhere({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ ended: number }> {
  if (actor.role !== "admin") throw new AppError("forbidden:user");
  const { userId } = parseInput(userIdSchema, input, "user");
  const db = await getDb();
  const target = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { id: true } });
  if (!target) throw new AppError("not_found:user");
  const except = userId === actor.id ? actor.sessionId : undefined;
  const now = iso(Date.now());
  const [, ended] = await db.batch([
    db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data)
      SELECT 'user', ${userId}, ${actor.id}, 'signed_out_everywhere',
        json_object('sessions', (SELECT count(*) FROM sessions WHERE user_id = ${userId} AND revoked_at IS NULL AND expires_at > ${now}
          AND id IS NOT ${except ?? null}))`),
    endSessionsOf(db, userId, "signed_out_everywhere", { except, when: gt(sessions.expiresAt, now) }).returning({ id: sessions.id }),
  ]);
  return { ended: (ended as unknown[]).length };
}

/**
 * "Sign out other browsers" from one's own account page: every other session
 * of the account ends; this one stays. Audited like the admin's action.
 */
export async function signOutOtherSessions({ actor }: { actor: SessionUser }): Promise<{ ended: number }> {
  if (!actor.sessionId) throw new AppError("unauthorized:auth");
  const db = await getDb();
  const now = iso(Date.now());
  const [, ended] = await db.batch([
    db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data)
      SELECT 'user', ${actor.id}, ${actor.id}, 'signed_out_elsewhere',
        json_object('sessions', (SELECT count(*) FROM sessions WHERE user_id = ${actor.id} AND revoked_at IS NULL AND expires_at > ${now} AND id <> ${actor.sessionId}))`),
    endSessionsOf(db, actor.id, "signed_out_everywhere", { except: actor.sessionId, when: gt(sessions.expiresAt, now) }).returning({ id: sessions.id }),
  ]);
  return { ended: (ended as unknown[]).length };
}

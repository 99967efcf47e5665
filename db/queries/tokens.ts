import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb, type Db } from "@/db";
import { API_TOKEN_SCOPES, apiRateLimits, apiTokens, users, type ApiTokenScope } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { sessionStanding } from "@/lib/session-standing";
import { idSchema, parseInput } from "@/lib/validation";
import { chargeOf, countInWindowStatement, type RateCharge, type RateLimit } from "./rate-limit";

/**
 * Personal access tokens for the HTTP API. The secret is random (256 bits),
 * shown once, and stored only as its SHA-256; a request's token is found by
 * that hash. A token stands for its owner as the owner is now: the same
 * standing check as a browser session (lib/session-standing.ts), so a
 * disabled account, an expired or a revoked token is refused.
 */

export const TOKEN_PREFIX = "cdk_";
/** Live tokens one account may hold: enough for every script, few enough to review. */
export const MAX_LIVE_TOKENS = 50;
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;

export type TokenState = "active" | "expired" | "revoked";
export type TokenDto = {
  id: string;
  name: string;
  scope: ApiTokenScope;
  /** The first characters of the secret, to tell tokens apart ("cdk_Ab12Cd34…"). */
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: TokenState;
};
export type AdminTokenDto = TokenDto & { ownerId: string; ownerName: string; ownerEmail: string };

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what will use it, e.g. “CMS import”.").max(100, "Keep the name under 100 characters."),
  scope: z.enum(API_TOKEN_SCOPES, { message: "Choose read or write." }),
  expiresInDays: z.coerce
    .number()
    .int()
    .refine((d) => (TOKEN_EXPIRY_DAYS as readonly number[]).includes(d), `Choose an expiry of ${TOKEN_EXPIRY_DAYS.join(", ")} days.`),
});
const tokenIdSchema = z.object({ tokenId: idSchema });

const iso = (ms: number) => new Date(ms).toISOString();

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function stateOf(row: { expiresAt: string; revokedAt: string | null }, now: number): TokenState {
  if (row.revokedAt) return "revoked";
  return Date.parse(row.expiresAt) > now ? "active" : "expired";
}

function toDto(row: typeof apiTokens.$inferSelect, now = Date.now()): TokenDto {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    state: stateOf(row, now),
  };
}

/** A new token for the actor. The secret is in the result and nowhere else. */
export async function createToken({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ token: TokenDto; secret: string }> {
  const { name, scope, expiresInDays } = parseInput(createTokenSchema, input, "token");
  const db = await getDb();
  const nowMs = Date.now();
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = randomUUID();
  const expiresAt = iso(nowMs + expiresInDays * 24 * 60 * 60 * 1000);
  // The count and the insert in one statement: two windows cannot both take the last free place.
  const [inserted] = await db.batch([
    db.run(sql`INSERT INTO api_tokens (id, user_id, name, scope, secret_hash, prefix, expires_at)
      SELECT ${id}, ${actor.id}, ${name}, ${scope}, ${hashTokenSecret(secret)}, ${secret.slice(0, TOKEN_PREFIX.length + 8)}, ${expiresAt}
      WHERE (SELECT count(*) FROM api_tokens WHERE user_id = ${actor.id} AND revoked_at IS NULL AND expires_at > ${iso(nowMs)}) < ${MAX_LIVE_TOKENS}`),
    db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data)
      SELECT 'user', ${actor.id}, ${actor.id}, 'token_created', ${JSON.stringify({ tokenId: id, name, scope, expiresAt })}
      WHERE EXISTS (SELECT 1 FROM api_tokens WHERE id = ${id})`),
  ]);
  if (inserted.rowsAffected === 0) {
    throw new AppError("conflict:token", `You already have ${MAX_LIVE_TOKENS} active tokens. Revoke one you no longer use first.`);
  }
  const row = await db.query.apiTokens.findFirst({ where: eq(apiTokens.id, id) });
  return { token: toDto(row!), secret };
}

/** The actor's own tokens, newest first, with their last use. */
export async function listTokens({ actor }: { actor: SessionUser }): Promise<TokenDto[]> {
  const db = await getDb();
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, actor.id)).orderBy(desc(apiTokens.createdAt)).limit(200);
  const now = Date.now();
  return rows.map((r) => toDto(r, now));
}

/** Every live token on the desk, with its owner (admins). */
export async function listAllTokens({ actor }: { actor: SessionUser }): Promise<AdminTokenDto[]> {
  if (actor.role !== "admin") throw new AppError("forbidden:token", "Only an admin can see everyone's tokens.");
  const db = await getDb();
  const rows = await db
    .select({ token: apiTokens, ownerName: users.name, ownerEmail: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, iso(Date.now()))))
    .orderBy(desc(apiTokens.createdAt))
    .limit(1000);
  const now = Date.now();
  return rows.map((r) => ({ ...toDto(r.token, now), ownerId: r.token.userId, ownerName: r.ownerName, ownerEmail: r.ownerEmail }));
}

/** Revokes one token: the owner's own, or anyone's for an admin. Audited on the owner's account. */
export async function revokeToken({ actor, input }: { actor: SessionUser; input: unknown }): Promise<TokenDto> {
  const { tokenId } = parseInput(tokenIdSchema, input, "token");
  const db = await getDb();
  const row = await db.query.apiTokens.findFirst({ where: eq(apiTokens.id, tokenId) });
  // Someone else's token is "not found" to a non-admin: ids of other people's tokens reveal nothing.
  if (!row || (row.userId !== actor.id && actor.role !== "admin")) throw new AppError("not_found:token");
  if (row.revokedAt) return toDto(row);
  await db.batch([
    db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data)
      SELECT 'user', ${row.userId}, ${actor.id}, 'token_revoked', ${JSON.stringify({ tokenId, name: row.name })}
      WHERE EXISTS (SELECT 1 FROM api_tokens WHERE id = ${tokenId} AND revoked_at IS NULL)`),
    db
      .update(apiTokens)
      .set({ revokedAt: iso(Date.now()), revokedBy: actor.id })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))),
    db.delete(apiRateLimits).where(eq(apiRateLimits.key, rateKey(tokenId))),
  ]);
  return toDto((await db.query.apiTokens.findFirst({ where: eq(apiTokens.id, tokenId) }))!);
}

export type TokenCaller = { user: SessionUser; scope: ApiTokenScope; tokenId: string };

/**
 * Who a bearer secret stands for now, or null: unknown, revoked or expired
 * token, or an owner who is disabled or gone. The owner's row is read on
 * every request, so a role change applies at once.
 */
export async function authenticateToken(secret: string): Promise<TokenCaller | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const db = await getDb();
  let query = tokenByHash.get(db);
  if (!query) tokenByHash.set(db, (query = prepareTokenByHash(db)));
  const [row] = await query.all({ hash: hashTokenSecret(secret) });
  if (!row) return null;
  // The same rules as a browser session: revoked, past its end, or the account disabled.
  const standing = sessionStanding({ sessionId: row.id, expiresAt: row.expiresAt, revokedAt: row.revokedAt, user: row.user }, row.user.id, Date.now());
  if (!standing) return null;
  // Not a browser session: nothing may treat the token id as one ("sign out other browsers").
  const user = { ...standing };
  delete user.sessionId;
  return { user, scope: row.scope, tokenId: row.id };
}

/** The token with its owner, by the secret's hash: built once per connection, as it runs on every API request. */
function prepareTokenByHash(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      scope: apiTokens.scope,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, mustChangePassword: users.mustChangePassword },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.secretHash, sql.placeholder("hash")))
    .limit(1)
    .prepare();
}
const tokenByHash = new WeakMap<Db, ReturnType<typeof prepareTokenByHash>>();

// ---------------------------------------------------------------- rate limit

export type { RateCharge, RateLimit } from "./rate-limit";

/** API_RATE_LIMIT_PER_MINUTE, 600 by default (10 a second, steady). */
export function apiRateLimit(env: Record<string, string | undefined> = process.env): RateLimit {
  const raw = env.API_RATE_LIMIT_PER_MINUTE?.trim();
  if (!raw) return { limit: 600, windowMs: 60_000 };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`API_RATE_LIMIT_PER_MINUTE must be a whole number, at least 1; got "${raw}".`);
  return { limit: n, windowMs: 60_000 };
}

const rateKey = (tokenId: string) => `token:${tokenId}`;

/**
 * Counts one request of a token in its fixed window (db/queries/rate-limit.ts),
 * with the token's last use written in the same batch.
 */
export async function chargeToken(tokenId: string, limit: RateLimit, now = Date.now()): Promise<RateCharge> {
  const db = await getDb();
  const [counted] = await db.batch([countInWindowStatement(db, rateKey(tokenId), limit, now), db.update(apiTokens).set({ lastUsedAt: iso(now) }).where(eq(apiTokens.id, tokenId))]);
  return chargeOf(counted, limit, now);
}

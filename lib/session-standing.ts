import type { SessionUser } from "@/lib/auth";
import type { Role } from "@/lib/verdicts";

/**
 * How long a session lasts from sign-in, whatever happens in between:
 * SESSION_LIFETIME_SECONDS, 12 hours by default (a long working day). Using
 * the desk or refreshing the session never extends it.
 */
export function sessionLifetimeMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SESSION_LIFETIME_SECONDS?.trim();
  if (!raw) return 12 * 60 * 60 * 1000;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`SESSION_LIFETIME_SECONDS must be a whole number of seconds, at least 1; got "${raw}".`);
  return seconds * 1000;
}

type UserRow = { id: string; email: string; name: string; role: Role; disabled: boolean; mustChangePassword: boolean };

/** A session row read together with its user's row (db/queries/sessions.ts readSession). */
export type SessionRow = {
  sessionId: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason?: string | null;
  user: UserRow;
};

/**
 * Who a session token stands for now, from its session row and the user's
 * row read on this request: nobody if the session was revoked (sign-out,
 * "Sign out everywhere", disable, password or role change) or is past its
 * absolute end, if the account is gone or disabled, or if the token names
 * another user than the session.
 */
export function sessionStanding(row: SessionRow | undefined, tokenUserId: string, now: number): SessionUser | null {
  if (!row || row.revokedAt !== null || row.user.disabled) return null;
  if (row.user.id !== tokenUserId) return null;
  if (!(Date.parse(row.expiresAt) > now)) return null;
  const { id, email, name, role, mustChangePassword } = row.user;
  return { id, email, name, role, mustChangePassword, sessionId: row.sessionId };
}

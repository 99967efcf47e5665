import type { SessionUser } from "@/lib/auth";
import { passwordStamp } from "@/lib/password";
import type { Role } from "@/lib/verdicts";

type UserRow = { id: string; email: string; name: string; role: Role; disabled: boolean; mustChangePassword: boolean; passwordHash: string };

/**
 * Who a session token stands for now, from the user's row read on this
 * request: nobody if the account is gone or disabled, or if the password was
 * changed or reset since the token was issued (its stamp no longer matches).
 */
export function sessionStanding(row: UserRow | undefined, tokenStamp: string | undefined, secret: string): SessionUser | null {
  if (!row || row.disabled) return null;
  if (!tokenStamp || tokenStamp !== passwordStamp(row.passwordHash, secret)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, mustChangePassword: row.mustChangePassword };
}

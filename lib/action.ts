import "server-only";
import { isBusyError } from "@/db";
import { requireUser, type SessionUser } from "@/lib/auth";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import type { Role } from "@/lib/verdicts";

/**
 * The frame of every server action: session and role checked on the server,
 * then the domain call (which validates its own input with zod), with every
 * failure turned into a readable, typed result instead of a thrown error.
 * A database still locked after db/busy-retry.ts waited for it becomes
 * `unavailable:database`, which the autosave keeps retrying.
 */
export async function runAction<T>(
  fn: (user: SessionUser) => Promise<T>,
  roles?: readonly Role[],
  options?: { allowPendingPasswordChange?: boolean },
): Promise<ActionResult<T>> {
  try {
    const user = await requireUser(roles, options);
    return { ok: true, data: await fn(user) };
  } catch (error) {
    return toActionError(isBusyError(error) ? new AppError("unavailable:database") : error);
  }
}

import "server-only";
import { isBusyError } from "@/db";
import { requireUser, type SessionUser } from "@/lib/auth";
import { AppError, toActionError } from "@/lib/errors";
import type { Role } from "@/lib/verdicts";

/**
 * The frame of every authenticated route handler, like `runAction` for server
 * actions: session and role checked on the server, then the domain call. An
 * AppError becomes a JSON body `{ error: { code, message } }` with its HTTP
 * status (401 anonymous or disabled, 403 wrong role, 404 unknown id, ...).
 * `fn` returns the Response to send on success.
 */
export async function runRoute(fn: (user: SessionUser) => Promise<Response>, roles?: readonly Role[]): Promise<Response> {
  try {
    const user = await requireUser(roles);
    return await fn(user);
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * The same error mapping for public routes (no session required). A database
 * still locked after db/busy-retry.ts waited for it is a 503
 * `unavailable:database`.
 */
export function errorResponse(error: unknown): Response {
  if (isBusyError(error)) error = new AppError("unavailable:database");
  const status = error instanceof AppError ? error.status : 500;
  const { error: body } = toActionError(error);
  return Response.json({ error: body }, { status, headers: { "cache-control": "no-store" } });
}

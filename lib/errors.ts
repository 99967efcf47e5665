/**
 * One error type for everything a user can be told about. Codes are shaped
 * `type:surface` (e.g. `forbidden:claim`); the type decides the HTTP status,
 * the surface the default message. Database and programming errors are never
 * shown: they are logged and reported as `unavailable:database` / `internal`.
 */
export type ErrorType =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_media_type"
  | "precondition_failed"
  | "precondition_required"
  | "rate_limited"
  | "unavailable";

export type Surface = "auth" | "article" | "claim" | "comment" | "import" | "user" | "verdict" | "export" | "publish" | "dashboard" | "database" | "request" | "token" | "api" | "webhook" | "correction";
export type ErrorCode = `${ErrorType}:${Surface}`;

/** The HTTP status of each error type (the API reference lists them). */
export const ERROR_STATUS: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  precondition_failed: 412,
  precondition_required: 428,
  rate_limited: 429,
  unavailable: 503,
};

const DEFAULT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  "unauthorized:auth": "Your session has ended. Sign in again to continue.",
  "forbidden:auth": "Your role does not allow this action.",
  "not_found:article": "That article does not exist or has been removed.",
  "not_found:claim": "That claim does not exist or has been deleted.",
  "forbidden:claim": "Your role does not allow this change to the claim.",
  "forbidden:dashboard": "The dashboard is for editors and admins.",
  "conflict:claim": "Someone else saved this claim after you opened it.",
  "not_found:comment": "That comment does not exist or has been deleted.",
  "forbidden:comment": "Only the author of a comment can change or delete it.",
  "conflict:comment": "This comment was changed in another window. Reload the discussion and try again.",
  "not_found:user": "That account does not exist.",
  "forbidden:user": "Only an admin can manage accounts.",
  "not_found:verdict": "That verdict is no longer on the desk's scale.",
  "forbidden:verdict": "Only an admin can edit the verdict scale.",
  "not_found:export": "There is no such export format.",
  "forbidden:publish": "Only editors and admins can publish or unpublish an article.",
  "not_found:publish": "This fact-check is not published.",
  "forbidden:correction": "Only editors and admins can publish or discard a correction.",
  "not_found:correction": "That correction draft does not exist any more: it was published or discarded. Reload the page.",
  "conflict:correction": "This correction draft changed meanwhile. Reload the page and check it again.",
  "unauthorized:token": "This API token is not valid: it is unknown, expired or revoked, or its owner's account is disabled. Create a new token under Account → Tokens.",
  "forbidden:token": "This token has read scope only. Create a token with write scope to make changes.",
  "not_found:token": "That token does not exist or has been revoked.",
  "rate_limited:token": "This token has made too many requests. Wait until the time given in Retry-After, then try again.",
  "precondition_required:claim": "Send If-Match with the claim's ETag (from a GET), so a change made meanwhile is not overwritten.",
  "precondition_failed:claim": "The claim changed since the ETag you sent. The current claim is in `current`; apply your change to it and send its ETag.",
  "forbidden:webhook": "Only an admin can manage webhooks.",
  "not_found:webhook": "That webhook endpoint or delivery does not exist (it may have been deleted).",
  "precondition_required:article": "Send If-Match with the article's ETag (from a GET), so a revision saved meanwhile is not replaced unseen.",
  "precondition_failed:article": "The article changed since the ETag you sent. The current article is in `current`; check its text and send its ETag.",
  "unavailable:database": "The database is busy or unreachable. Your changes are kept here; try again in a moment.",
};

export class AppError extends Error {
  readonly type: ErrorType;
  readonly surface: Surface;
  readonly status: number;
  /** Field-level messages for forms (zod issues flattened by path). */
  readonly fieldErrors?: Record<string, string>;

  constructor(code: ErrorCode, message?: string, fieldErrors?: Record<string, string>) {
    const [type, surface] = code.split(":") as [ErrorType, Surface];
    super(message ?? DEFAULT_MESSAGES[code] ?? "Something went wrong.");
    this.name = "AppError";
    this.type = type;
    this.surface = surface;
    this.status = ERROR_STATUS[type];
    this.fieldErrors = fieldErrors;
  }

  get code(): ErrorCode {
    return `${this.type}:${this.surface}`;
  }
}

/** A refusal that passes with time (a rate limit): the API sends the wait as Retry-After. */
export class RetryLaterError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds: number,
    fieldErrors?: Record<string, string>,
  ) {
    super(code, message, fieldErrors);
  }
}

/** What a server action returns: never throws across the wire, never `any`. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode | "internal"; message: string; fieldErrors?: Record<string, string> } };

export function toActionError(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof AppError) {
    return { ok: false, error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } };
  }
  console.error(error);
  return { ok: false, error: { code: "internal", message: "Something went wrong on the server. Your changes are kept here; try again." } };
}

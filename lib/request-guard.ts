/**
 * Cheap checks on a request before the framework parses it, so that a
 * malformed, oversized, too deeply nested or cross-origin request gets a 4xx
 * with a sentence a developer can read instead of a bare 500.
 *
 * Why here: Next's server-action handler answers every failure it meets while
 * decoding a request (the Origin check, its body-size limit, React's
 * `decodeReply` on bad JSON or a stack overflow) with HTTP 500 and an error
 * digest; next-auth's route does the same for a JSON body it cannot parse.
 * proxy.ts runs before both and calls `guardRequest`. The checks are the same
 * the framework makes (so nothing valid is refused), only earlier.
 *
 * Framework-free: standard Request/Response only. What makes a request a
 * server action (`Next-Action` header, JSON text or multipart rows) is React's
 * and Next's wire format, described where it is used.
 */
import { AppError, type ErrorCode } from "./errors";

/** The transport limit for server actions (next.config.ts `serverActions.bodySizeLimit`): above the import's 10 MB file plus multipart overhead. */
export const ACTION_BODY_LIMIT = "11mb";
export const ACTION_BODY_LIMIT_BYTES = 11 * 1024 * 1024;
/** next-auth's endpoints take a short form (e-mail, password, CSRF token). */
export const AUTH_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * Nesting allowed in a JSON body. The deepest real argument is a claim save
 * (array → input → fields → sources → source: 5); 64 leaves room for any
 * future shape and stays far below what overflows a recursive decoder
 * (~10,000 on Node's default stack).
 */
export const MAX_JSON_DEPTH = 64;

export type Refusal = { status: number; code: ErrorCode; message: string; headers?: Record<string, string> };

function refuse(code: ErrorCode, message: string): Refusal {
  return { status: new AppError(code).status, code, message };
}

const bytesLabel = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`);
const shown = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/**
 * A request from another site is refused; one with no Origin at all (curl, a
 * server-side client) goes on, as Next itself lets it: it cannot carry a
 * browser's cookies without the user's consent. `"null"` (a sandboxed frame,
 * a file: page) is another site.
 */
export function checkOrigin(origin: string | null, allowedOrigin: string): Refusal | null {
  if (origin === null) return null;
  if (origin === allowedOrigin) return null;
  return refuse(
    "forbidden:request",
    `This request came from ${shown(origin)}, not from Claimdesk (${allowedOrigin}); it was refused to protect your session. Open Claimdesk at ${allowedOrigin} and try again.`,
  );
}

export function tooLarge(limit: number): Refusal {
  return refuse("too_large:request", `The request is larger than ${bytesLabel(limit)}, the most this endpoint accepts. Send less (for an import, a smaller file).`);
}

/** Content-Length over the limit: refused before a byte of the body is read. */
export function checkDeclaredLength(contentLength: string | null, limit: number): Refusal | null {
  if (contentLength === null || !/^\d+$/.test(contentLength.trim())) return null;
  return Number(contentLength) > limit ? tooLarge(limit) : null;
}

/**
 * Nesting depth of a JSON text, in one linear pass that skips strings (a
 * bracket inside a string is text). Stops as soon as `max` is passed, so a
 * 100,000-deep array costs `max` steps, not a stack overflow.
 */
export function exceedsJsonDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** Empty, too deep or not JSON: what `what` is called in the message ("The request body", "Part 0 of the form"). */
export function checkJsonText(text: string, what = "The request body", maxDepth = MAX_JSON_DEPTH): Refusal | null {
  if (text.trim() === "") return refuse("bad_request:request", `${what} is empty; it should be JSON.`);
  if (exceedsJsonDepth(text, maxDepth)) return refuse("bad_request:request", `${what} nests arrays or objects more than ${maxDepth} levels deep.`);
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message.slice(0, 120)})` : "";
    return refuse("bad_request:request", `${what} is not valid JSON${detail}.`);
  }
}

/** The body, read up to `limit` bytes; `null` when it is longer (chunked bodies have no Content-Length to check first). */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const isMultipart = (contentType: string) => /^multipart\/form-data\s*;/i.test(contentType);

/**
 * A server action's arguments as React encodes them (`encodeReply`): either
 * one JSON text, or multipart form data whose numbered string parts ("0" is
 * the root, "1", "2"... outlined values) are JSON and whose other parts are
 * the user's form fields and files (`_1_title`, `_1_file`: passed through
 * untouched).
 */
export async function checkActionBody(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<Refusal | null> {
  if (!isMultipart(contentType)) return checkJsonText(new TextDecoder().decode(bytes), "The server action's arguments");
  let form: FormData;
  try {
    form = await new Request("http://claimdesk.invalid/", { method: "POST", headers: { "content-type": contentType }, body: bytes }).formData();
  } catch {
    return refuse("bad_request:request", "The form data could not be read: the multipart body is malformed or cut short.");
  }
  let rows = 0;
  for (const [name, value] of form) {
    if (!/^\d+$/.test(name) || typeof value !== "string") continue;
    rows++;
    const refusal = checkJsonText(value, `Part ${name} of the server action's form data`);
    if (refusal) return refusal;
  }
  if (!form.has("0")) {
    return refuse("bad_request:request", rows || [...form.keys()].length ? "The server action's form data has no arguments (part 0)." : "The server action's form data is empty.");
  }
  return null;
}

/**
 * The refusal as the caller can read it: JSON `{ error }` for the app's API
 * endpoints (as lib/route.ts answers), plain text otherwise. (The HTTP API,
 * /api/v1, answers problem details: proxy.ts turns the refusal into one with
 * lib/api/problem.ts, which next.config.ts, loading this file, cannot import.)
 */
export function refusalResponse(refusal: Refusal, format: "json" | "text"): Response {
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff", ...refusal.headers };
  if (format === "json") return Response.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers });
  // Exactly "text/plain": Next's client router shows such a body as the
  // action's error message (any other type becomes "An unexpected response").
  return new Response(refusal.message, { status: refusal.status, headers: { ...headers, "content-type": "text/plain" } });
}

export type GuardOptions = {
  /** The public origin (NEXTAUTH_URL's origin). */
  origin: string;
  /** The ids of this build's server actions; when unknown, the framework's own answer for an unknown id stands. */
  actionIds?: ReadonlySet<string> | null;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Endpoints that only take bodies a browser sends on its own and that carry no authority (CSP reports): no Origin check. */
const ORIGIN_EXEMPT = ["/api/csp-report"];

/**
 * The refusal for a request, or null to let it through. Checks, cheapest
 * first: Origin (unsafe methods), declared size, the action id, then the body
 * itself (size again for chunked uploads, JSON syntax and depth).
 */
export async function guardRequest(request: Request, options: GuardOptions): Promise<Refusal | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  const { pathname } = new URL(request.url);
  const isApi = pathname.startsWith("/api/");
  if (!ORIGIN_EXEMPT.includes(pathname)) {
    const refusal = checkOrigin(request.headers.get("origin"), options.origin);
    if (refusal) return refusal;
  }
  const contentType = request.headers.get("content-type") ?? "";

  if (pathname.startsWith("/api/auth/")) {
    const declared = checkDeclaredLength(request.headers.get("content-length"), AUTH_BODY_LIMIT_BYTES);
    if (declared) return declared;
    const bytes = await readBody(request, AUTH_BODY_LIMIT_BYTES);
    if (!bytes) return tooLarge(AUTH_BODY_LIMIT_BYTES);
    // next-auth calls request.json() on a JSON body and fails with a 500 when it is not JSON.
    return /application\/json/i.test(contentType) ? checkJsonText(new TextDecoder().decode(bytes)) : null;
  }
  if (isApi) return null; // other route handlers read (or refuse) their own bodies

  // A page: a server action (fetch with Next-Action) or a no-script form post.
  const declared = checkDeclaredLength(request.headers.get("content-length"), ACTION_BODY_LIMIT_BYTES);
  if (declared) return declared;
  const actionId = request.headers.get("next-action");
  if (!actionId) {
    const bytes = await readBody(request, ACTION_BODY_LIMIT_BYTES);
    return bytes ? null : tooLarge(ACTION_BODY_LIMIT_BYTES);
  }
  if (options.actionIds && !options.actionIds.has(actionId)) {
    return {
      ...refuse("not_found:request", "This server action is not part of the running version of Claimdesk (it may have been updated since the page was opened). Reload the page and try again."),
      // What Next itself sends for an unknown action: its client router then
      // raises its "Server Action not found" error, as before.
      headers: { "x-nextjs-action-not-found": "1" },
    };
  }
  // URL-encoded bodies are not action calls; Next answers them itself.
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return null;
  const bytes = await readBody(request, ACTION_BODY_LIMIT_BYTES);
  if (!bytes) return tooLarge(ACTION_BODY_LIMIT_BYTES);
  return checkActionBody(bytes, contentType);
}

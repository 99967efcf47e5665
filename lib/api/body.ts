/**
 * Request bodies of the HTTP API: the declared and the actual size capped
 * before parsing, the media type checked, JSON syntax and nesting depth
 * checked with the same helpers as the request guard (lib/request-guard.ts).
 * Framework-free.
 */
import { AppError } from "@/lib/errors";
import { checkDeclaredLength, exceedsJsonDepth, MAX_JSON_DEPTH, readBody, tooLarge, type Refusal } from "@/lib/request-guard";

/** Bodies of claims, comments and moves. An article import has its own, larger limit. */
export const API_BODY_LIMIT_BYTES = 256 * 1024;
/** An article's text (2 MB of article, escaped in JSON) and its metadata. */
export const API_ARTICLE_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
/** A new version may be a whole Claimdesk JSON export (10 MB), escaped as a JSON string. */
export const API_REVISION_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

function fail(refusal: Refusal): never {
  throw new AppError(refusal.code, refusal.message);
}

/**
 * The parsed JSON body, or a thrown AppError: 415 for another media type
 * than `mediaTypes`, 413 over `limit`, 400 for text that is not JSON.
 */
export async function readJsonBody(
  request: Request,
  { limit = API_BODY_LIMIT_BYTES, mediaTypes = ["application/json"] }: { limit?: number; mediaTypes?: readonly string[] } = {},
): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!mediaTypes.includes(type)) {
    const wanted = mediaTypes.join(" or ");
    throw new AppError("unsupported_media_type:request", type ? `This endpoint takes ${wanted}, not ${type}.` : `Send the body as ${wanted} (Content-Type header).`);
  }
  const declared = checkDeclaredLength(request.headers.get("content-length"), limit);
  if (declared) fail(declared);
  const bytes = await readBody(request, limit);
  if (!bytes) fail(tooLarge(limit));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request:request", "The request body is not valid UTF-8 text.");
  }
  if (text.trim() === "") throw new AppError("bad_request:request", "The request has no body. Send a JSON object.");
  if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) throw new AppError("bad_request:request", `The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message.slice(0, 120)})` : "";
    throw new AppError("bad_request:request", `The request body is not valid JSON${detail}.`);
  }
}

import "server-only";
import { isBusyError } from "@/db";
import { getClaim } from "@/db/queries/claims";
import { apiRateLimit, authenticateToken, chargeToken, type TokenCaller } from "@/db/queries/tokens";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { z } from "@/lib/zod";
import { readJsonBody } from "./body";
import type { ClaimDto } from "@/lib/claims";
import { noneMatchHits, readIfMatch } from "./etag";
import type { Article } from "@/db/schema";
import { articleEtag, articleRepresentation, claimEtag } from "./resources";
import { problemResponse } from "./problem";

/**
 * The frame of every /api/v1 handler, beside lib/route.ts for the browser's
 * routes: the bearer token (never a cookie: a script's requests carry no
 * session, and a browser cannot be tricked into sending a token) → its owner
 * as they are now, the per-token rate limit, the token's scope (write scope
 * for anything that changes data), then the domain call, which makes the
 * same role checks as for the UI. Every failure is problem+json with the
 * UI's code and sentence.
 */
export type ApiCaller = TokenCaller;

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i;

export async function runApiRoute(request: Request, fn: (caller: ApiCaller) => Promise<Response>, { write = false }: { write?: boolean } = {}): Promise<Response> {
  let rateHeaders: Record<string, string> = {};
  try {
    const header = request.headers.get("authorization");
    if (!header) {
      throw new AppError("unauthorized:token", "This API needs a personal access token: send Authorization: Bearer cdk_… (create one under Account → Tokens).");
    }
    const secret = BEARER.exec(header)?.[1];
    const caller = secret ? await authenticateToken(secret) : null;
    if (!caller) throw new AppError("unauthorized:token");
    if (caller.user.mustChangePassword) throw new AppError("forbidden:auth", "Choose a new password (Account → Password) before this token can be used.");

    const limit = apiRateLimit();
    const charge = await chargeToken(caller.tokenId, limit);
    const resetSeconds = Math.max(1, Math.ceil((charge.resetAt - Date.now()) / 1000));
    rateHeaders = { "ratelimit-limit": String(charge.limit), "ratelimit-remaining": String(charge.remaining), "ratelimit-reset": String(resetSeconds) };
    if (!charge.allowed) {
      rateHeaders["retry-after"] = String(resetSeconds);
      throw new AppError("rate_limited:token", `This token has made more than ${charge.limit} requests this minute. Try again in ${resetSeconds} s.`);
    }
    if (write && caller.scope !== "write") throw new AppError("forbidden:token");

    const response = await fn(caller);
    for (const [k, v] of Object.entries(rateHeaders)) response.headers.set(k, v);
    return response;
  } catch (error) {
    if (error instanceof ConditionFailed) return error.response;
    if (isBusyError(error)) {
      return problemResponse(new AppError("unavailable:database"), { headers: { ...rateHeaders, "retry-after": "1" } });
    }
    return problemResponse(error, { headers: rateHeaders });
  }
}

/** A response prepared by a handler that ends the request early (412 with the current claim). */
export class ConditionFailed extends Error {
  constructor(readonly response: Response) {
    super("precondition failed");
  }
}

/** JSON with no caching by shared caches; `etag` when the body is a versioned resource. */
export function apiJson(body: unknown, { status = 200, etag, headers }: { status?: number; etag?: string; headers?: Record<string, string> } = {}): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  h.set("cache-control", "private, no-cache");
  if (etag) h.set("etag", etag);
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** A GET of a versioned resource: 304 Not Modified when If-None-Match names the current tag. */
export function conditionalGet(request: Request, body: unknown, etag: string): Response {
  if (noneMatchHits(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers: { etag, "cache-control": "private, no-cache" } });
  }
  return apiJson(body, { etag });
}

/**
 * The query string as an object, for endpoints that take named parameters: an
 * unknown or repeated parameter is a 400 naming the known ones (a script
 * should learn of its typo). `skip` names parameters the caller reads itself.
 */
export function queryParams(request: Request, known: readonly string[], { skip = [] as readonly string[] } = {}): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (skip.includes(key)) continue;
    if (!known.includes(key)) throw new AppError("bad_request:api", `Unknown query parameter “${key.slice(0, 40)}”. Parameters: ${[...known, ...skip].join(", ")}.`);
    if (key in query) throw new AppError("bad_request:api", `Give “${key}” once.`);
    query[key] = value;
  }
  return query;
}

/** The JSON body parsed and validated against a strict API schema (unknown fields are a 400). */
export async function readBodyAs<S extends z.ZodType>(request: Request, schema: S, options?: Parameters<typeof readJsonBody>[1]): Promise<z.output<S>> {
  return parseInput(schema, await readJsonBody(request, options), "api");
}

/**
 * The version a conditional write is decided on, from If-Match: the claim's
 * current version when the header names its ETag. Missing → 428; a tag that
 * is not the current one → 412 with the claim as it is now (so the client
 * can re-apply its change), and nothing is written.
 */
export function ifMatchVersion(request: Request, current: ClaimDto): number {
  const ifMatch = readIfMatch(request.headers.get("if-match"));
  if (ifMatch.kind === "missing") throw new AppError("precondition_required:claim");
  if (ifMatch.kind === "malformed") throw new AppError("bad_request:claim", 'If-Match must be an entity tag in quotes, like If-Match: "v3", as sent in the ETag header.');
  if (ifMatch.kind === "any") throw new AppError("precondition_required:claim", "If-Match: * would overwrite whatever is there. Send the claim's ETag (from a GET) instead.");
  const tag = claimEtag(current);
  if (!ifMatch.tags.includes(tag)) throw new ConditionFailed(staleResponse(current));
  return current.version;
}

/** 412 Precondition Failed with the current claim and its ETag. */
export function staleResponse(current: ClaimDto): Response {
  return problemResponse(new AppError("precondition_failed:claim"), { headers: { etag: claimEtag(current) }, extensions: { current } });
}

/**
 * The revision a write to an article's text is decided on, from If-Match:
 * the article's current revision when the header names its ETag (the same
 * rules as for a claim: missing → 428, stale → 412 with the article as it is
 * now, and nothing is written).
 */
export function ifMatchRevision(request: Request, current: Article): number {
  const ifMatch = readIfMatch(request.headers.get("if-match"));
  if (ifMatch.kind === "missing") throw new AppError("precondition_required:article");
  if (ifMatch.kind === "malformed") throw new AppError("bad_request:article", 'If-Match must be an entity tag in quotes, as sent in the article\'s ETag header.');
  if (ifMatch.kind === "any") throw new AppError("precondition_required:article", "If-Match: * would replace whatever text is there. Send the article's ETag (from a GET) instead.");
  if (!ifMatch.tags.includes(articleEtag(articleRepresentation(current)))) throw new ConditionFailed(staleArticleResponse(current));
  return current.currentRevision;
}

/** 412 Precondition Failed with the current article and its ETag. */
export function staleArticleResponse(current: Article): Response {
  const article = articleRepresentation(current);
  return problemResponse(new AppError("precondition_failed:article"), { headers: { etag: articleEtag(article) }, extensions: { current: article } });
}

type ClaimContext = { params: Promise<{ id: string }> };
type Moved = { status: "done"; claim: ClaimDto } | { status: "conflict"; current: ClaimDto };

/**
 * The handler of a workflow move on /api/v1/claims/{id}/… (submit, approve,
 * return): write scope, the version the request's If-Match names, the move
 * through the domain layer, 412 with the current claim when it moved on
 * meanwhile, and the moved claim with its new ETag.
 */
export function claimMoveRoute(move: (args: { user: ApiCaller["user"]; request: Request; claimId: string; version: number }) => Promise<Moved>) {
  return (request: Request, { params }: ClaimContext) =>
    runApiRoute(
      request,
      async ({ user }) => {
        const { id } = await params;
        const version = ifMatchVersion(request, await getClaim({ claimId: id }));
        const result = await move({ user, request, claimId: id, version });
        if (result.status === "conflict") return staleResponse(result.current);
        return apiJson(result.claim, { etag: claimEtag(result.claim) });
      },
      { write: true },
    );
}

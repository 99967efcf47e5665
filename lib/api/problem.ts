/**
 * Errors of the HTTP API as RFC 9457 problem details
 * (`application/problem+json`), carrying the same codes and sentences as the
 * UI (lib/errors.ts). Framework-free: standard Response only.
 *
 *   { "type": "/api/docs#problem-conflict-claim", "title": "Conflict", "status": 409,
 *     "detail": "Someone else saved this claim after you opened it.", "code": "conflict:claim" }
 *
 * `errors` lists field messages (from zod) by JSON path; other members
 * (`current` on a 412) are extensions named in the OpenAPI document.
 */
import { AppError, RetryLaterError, toActionError, type ErrorCode } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode | "internal";
  errors?: Record<string, string>;
  [extension: string]: unknown;
};

/** The type URI of a code: its error type's section of the API reference (relative, resolved against the request). */
export function problemType(code: string): string {
  return `/api/docs#problem-${code.split(":")[0]!.replace(/[^a-z_]+/g, "-")}`;
}

export function toProblem(error: unknown, extensions: Record<string, unknown> = {}): Problem {
  const status = error instanceof AppError ? error.status : 500;
  const { error: body } = toActionError(error);
  return {
    type: problemType(body.code),
    title: TITLES[status] ?? "Error",
    status,
    detail: body.message,
    code: body.code,
    ...(body.fieldErrors && Object.keys(body.fieldErrors).length ? { errors: body.fieldErrors } : {}),
    ...extensions,
  };
}

export function problemResponse(error: unknown, { headers, extensions }: { headers?: HeadersInit; extensions?: Record<string, unknown> } = {}): Response {
  const problem = toProblem(error, extensions);
  const h = new Headers(headers);
  h.set("content-type", PROBLEM_CONTENT_TYPE);
  h.set("cache-control", "no-store");
  if (problem.status === 401) h.set("www-authenticate", 'Bearer realm="claimdesk"');
  if (error instanceof RetryLaterError && !h.has("retry-after")) h.set("retry-after", String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  return new Response(JSON.stringify(problem), { status: problem.status, headers: h });
}

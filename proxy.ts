import { readFileSync } from "node:fs";
import path from "node:path";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextMiddleware } from "next/server";
import { authSecret, ensureAuthUrl } from "@/lib/config";
import { problemResponse } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";
import { guardRequest, refusalResponse } from "@/lib/request-guard";
import { appPolicy, createNonce, publishedPolicy, reportingEndpoints } from "@/lib/security-headers";

type Middleware = (request: NextRequestWithAuth, event: NextFetchEvent) => ReturnType<NextMiddleware>;
let middleware: Middleware | undefined;

/** Paths that are public: no sign-in redirect (the sign-in page itself, the published fact-checks, the API answering for itself). */
const PUBLIC = [/^\/login(?:\/|$)/, /^\/published\//, /^\/api\//];
const API_DOCS_PATH = "/api/docs";

let actionIds: ReadonlySet<string> | null | undefined;

/**
 * The server actions of this build (Next writes their ids to the manifest at
 * build time), so an unknown id gets a 404 here. In development actions are
 * compiled on demand and the manifest grows, and a deployment may place the
 * build elsewhere: then `null`, and Next's own answer (409) stands.
 */
function serverActionIds(): ReadonlySet<string> | null {
  if (actionIds !== undefined) return actionIds;
  if (process.env.NODE_ENV === "development") return (actionIds = null);
  try {
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), ".next", "server", "server-reference-manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, unknown>; edge?: Record<string, unknown> };
    actionIds = new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
  } catch {
    actionIds = null;
  }
  return actionIds;
}

/**
 * Runs before every page, server action and API request (static files
 * excepted), in this order:
 *
 * 1. Request checks (lib/request-guard.ts): a cross-origin, oversized,
 *    malformed or too deeply nested request, or an unknown action id, gets a
 *    4xx with a readable message instead of the framework's bare 500.
 * 2. The optimistic redirect to sign-in for visitors without a session token.
 *    Not the security boundary: pages, actions and route handlers check the
 *    session and role themselves (lib/auth.ts). /login, /published/* and the
 *    API are public here.
 * 3. Pages get a Content-Security-Policy with a fresh nonce, on the response
 *    for the browser and on the request for Next, which puts the nonce on its
 *    scripts (lib/security-headers.ts). The published page gets its stricter
 *    policy.
 */
export async function proxy(request: NextRequestWithAuth, event: NextFetchEvent): Promise<Response | undefined | null> {
  ensureAuthUrl();
  const origin = new URL(process.env.NEXTAUTH_URL!).origin;
  const { pathname } = request.nextUrl;
  // The API reference is a page (with the app's policy), not an API response.
  const isApi = pathname.startsWith("/api/") && pathname !== API_DOCS_PATH;

  const refusal = await guardRequest(request, { origin, actionIds: serverActionIds() });
  if (refusal) {
    // The HTTP API answers every error as problem details, these included.
    if (pathname.startsWith("/api/v1/")) return problemResponse(new AppError(refusal.code, refusal.message), { headers: { "x-content-type-options": "nosniff", ...refusal.headers } });
    return refusalResponse(refusal, isApi ? "json" : "text");
  }

  if (!PUBLIC.some((p) => p.test(pathname))) {
    middleware ??= withAuth({ secret: authSecret(), pages: { signIn: "/login" } }) as Middleware;
    const redirect = await middleware(request, event);
    if (redirect) return redirect;
  }
  if (isApi) return NextResponse.next();

  const nonce = createNonce();
  const options = { nonce, development: process.env.NODE_ENV === "development", reportUri: `${origin}/api/csp-report`, https: origin.startsWith("https:") };
  const policy = pathname.startsWith("/published/") ? publishedPolicy(options) : appPolicy(options);
  const headers = new Headers(request.headers);
  // Next finds the nonce in the request's policy; x-nonce is for our own <style> tags.
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  response.headers.set("reporting-endpoints", reportingEndpoints(origin));
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|icon.svg).*)"],
};

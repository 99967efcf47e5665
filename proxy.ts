import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import type { NextFetchEvent, NextMiddleware } from "next/server";
import { authSecret, ensureAuthUrl } from "@/lib/config";

type Middleware = (request: NextRequestWithAuth, event: NextFetchEvent) => ReturnType<NextMiddleware>;
let middleware: Middleware | undefined;

/**
 * Optimistic redirect to sign-in for visitors without a session token. Not the
 * security boundary: pages, actions and route handlers check the session and
 * role themselves (lib/auth.ts). /published/* is public (a published
 * fact-check is read without signing in) and so is not matched.
 */
export function proxy(request: NextRequestWithAuth, event: NextFetchEvent): ReturnType<NextMiddleware> {
  if (!middleware) {
    ensureAuthUrl();
    middleware = withAuth({ secret: authSecret(), pages: { signIn: "/login" } }) as Middleware;
  }
  return middleware(request, event);
}

export const config = {
  matcher: ["/((?!api/|login|published/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};

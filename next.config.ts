import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT, ACTION_BODY_LIMIT_BYTES } from "./lib/request-guard";
import { API_POLICY, AUTH_API_POLICY, PERMISSIONS_POLICY } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Native addons (libSQL, argon2) must be required at run time, not bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2", "linkedom"],
  poweredByHeader: false,
  experimental: {
    // Imports are sent as form data (text or a file); the domain layer enforces
    // its own limits (2 MB of article, 10 MB for a Claimdesk JSON export with
    // its claims) and answers with a readable error, so the transport limit
    // only needs to sit above them. proxy.ts refuses a larger body with a 413
    // before Next would answer its 500.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
    // Next hands proxy.ts a copy of each request body and keeps only this
    // much of it; the default (10 MB) is below the action limit and cut
    // 10–11 MB imports short ("Unexpected end of form", a 500). A margin above
    // the limit lets the proxy see that a chunked body is too large.
    proxyClientMaxBodySize: ACTION_BODY_LIMIT_BYTES + 1024 * 1024,
    // forbidden() from next/navigation: a page a role may not see answers
    // HTTP 403 with app/forbidden.tsx (it was a 200 with "error 403" in it).
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
      // Pages get their policy, with a nonce, from proxy.ts; API responses a fixed one.
      // /api/docs (the API reference) is a page.
      { source: "/api/:path((?!docs$).*)", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
      // Later rules win for the same header: next-auth's fallback pages.
      { source: "/api/auth/:path*", headers: [{ key: "Content-Security-Policy", value: AUTH_API_POLICY }] },
    ];
  },
};

export default nextConfig;

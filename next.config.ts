import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native addons (libSQL, argon2) must be required at run time, not bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2", "linkedom"],
  poweredByHeader: false,
  experimental: {
    // Imports are sent as form data (text or a file); the domain layer enforces
    // its own limits (2 MB of article, 10 MB for a Claimdesk JSON export with
    // its claims) and answers with a readable error, so the transport limit
    // only needs to sit above them.
    serverActions: { bodySizeLimit: "11mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;

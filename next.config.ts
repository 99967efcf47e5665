import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native addons (libSQL, argon2) must be required at run time, not bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2", "linkedom"],
  poweredByHeader: false,
  experimental: {
    // Imports are sent as form data (text or a file); the domain layer enforces
    // its own 2 MB article limit and answers with a readable error, so the
    // transport limit only needs to sit above it.
    serverActions: { bodySizeLimit: "3mb" },
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

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Reliability tests (test/reliability): attacks and failures against the built
 * app (`next start` on temporary databases, started by test/support/server.ts).
 * Run after `next build`. One file at a time: each starts its own servers, and
 * the machine has two cores.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["test/reliability/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});

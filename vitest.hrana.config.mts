import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The domain-layer tests once more, over http:// (npm run test:hrana): each
 * test desk's database is served by the test Hrana server
 * (test/support/hrana-server.ts) and the app opens it as a libSQL server, so
 * db/index.ts's non-file path, migrations, triggers, FTS5 and batches are
 * exercised without sqld.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["db/queries/**/*.test.ts", "db/seed.test.ts", "app/api/v1/api.test.ts", "app/authorization.test.ts"],
    exclude: ["node_modules/**", ".next/**"],
    environment: "node",
    env: { CLAIMDESK_TEST_DATABASE: "hrana" },
    // Two cores: the app, the server and SQLite share them; one file at a time keeps timings readable.
    maxWorkers: 2,
    // Over HTTP every statement is a request and parallel writers wait for each other in the server (the file path queues them in-process): the race tests take longer.
    testTimeout: 30_000,
  },
});

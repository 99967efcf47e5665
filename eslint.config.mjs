import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Playwright fixtures receive a `use` callback that the React rules mistake for React's use().
    files: ["e2e/**/*.ts", "bench/**/*.ts", "playwright.config.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Specs take `test` from the fixtures, which fail a test on any CSP violation (e2e/support/csp.ts).
    files: ["e2e/**/*.ts"],
    ignores: ["e2e/support/fixtures.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@playwright/test", importNames: ["test"], message: "Import test from ./support/fixtures: it fails the test on any Content-Security-Policy violation." }] },
      ],
    },
  },
  {
    // One import of zod (lib/zod.ts), which turns off its `new Function` compiler in the browser before any schema exists.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/zod.ts", "e2e/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "zod", message: "Import { z } from \"@/lib/zod\": it configures zod for the Content-Security-Policy first." }] }],
    },
  },
  globalIgnores([".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "bench/out/**", "next-env.d.ts"]),
]);

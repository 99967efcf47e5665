import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "./e2e/support/chromium";

// The config is evaluated by the runner and again by each worker; the values
// chosen once are passed on through the environment, which workers inherit.
const freePort = () =>
  execFileSync(process.execPath, ["-e", "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"])
    .toString()
    .trim();
process.env.E2E_PORT ??= freePort();
// URL import's fixture pages (test/support/page-server.ts), on loopback; the app lets exactly this host:port through its outbound guard.
process.env.E2E_PAGES_PORT ??= freePort();
// A fresh database per run: the server applies migrations and seeds the demo accounts into it.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "claimdesk-e2e-"));
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");

const port = process.env.E2E_PORT;
const baseURL = `http://localhost:${port}`;
const pagesPort = process.env.E2E_PAGES_PORT;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: [
    {
      // Started beside the app (both at once), in well under a second: no spec waits longer for it.
      command: "npx tsx test/support/page-server.ts",
      url: `http://127.0.0.1:${pagesPort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { PAGES_PORT: pagesPort! },
    },
    {
      command: `npx next start -p ${port}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: port!,
        NEXTAUTH_URL: baseURL,
        DATABASE_URL: `file:${path.join(process.env.E2E_DATA_DIR, "claimdesk.db")}`,
        AUTH_SECRET: process.env.E2E_AUTH_SECRET,
        ADMIN_EMAIL: "",
        ADMIN_PASSWORD: "",
        URL_IMPORT_ALLOW_HOSTS: `127.0.0.1:${pagesPort}`,
      },
    },
  ],
});

/**
 * Debian's Chromium, as the e2e tests and the benchmarks launch it: Playwright
 * cannot download its own browser here. The flags keep a root, offline,
 * headless Chromium from sandbox errors and from calling home.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

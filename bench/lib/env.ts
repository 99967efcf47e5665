/**
 * The environment every browser benchmark needs: the built app started on a
 * temporary database holding the benchmark article, the baseline page (a
 * minimal TipTap editor with the same document and decorations, and the same
 * DOM as static HTML), and a headless Chromium signed in as the reviewer.
 * Everything is stopped and deleted by `cleanup()`, also on failure, Ctrl+C
 * or the watchdog.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { CHROMIUM, CHROMIUM_ARGS } from "../../e2e/support/chromium";
import { generateData, insertData, type Data } from "./data";
import { openPage } from "./measure";
import { openProbeSource } from "./probe";
import { freePort, startNext, waitForHttp, type AppServer } from "../../test/support/server";
import { ms } from "./stats";

export const ROOT = process.cwd();
export const OUT_DIR = path.join(ROOT, "bench", "out");
export const VIEWPORT = { width: 1440, height: 900 };
export const REVIEWER = { email: "reviewer@claimdesk.test", password: "reviewer-demo-pass" };
export const WORDS = 100_000;
export const CLAIMS = 2000;
export const OVERLAPPING = 200;

export const log = (message: string) => console.log(`[bench] ${message}`);

// ------------------------------------------------------------------ cleanup

export const cleanups: (() => Promise<void> | void)[] = [];
export const syncCleanups: (() => void)[] = [];
let cleaning: Promise<void> | null = null;

/** Runs every registered cleanup once (later ones first), each bounded to 10 s. */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await Promise.race([fn(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      } catch (error) {
        console.error("cleanup:", error);
      }
    }
  })();
  return cleaning;
}

/** Kills what is left on exit, stops on Ctrl+C, and gives up after `timeoutMs`. */
export function installCleanupHandlers(timeoutMs: number) {
  const watchdog = setTimeout(() => {
    console.error(`[bench] gave up after ${Math.round(timeoutMs / 60000)} minutes`);
    void cleanup().finally(() => process.exit(2));
  }, timeoutMs);
  watchdog.unref();
  process.on("exit", () => {
    for (const fn of syncCleanups) {
      try {
        fn();
      } catch {
        // Exiting anyway.
      }
    }
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

/**
 * Runs a benchmark's `main` in the one frame they all share: the cleanup
 * handlers with a watchdog of `timeoutMs`, its temporary directory removed at
 * the end unless kept, every cleanup run, exit code 1 on an error.
 */
export function runBench(main: () => Promise<void>, { timeoutMs, tmp, keep = false }: { timeoutMs: number; tmp?: string; keep?: boolean }): void {
  installCleanupHandlers(timeoutMs);
  if (tmp && !keep) {
    cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
    syncCleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  } else if (tmp) log(`temporary directory (kept): ${tmp}`);
  main()
    .then(() => cleanup())
    .then(() => process.exit(0))
    .catch(async (error) => {
      console.error(error);
      await cleanup();
      process.exit(1);
    });
}

// ------------------------------------------------------------------ helpers

/** Exits with instructions when there is no production build; warns when sources are newer than it. */
export function checkBuild() {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(path.join(ROOT, "package.json")) || !existsSync(path.join(ROOT, "app"))) {
    throw new Error("Run this from the repository root (npm run bench:open).");
  }
  if (!existsSync(buildId)) {
    console.error("No production build found (.next/BUILD_ID is missing). Build the app first:\n\n  npx next build\n\nthen run npm run bench:open again.");
    process.exit(1);
  }
  const built = statSync(buildId).mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(tsx?|css)$/.test(entry.name) && statSync(p).mtimeMs > built) newer.push(path.relative(ROOT, p));
    }
  };
  for (const dir of ["app", "components", "lib", "db"]) if (existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  if (newer.length) {
    console.warn(`[bench] warning: ${newer.length} source file(s) changed after the last build (e.g. ${newer.slice(0, 3).join(", ")}); run \`npx next build\` to measure them.`);
  }
  return { buildId: readFileSync(buildId, "utf8").trim(), builtAt: new Date(built).toISOString() };
}

// ------------------------------------------------------------------ baseline page

const BASELINE_CSS = `
*, ::before, ::after { box-sizing: border-box; }
html { color: #0f172a; background: #f8fafc; }
body { margin: 0; font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; -webkit-font-smoothing: antialiased; }
.layout { display: grid; grid-template-columns: 18rem calc(var(--article-width) + 5rem + 2px) 26rem; gap: 1.5rem; padding: 1.5rem 1rem; }
.card { background: #fff; border: 1px solid #e2e8f0; border-radius: 0.5rem; padding: 2rem 2.5rem; }
.side { position: sticky; top: 1.5rem; align-self: start; background: #fff; border: 1px solid #e2e8f0; border-radius: 0.5rem; padding: 1rem; }
.side label { display: block; font-size: 0.875rem; font-weight: 500; margin-bottom: 0.25rem; }
.side textarea { width: 100%; font: inherit; font-size: 0.875rem; border: 1px solid #cbd5e1; border-radius: 0.375rem; padding: 0.5rem 0.75rem; }
/* From app/globals.css: the article text and claim highlights. */
.article-text { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "Noto Serif", serif; font-size: 1.125rem; line-height: 1.75; white-space: pre-wrap; word-wrap: break-word; caret-color: #1d4ed8; }
.article-text p { margin: 0 0 1em; }
.article-text h2 { font-family: ui-sans-serif, system-ui, sans-serif; font-size: 1.3rem; font-weight: 700; line-height: 1.3; margin: 1.6em 0 0.6em; }
.article-text h3, .article-text h4 { font-family: ui-sans-serif, system-ui, sans-serif; font-size: 1.1rem; font-weight: 700; margin: 1.4em 0 0.5em; }
.article-text a { color: #1d4ed8; text-decoration: underline; }
mark.claim { background: color-mix(in srgb, var(--claim-color, #f59e0b) 16%, transparent); border-bottom: 2px solid var(--claim-color, #f59e0b); color: inherit; cursor: pointer; padding: 0 0 1px; border-radius: 1px; }
mark.claim mark.claim { background: color-mix(in srgb, var(--claim-color, #f59e0b) 28%, transparent); border-bottom-style: double; border-bottom-width: 4px; }
mark.claim[data-verdict="none"] { --claim-color: #f59e0b; }
`;

export async function startBaseline(data: Data, port: number) {
  const result = await build({
    entryPoints: [path.join(ROOT, "bench", "baseline", "entry.ts")],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    platform: "browser",
    define: { "process.env.NODE_ENV": '"production"' },
    tsconfig: path.join(ROOT, "tsconfig.json"),
    write: false,
    logLevel: "silent",
  });
  const js = result.outputFiles[0]!.contents;
  const json = Buffer.from(JSON.stringify({ doc: data.doc, highlights: data.highlights }));
  const state = { articleWidth: 576, staticArticle: "" };
  const page = (article: string, script: string) =>
    Buffer.from(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Baseline</title><style>${BASELINE_CSS}:root{--article-width:${state.articleWidth}px}</style></head>` +
        `<body><div class="layout"><aside></aside><main><div class="card"><div id="article">${article}</div></div></main>` +
        `<aside class="side"><label for="rationale">Rationale</label><textarea id="rationale" rows="5"></textarea></aside></div>` +
        `${script}</body></html>`,
    );
  const server = http.createServer((req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    const send = (type: string, body: Buffer | Uint8Array) => {
      res.writeHead(200, { "content-type": type, "content-length": body.byteLength, "cache-control": "no-cache" });
      res.end(body);
    };
    if (url === "/") send("text/html; charset=utf-8", page("", `<script type="module" src="/app.js"></script>`));
    else if (url === "/static") {
      // The floor: the DOM the baseline editor renders (same <p>, <h2>, <mark>s),
      // as plain HTML in a contenteditable element. No JavaScript at all.
      send(
        "text/html; charset=utf-8",
        page(`<div class="ProseMirror article-text" contenteditable="true" spellcheck="false" translate="no">${state.staticArticle}</div>`, ""),
      );
    } else if (url === "/app.js") send("text/javascript; charset=utf-8", js);
    else if (url === "/data.json") send("application/json", json);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    staticUrl: `http://127.0.0.1:${port}/static`,
    bundleBytes: js.byteLength,
    dataBytes: json.byteLength,
    setArticleWidth: (w: number) => (state.articleWidth = w),
    setStaticArticle: (html: string) => (state.staticArticle = html),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ------------------------------------------------------------------ environment

export type Environment = Awaited<ReturnType<typeof startEnvironment>>;

/** Builds the whole environment (see the top of this file); `keep` keeps the temporary directory. */
export async function startEnvironment({ keep = false }: { keep?: boolean } = {}) {
  const buildInfo = checkBuild();
  log(`build ${buildInfo.buildId} (${buildInfo.builtAt})`);

  const data = generateData(WORDS, CLAIMS, OVERLAPPING);
  log(
    `article: ${data.words.toLocaleString("en")} words, ${data.paragraphs} paragraphs, ${data.headings} headings, ${data.plainText.length.toLocaleString("en")} characters; ` +
      `${data.claims.length} claims (${data.nested} nested + ${data.partial} partially overlapping); generated in ${ms(data.generateMs)}`,
  );

  const tmp = mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-"));
  if (keep) log(`temporary directory (kept): ${tmp}`);
  else {
    cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
    syncCleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  }
  const dbFile = path.join(tmp, "db.sqlite");
  const [appPort, basePort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;

  log(`starting next start on port ${appPort}…`);
  const server: AppServer = startNext({
    root: ROOT,
    port: appPort,
    env: {
      NODE_ENV: "production",
      PORT: String(appPort),
      DATABASE_URL: `file:${dbFile}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: appUrl,
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  cleanups.push(() => server.stop());
  syncCleanups.push(() => server.kill());
  await waitForHttp(`${appUrl}/api/health`, server, 90_000);

  const tInsert = performance.now();
  const articleId = await insertData(dbFile, data, REVIEWER.email);
  log(`inserted the article and ${data.claims.length} claims in ${ms(performance.now() - tInsert)}`);

  const baseline = await startBaseline(data, basePort);
  cleanups.push(() => baseline.close());
  log(`baseline page on ${baseline.url} (bundle ${(baseline.bundleBytes / 1024).toFixed(0)} KiB, data ${(baseline.dataBytes / 1024).toFixed(0)} KiB)`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  cleanups.push(() => browser.close());
  const chromiumVersion = browser.version();
  const appContext = await browser.newContext({ viewport: VIEWPORT });
  const baseContext = await browser.newContext({ viewport: VIEWPORT });

  // Sign in through the real form.
  {
    const page = await appContext.newPage();
    await page.goto(`${appUrl}/login`);
    await page.getByLabel("Email").fill(REVIEWER.email);
    await page.getByLabel("Password").fill(REVIEWER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Articles" }).waitFor({ timeout: 30_000 });
    await page.close();
  }
  const expected = data.highlights.filter((h) => h.to > h.from).length;
  await appContext.addInitScript({ content: openProbeSource(expected) });
  await baseContext.addInitScript({ content: openProbeSource(expected) });
  const articleUrl = `${appUrl}/articles/${articleId}`;

  // Warm-up (server caches, HTTP cache, V8 code cache); the article column
  // width and the rendered article for the baseline and static pages.
  log("warm-up…");
  {
    const { page, result } = await openPage(appContext, articleUrl);
    if (result.distinct !== expected) throw new Error(`Claimdesk shows ${result.distinct} highlights, expected ${expected}`);
    baseline.setArticleWidth(result.articleWidth);
    await page.close();
    const b = await openPage(baseContext, baseline.url);
    if (b.result.distinct !== expected) throw new Error(`The baseline shows ${b.result.distinct} highlights, expected ${expected}`);
    baseline.setStaticArticle((await b.page.evaluate(`document.querySelector(".ProseMirror").innerHTML`)) as string);
    await b.page.close();
    const s = await openPage(baseContext, baseline.staticUrl);
    if (s.result.distinct !== expected) throw new Error(`The static page shows ${s.result.distinct} highlights, expected ${expected}`);
    await s.page.close();
  }

  return { buildInfo, data, articleUrl, baseline, browser, chromiumVersion, appContext, baseContext, expected };
}

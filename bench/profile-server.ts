/**
 * bench:server — where the server time of the article page goes (the "first
 * response byte" of bench:open), with no browser involved.
 *
 * Same data set as bench:open. Starts the built app with `--cpu-prof`, signs
 * in through next-auth's credentials endpoint, requests the article page N
 * times (HTML, as a browser's first load) and N times as an RSC payload (as a
 * client-side navigation), then stops the server and prints the request
 * timings and the server's JavaScript self time by source file and function,
 * mapped back to the sources through the build's source maps.
 *
 * Usage (after `npx next build`): npm run bench:server [-- --requests 8] [-- --save]
 * (--save writes both responses to bench/out/ to see what they are made of).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateData, insertData } from "./lib/data";
import { freePort, startNext, waitForHttp } from "../test/support/server";
import { mapProfile, type CpuProfile } from "./lib/profile";
import { median, ms, percentile, table } from "./lib/stats";

const ROOT = process.cwd();
const argv = process.argv.slice(2);
const REQUESTS = (() => {
  const i = argv.indexOf("--requests");
  return i >= 0 ? Math.max(1, Number(argv[i + 1]) || 8) : 8;
})();
const REVIEWER = { email: "reviewer@claimdesk.test", password: "reviewer-demo-pass" };

type Cookies = Map<string, string>;
function keepCookies(jar: Cookies, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}
const cookieHeader = (jar: Cookies) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(base: string): Promise<Cookies> {
  const jar: Cookies = new Map();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: REVIEWER.email, password: REVIEWER.password, json: "true" }),
  });
  keepCookies(jar, response);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Sign-in failed (${response.status})`);
  return jar;
}

async function timeRequest(url: string, headers: Record<string, string>) {
  const t0 = performance.now();
  const response = await fetch(url, { headers });
  const headersAt = performance.now() - t0;
  const reader = response.body!.getReader();
  let firstChunkAt: number | null = null;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstChunkAt ??= performance.now() - t0;
    bytes += value.byteLength;
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return { headersAt, firstChunkAt: firstChunkAt ?? headersAt, total: performance.now() - t0, bytes };
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error("No production build found (.next/BUILD_ID is missing). Run `npx next build` first.");
    process.exit(1);
  }
  const data = generateData(100_000, 2000, 200);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-server-"));
  const profDir = path.join(tmp, "prof");
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = startNext({
    root: ROOT,
    port,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "--cpu-prof-interval=250"],
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: `file:${path.join(tmp, "db.sqlite")}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: base,
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const watchdog = setTimeout(() => {
    server.kill();
    rmSync(tmp, { recursive: true, force: true });
    console.error("gave up after 10 minutes");
    process.exit(2);
  }, 10 * 60_000);
  watchdog.unref();
  // Whatever happens from here on, stop the server and delete the directory.
  const removeTmp = () => rmSync(tmp, { recursive: true, force: true });
  process.once("exit", () => {
    server.kill();
    removeTmp();
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void server.stop().finally(() => process.exit(130)));
  try {
    await waitForHttp(`${base}/api/health`, server, 90_000);
    const dbFile = path.join(tmp, "db.sqlite");
    const articleId = await insertData(dbFile, data, REVIEWER.email);
    const bareArticleId = await insertData(dbFile, data, REVIEWER.email, { withClaims: false });
    const jar = await signIn(base);
    // The seeded sample article (~1,000 words, no claims): the page shell alone.
    const articles = await fetch(`${base}/articles`, { headers: { cookie: cookieHeader(jar) } }).then((r) => r.text());
    const sampleId = [...articles.matchAll(/\/articles\/([0-9a-f-]{36})/g)].map((m) => m[1]!).find((id) => id !== articleId && id !== bareArticleId);
    const html = { cookie: cookieHeader(jar), accept: "text/html" };
    // What Chromium sends for a navigation (compression and user agent included).
    const browserHtml = {
      cookie: cookieHeader(jar),
      accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
      "accept-encoding": "gzip, deflate, br, zstd",
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
      "sec-fetch-dest": "document",
      "sec-fetch-mode": "navigate",
      "upgrade-insecure-requests": "1",
    };
    const rsc = { cookie: cookieHeader(jar), rsc: "1", accept: "text/x-component" };
    const pages: [string, string, Record<string, string>][] = [
      ["100k words + 2,000 claims, HTML (first load)", articleId, html],
      ["… the same with a browser's request headers", articleId, browserHtml],
      ["100k words + 2,000 claims, RSC (client navigation)", articleId, rsc],
      ["100k words, no claims, HTML", bareArticleId, html],
      ...(sampleId ? ([["sample article (~1k words), no claims, HTML", sampleId, html]] as [string, string, Record<string, string>][]) : []),
    ];
    for (const [, id, headers] of pages) await timeRequest(`${base}/articles/${id}`, headers); // warm-up
    if (argv.includes("--save")) {
      // The two responses, to see what they are made of.
      const out = path.join(ROOT, "bench", "out");
      mkdirSync(out, { recursive: true });
      writeFileSync(path.join(out, "article-page.html"), await (await fetch(`${base}/articles/${articleId}`, { headers: html })).text());
      writeFileSync(path.join(out, "article-page.rsc"), await (await fetch(`${base}/articles/${articleId}`, { headers: rsc })).text());
      console.log(`saved bench/out/article-page.html and bench/out/article-page.rsc`);
    }
    const results = new Map<string, Awaited<ReturnType<typeof timeRequest>>[]>();
    for (let i = 0; i < REQUESTS; i++) {
      for (const [name, id, headers] of pages) results.set(name, [...(results.get(name) ?? []), await timeRequest(`${base}/articles/${id}`, headers)]);
    }
    console.log(`\nArticle page, ${REQUESTS} sequential requests each (after a warm-up), load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    console.log(
      table([
        ["", "response headers p50", "first body chunk p50", "complete p50", "complete p95", "bytes"],
        ...[...results].map(([name, r]) => [
          name,
          ms(median(r.map((x) => x.headersAt))),
          ms(median(r.map((x) => x.firstChunkAt))),
          ms(median(r.map((x) => x.total))),
          ms(percentile(r.map((x) => x.total), 95)),
          `${(r[0]!.bytes / 1024).toFixed(0)} KiB`,
        ]),
      ]),
    );
    console.log(`(The article's TipTap JSON alone is ${(JSON.stringify(data.doc).length / 1024).toFixed(0)} KiB; its plain text ${(data.plainText.length / 1024).toFixed(0)} KiB.)`);
  } finally {
    await server.stop();
  }
  const profiles = existsSync(profDir) ? readdirSync(profDir).map((f) => path.join(profDir, f)) : [];
  const biggest = profiles.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (biggest) {
    const rows = mapProfile(JSON.parse(readFileSync(biggest, "utf8")) as CpuProfile);
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const byFile = new Map<string, number>();
    for (const r of rows) byFile.set(r.file, (byFile.get(r.file) ?? 0) + r.ms);
    console.log(`\nServer CPU profile (whole server life, ${ms(total)} sampled; start-up and sign-in included)`);
    console.log("  self time by source file:");
    console.log(table([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([f, v]) => [`    ${f}`, ms(v)])));
    console.log("  top functions:");
    console.log(table(rows.slice(0, 25).map((r) => [`    ${r.fn}`, r.file, ms(r.ms)])));
  } else {
    console.log("(no CPU profile was written)");
  }
  removeTmp();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * bench:dashboard — the desk dashboard over 10,000 articles and 1,000,000
 * claims, against baselines measured in the same process on the same data:
 *
 *   1. migrates a temporary database like the app does, seeds the demo
 *      accounts, then bulk-inserts 10,000 articles and 1,000,000 claims with
 *      recursive CTEs (INSERT … SELECT), through the summary triggers of
 *      migration 0002 (nothing is backfilled by hand), and soft-deletes and
 *      re-statuses some claims so the UPDATE triggers run too; checks that
 *      article_stats equals a GROUP BY over the claims;
 *   2. times each dashboard query in-process (the real `getDashboard`):
 *      default view, every filter, the sorts, page 200; prints p50/p95 and the
 *      ratio to (a) a bare SELECT of 25 article rows (the floor) and (b) the
 *      naive page: the same 25 rows with their counts from a GROUP BY over the
 *      claims (what the page would cost without the summary tables);
 *   3. measures event-loop delay (perf_hooks.monitorEventLoopDelay) while 10
 *      concurrent callers run the dashboard query mix in this process;
 *   4. starts `next start` on the seeded database, mints a next-auth session
 *      cookie for the demo editor with the server's secret, and loads the real
 *      /dashboard page with autocannon, 10 connections (p50/p95/p99, req/s),
 *      next to /api/health (one `SELECT 1`) as the server's floor.
 *
 * Usage (after `npx next build`): npm run bench:dashboard [-- --articles 10000] [-- --claims-per-article 100] [-- --iterations 30] [-- --duration 20] [-- --keep]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
// The app reads DATABASE_URL on its first connection (getDb), so setting it below, before any query, is enough.
import { getDb, resetDb } from "@/db";
import { getDashboard } from "@/db/queries/dashboard";
import { seedDesk } from "./lib/desk-data";
import { checkBuild, cleanups, log, ROOT, runBench, syncCleanups } from "./lib/env";
import { freePort, startNext, waitForHttp, type AppServer } from "../test/support/server";
import { ms, numberOption, percentile, ratio, table, timeIt } from "./lib/stats";

const argv = process.argv.slice(2);
const ARTICLES = numberOption("articles", 10_000);
const PER_ARTICLE = numberOption("claims-per-article", 100);
const ITERATIONS = numberOption("iterations", 30);
const DURATION_S = numberOption("duration", 20);
const KEEP = argv.includes("--keep");

const tmp = mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-dashboard-"));
const dbFile = path.join(tmp, "db.sqlite");
process.env.DATABASE_URL = `file:${dbFile}`;
delete process.env.ADMIN_EMAIL;
delete process.env.ADMIN_PASSWORD;


/** The desk's data: bench/lib/desk-data.ts (bench:search reuses it with searchable text). */
const seed = () => seedDesk({ articles: ARTICLES, claimsPerArticle: PER_ARTICLE });

type Scenario = { name: string; input: Record<string, string> };


async function queries() {
  const db = await getDb();
  const [editorRow] = await db.all<{ id: string; email: string; name: string; role: "editor"; passwordHash: string }>(sql`SELECT id, email, name, role, password_hash AS passwordHash FROM users WHERE role = 'editor' LIMIT 1`);
  const editor = editorRow!;
  const scenarios: Scenario[] = [
    { name: "default view (date, newest first)", input: {} },
    { name: "filter: state = in progress", input: { state: "in_progress" } },
    { name: "filter: has claims in review", input: { status: "in_review" } },
    { name: "filter: verdict = false", input: { verdict: "false" } },
    { name: "filter: reviewer", input: { reviewer: "00000000-0000-4000-9000-000000000003" } },
    { name: "filter: publisher", input: { publisher: "Morning Post" } },
    { name: "filter: date range (3 months)", input: { from: "2025-04-01", to: "2025-06-30" } },
    { name: "filters combined", input: { publisher: "Morning Post", verdict: "false", from: "2025-01-01", to: "2025-12-31" } },
    { name: "sort: progress", input: { sort: "progress" } },
    { name: "sort: title", input: { sort: "title", dir: "asc" } },
    { name: "sort: last activity", input: { sort: "activity" } },
    { name: "page 200", input: { page: "200" } },
    { name: "page 200, sorted by claims", input: { page: "200", sort: "claims" } },
  ];
  // Baselines: the floor (25 bare rows) and the naive page (counts from the claims table).
  const floor = await timeIt(() => db.all(sql`SELECT id, title, publisher, published_on, created_at FROM articles ORDER BY coalesce(published_on, substr(created_at, 1, 10)) DESC LIMIT 25`), ITERATIONS);
  const naive = await timeIt(
    () =>
      db.all(sql`SELECT a.id, a.title, c.total, c.approved FROM articles a LEFT JOIN (
          SELECT article_id, count(*) AS total, sum(status = 'approved') AS approved, sum(verdict IS NOT NULL) AS checked
          FROM claims WHERE deleted_at IS NULL GROUP BY article_id) c ON c.article_id = a.id
        ORDER BY coalesce(a.published_on, substr(a.created_at, 1, 10)) DESC LIMIT 25`),
    Math.max(5, Math.floor(ITERATIONS / 3)),
  );
  const floorP50 = percentile(floor, 50);
  const naiveP50 = percentile(naive, 50);
  const rows: string[][] = [["query", "p50", "p95", "rows", "× floor (p50)", "naive ÷ this (p50)"]];
  rows.push(["baseline: bare SELECT of 25 article rows (floor)", ms(floorP50, 2), ms(percentile(floor, 95), 2), "25", "1.00×", "–"]);
  rows.push(["baseline: naive page, GROUP BY over all claims", ms(naiveP50, 1), ms(percentile(naive, 95), 1), "25", ratio(naiveP50, floorP50), "1.00×"]);
  const results: { name: string; p50: number; p95: number }[] = [];
  for (const s of scenarios) {
    let count = 0;
    const times = await timeIt(async () => {
      const d = await getDashboard({ actor: editor, input: s.input });
      count = d.totals.articles;
    }, ITERATIONS);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    results.push({ name: s.name, p50, p95 });
    rows.push([`dashboard: ${s.name}`, ms(p50, 1), ms(p95, 1), count.toLocaleString("en"), ratio(p50, floorP50), ratio(naiveP50, p50)]);
  }
  console.log(`\nDashboard queries in-process (getDashboard: totals, 25 rows, verdict totals, months, options), ${ITERATIONS} runs each after 3 warm-ups\n`);
  console.log(table(rows));

  // Event-loop delay while 10 concurrent callers run the mix for a few seconds.
  // Each caller yields to the event loop before its next query, as requests arriving over the network do.
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const until = performance.now() + 8000;
  let done = 0;
  await Promise.all(
    Array.from({ length: 10 }, async (_, k) => {
      for (let i = k; performance.now() < until; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        await getDashboard({ actor: editor, input: scenarios[i % scenarios.length]!.input });
        done++;
      }
    }),
  );
  histogram.disable();
  const loop = { p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
  console.log(`\nEvent-loop delay, 10 concurrent callers for 8 s (${done} dashboard queries, ${(done / 8).toFixed(1)}/s, ${histogram.count} samples): p50 ${ms(loop.p50, 1)}, p99 ${ms(loop.p99, 1)}, max ${ms(loop.max, 1)} (target p99 < 50 ms)`);
  return { editor, results, loop };
}

async function server(editor: { id: string; email: string; name: string; role: "editor"; passwordHash: string }) {
  // A session row for the demo editor, as a sign-in would create (db/queries/sessions.ts); the token names it.
  const sid = randomBytes(32).toString("base64url");
  const sessionEnd = new Date(Date.now() + 12 * 3600_000);
  await (await getDb()).run(sql`INSERT INTO sessions (id, user_id, expires_at) VALUES (${sid}, ${editor.id}, ${sessionEnd.toISOString()})`);
  resetDb(); // the server opens the file itself
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const secret = randomBytes(32).toString("base64url");
  log(`starting next start on port ${port}…`);
  const app: AppServer = startNext({
    root: ROOT,
    port,
    env: { NODE_ENV: "production", PORT: String(port), DATABASE_URL: `file:${dbFile}`, AUTH_SECRET: secret, NEXTAUTH_URL: url, ADMIN_EMAIL: "", ADMIN_PASSWORD: "", NEXT_TELEMETRY_DISABLED: "1" },
  });
  cleanups.push(() => app.stop());
  syncCleanups.push(() => app.kill());
  await waitForHttp(`${url}/api/health`, app, 90_000);
  // A session cookie for the demo editor, signed with the server's secret (what next-auth would set after sign-in).
  const token = await encode({
    token: { sub: editor.id, id: editor.id, role: editor.role, email: editor.email, name: editor.name, sid, sexp: Math.floor(sessionEnd.getTime() / 1000) },
    secret,
  });
  const cookie = `next-auth.session-token=${token}`;
  const probe = await fetch(`${url}/dashboard`, { headers: { cookie }, redirect: "manual" });
  const html = await probe.text();
  if (probe.status !== 200 || !html.includes(">Dashboard</h1>")) throw new Error(`/dashboard did not render for the editor (HTTP ${probe.status})`);
  const sequential: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await (await fetch(`${url}/dashboard`, { headers: { cookie } })).text();
    sequential.push(performance.now() - t);
  }
  log(`one request at a time, GET /dashboard: p50 ${ms(percentile(sequential, 50))}, max ${ms(Math.max(...sequential))} (${(html.length / 1024).toFixed(0)} KiB of HTML)`);

  const targets = [
    { name: "GET /api/health (SELECT 1, the floor)", path: "/api/health", cookie: false },
    { name: "GET /dashboard (default view)", path: "/dashboard", cookie: true },
    { name: "GET /dashboard?verdict=false&sort=progress&page=200", path: "/dashboard?verdict=false&sort=progress&page=200", cookie: true },
    { name: "GET /dashboard?publisher=…&from=…&to=… (filtered)", path: "/dashboard?publisher=Morning+Post&from=2025-04-01&to=2025-09-30", cookie: true },
  ];
  const rows: string[][] = [["page, 10 connections", "req/s", "p50", "p95", "p99", "non-2xx", "p95 × floor"]];
  let floorP95 = Number.NaN;
  const out: { name: string; rps: number; p50: number; p95: number; p99: number }[] = [];
  for (const t of targets) {
    // Warm-up, then the measured run.
    await autocannon({ url: `${url}${t.path}`, connections: 2, duration: 3, headers: t.cookie ? { cookie } : {} });
    const latencies: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: `${url}${t.path}`, connections: 10, duration: DURATION_S, headers: t.cookie ? { cookie } : {} }, (error, r) =>
        error ? reject(error) : resolve(r),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    });
    const p95 = percentile(latencies, 95);
    if (Number.isNaN(floorP95)) floorP95 = p95;
    const entry = { name: t.name, rps: result.requests.average, p50: percentile(latencies, 50), p95, p99: percentile(latencies, 99) };
    out.push(entry);
    rows.push([t.name, entry.rps.toFixed(1), ms(entry.p50), ms(entry.p95), ms(entry.p99), String(result.non2xx), ratio(p95, floorP95)]);
  }
  console.log(`\nThe real page under load: autocannon, 10 connections, ${DURATION_S} s each, after a 3 s warm-up\n`);
  console.log(table(rows));
  return out;
}

async function main() {
  const build = checkBuild();
  log(`build ${build.buildId} (${build.builtAt}); load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
  await seed();
  const { editor, loop } = await queries();
  await server(editor);
  const verdict = loop.p99 < 50 ? "met" : `missed by ${(loop.p99 - 50).toFixed(1)} ms`;
  console.log(`\nEvent-loop delay p99 target (< 50 ms): ${verdict}. Load average at the end: ${os.loadavg()[0]!.toFixed(2)}`);
}

runBench(main, { timeoutMs: 30 * 60_000, tmp, keep: KEEP });

/**
 * bench:search — full-text search over the bench:dashboard desk (10,000
 * articles, 1,000,000 claims by default), with news-like text:
 *
 *   1. migrates a temporary database, seeds it with bench/lib/desk-data.ts
 *      (the generator bench:dashboard uses, `searchText` on), so every row
 *      goes through the search triggers of migration 0004; prints how long
 *      that took and the size of the indexes;
 *   2. times `search()` in-process (what /search runs: three groups, counts,
 *      ranked rows, snippets, details) for two-word queries, prefix queries,
 *      a quoted phrase, a filter and page 5 of one kind; prints p50/p95;
 *   3. baseline in the same run, on the same data: the same two words found
 *      with LIKE '%word%' over the same columns (what a search without an
 *      index costs), with the ratio.
 *
 * Usage: npm run bench:search [-- --articles 10000] [-- --claims-per-article 100] [-- --iterations 30] [-- --keep]
 */
import { mkdtempSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
// The app reads DATABASE_URL on its first connection (getDb), so setting it below, before any query, is enough.
import { getDb } from "@/db";
import { search } from "@/db/queries/search";
import type { SessionUser } from "@/lib/auth";
import { seedDesk } from "./lib/desk-data";
import { log, runBench } from "./lib/env";
import { ms, numberOption, percentile, ratio, table, timeIt } from "./lib/stats";

const argv = process.argv.slice(2);
const ARTICLES = numberOption("articles", 10_000);
const PER_ARTICLE = numberOption("claims-per-article", 100);
const ITERATIONS = numberOption("iterations", 30);
const KEEP = argv.includes("--keep");

const tmp = mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-search-"));
const dbFile = path.join(tmp, "db.sqlite");
process.env.DATABASE_URL = `file:${dbFile}`;
delete process.env.ADMIN_EMAIL;
delete process.env.ADMIN_PASSWORD;


type Scenario = { name: string; input: Record<string, string>; words?: [string, string] };

async function main() {
  log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const t0 = performance.now();
  await seedDesk({ articles: ARTICLES, claimsPerArticle: PER_ARTICLE, searchText: true });
  log(`desk generated through every trigger in ${ms(performance.now() - t0)}`);

  const db = await getDb();
  await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  const [counts = {}] = await db.all<Record<string, number>>(sql`SELECT (SELECT count(*) FROM search_articles) AS articles, (SELECT count(*) FROM search_claims) AS claims,
    (SELECT count(*) FROM claims) AS allClaims`);
  const pages = await db.all<{ name: string; bytes: number }>(sql`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`).catch(() => []);
  const ftsBytes = pages.filter((p) => p.name.startsWith("search_")).reduce((a, p) => a + Number(p.bytes), 0);
  log(
    `indexed: ${Number(counts.articles ?? 0).toLocaleString("en")} articles, ${Number(counts.claims ?? 0).toLocaleString("en")} live claims (of ${Number(counts.allClaims ?? 0).toLocaleString("en")}); ` +
      `database ${(statSync(dbFile).size / 1e6).toFixed(0)} MB${ftsBytes ? `, of which search indexes ${(ftsBytes / 1e6).toFixed(0)} MB` : ""}`,
  );

  const [userRow] = await db.all<{ id: string; email: string; name: string }>(sql`SELECT id, email, name FROM users WHERE role = 'reviewer' LIMIT 1`);
  const actor: SessionUser = { id: userRow!.id, email: userRow!.email, name: userRow!.name, role: "reviewer" };

  const scenarios: Scenario[] = [
    { name: "two words: unemployment Baghdad", input: { q: "unemployment Baghdad" }, words: ["unemployment", "baghdad"] },
    { name: "two words: inflation Lagos", input: { q: "inflation Lagos" }, words: ["inflation", "lagos"] },
    { name: "two words: grain Nairobi", input: { q: "grain Nairobi" }, words: ["grain", "nairobi"] },
    { name: "two words: vaccination Reuters", input: { q: "vaccination Reuters" }, words: ["vaccination", "reuters"] },
    { name: "two prefixes: milit spend", input: { q: "milit spend" }, words: ["milit", "spend"] },
    { name: "two common words: health minister", input: { q: "health minister" }, words: ["health", "minister"] },
    { name: "quoted phrase: \"public debt\"", input: { q: '"public debt" rose' } },
    { name: "short prefix: \"mi\"", input: { q: "mi" } },
    { name: "two words + verdict filter", input: { q: "unemployment Baghdad", verdict: "false" } },
    { name: "two words, claims only, page 5", input: { q: "health minister", kind: "claims", page: "5" } },
  ];

  const rows: string[][] = [["query", "p50", "p95", "claims matched", "LIKE p50", "LIKE ÷ FTS (p50)"]];
  const twoWordTimes: number[] = [];
  const likeTimes: number[] = [];
  const likeRuns = Math.max(3, Math.floor(ITERATIONS / 10));
  for (const s of scenarios) {
    let matched = "";
    const times = await timeIt(async () => {
      const r = await search({ actor, input: s.input });
      if (r.status !== "ok") throw new Error(`${s.name}: ${JSON.stringify(r)}`);
      matched = r.claims ? `${r.claims.total.toLocaleString("en")}${r.claims.capped ? "+" : ""}` : "–";
    }, ITERATIONS);
    if (s.name.startsWith("two words:") || s.name.startsWith("two prefixes") || s.name.startsWith("two common")) twoWordTimes.push(...times);
    let likeP50 = Number.NaN;
    if (s.words) {
      // Baseline: the same two words by LIKE over the same columns, first SEARCH_OVERVIEW_SIZE rows of each kind plus the capped counts.
      const [a, b] = s.words.map((w) => `%${w}%`);
      const like = await timeIt(async () => {
        await db.all(sql`SELECT count(*) FROM (SELECT 1 FROM articles WHERE (title || ' ' || plain_text || ' ' || coalesce(publisher, '') || ' ' || coalesce(author, '')) LIKE ${a}
          AND (title || ' ' || plain_text || ' ' || coalesce(publisher, '') || ' ' || coalesce(author, '')) LIKE ${b} LIMIT 1001)`);
        await db.all(sql`SELECT count(*) FROM (SELECT 1 FROM claims WHERE deleted_at IS NULL
          AND (quote_exact || ' ' || claim_as_checked || ' ' || claimant || ' ' || rationale) LIKE ${a}
          AND (quote_exact || ' ' || claim_as_checked || ' ' || claimant || ' ' || rationale) LIKE ${b} LIMIT 1001)`);
        await db.all(sql`SELECT id FROM claims WHERE deleted_at IS NULL
          AND (quote_exact || ' ' || claim_as_checked || ' ' || claimant || ' ' || rationale) LIKE ${a}
          AND (quote_exact || ' ' || claim_as_checked || ' ' || claimant || ' ' || rationale) LIKE ${b} LIMIT 5`);
      }, likeRuns);
      likeTimes.push(...like);
      likeP50 = percentile(like, 50);
    }
    const p50 = percentile(times, 50);
    rows.push([`search(): ${s.name}`, ms(p50, 1), ms(percentile(times, 95), 1), matched, ms(likeP50, 0), Number.isNaN(likeP50) ? "–" : ratio(likeP50, p50)]);
  }
  console.log(`\nsearch() in-process over ${ARTICLES.toLocaleString("en")} articles and ${(ARTICLES * PER_ARTICLE).toLocaleString("en")} claims, ${ITERATIONS} runs each after 3 warm-ups (LIKE baseline: ${likeRuns} runs)\n`);
  console.log(table(rows));
  const p95 = percentile(twoWordTimes, 95);
  const likeP95 = percentile(likeTimes, 95);
  console.log(`\nTwo-word queries together: p95 ${ms(p95, 1)} (target < 50 ms: ${p95 < 50 ? "met" : "NOT met"}); LIKE baseline p95 ${ms(likeP95, 0)}; ratio ${ratio(likeP95, p95)}.`);
  console.log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores.`);
}

runBench(main, { timeoutMs: 60 * 60_000, tmp, keep: KEEP });

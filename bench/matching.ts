/**
 * bench:matching — "Checked before" (db/queries/matching.ts) against plain
 * FTS5 BM25, on the labelled set bench/data/matching-set.txt:
 *   110 checked claims (100 with queries, 10 near misses of them: another
 *   figure, place or year), 200 paraphrase queries and 137 hard negatives.
 *
 *   1. migrates a temporary database and seeds the bench:dashboard desk with
 *      news-like text (bench/lib/desk-data.ts: "<topic> had <risen|fallen>
 *      by N per cent in <place>", so the background is full of near misses);
 *      then adds the labelled claims, approved, through the same triggers;
 *   2. runs every query through rankCheckedBefore() (what the claim panel
 *      shows) and through the baseline: the query's words OR-ed in FTS5 and
 *      ranked by bm25(), claims with a verdict only, top 5;
 *   3. prints precision@1, recall@5 and MRR over the paraphrases, hard
 *      negatives ranked first (and shown at all), and p50/p95 latency of
 *      both, with the ratio.
 *
 * Usage: npm run bench:matching [-- --articles 200] [-- --claims-per-article 50] [-- --keep] [-- --reuse DIR]
 *   The latency target is for 1,000,000 claims: --articles 10000 --claims-per-article 100.
 *   --keep leaves the seeded database in a temporary directory; --reuse DIR
 *   measures on that database again without seeding (same labelled set).
 *   --sample N runs every k-th query only, N in all (at a million claims the
 *   BM25 baseline takes seconds a query).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
// The app reads DATABASE_URL on its first connection (getDb), so setting it below, before any query, is enough.
import { getDb } from "@/db";
import { rankCheckedBefore } from "@/db/queries/matching";
import { indexTokens } from "@/lib/matching/terms";
import { seedDesk } from "./lib/desk-data";
import { log, runBench } from "./lib/env";
import { ms, numberOption, percentile, ratio, table } from "./lib/stats";

const argv = process.argv.slice(2);
const ARTICLES = numberOption("articles", 200);
const PER_ARTICLE = numberOption("claims-per-article", 50);
const REUSE = argv.includes("--reuse") ? argv[argv.indexOf("--reuse") + 1] : undefined;
const KEEP = argv.includes("--keep") || REUSE !== undefined;
const SAMPLE = numberOption("sample", 0);

const tmp = REUSE ?? mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-matching-"));
if (REUSE && !existsSync(path.join(REUSE, "db.sqlite"))) throw new Error(`--reuse ${REUSE}: no db.sqlite there`);
process.env.DATABASE_URL = `file:${path.join(tmp, "db.sqlite")}`;
delete process.env.ADMIN_EMAIL;
delete process.env.ADMIN_PASSWORD;

type Query = { text: string; target: string } | { text: string; target: null; nearMiss: string; kind: string };

export function readLabelledSet(file = path.join(process.cwd(), "bench/data/matching-set.txt")) {
  const corpus: { id: string; text: string }[] = [];
  const queries: Query[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [tag, id = "", a = "", b] = line.split("|");
    if (tag === "C") corpus.push({ id, text: a });
    else if (tag === "P") queries.push({ text: a, target: id });
    else if (tag === "N") queries.push({ text: b ?? "", target: null, nearMiss: id, kind: a });
    else throw new Error(`bad line in the labelled set: ${line}`);
  }
  return { corpus, queries };
}

async function addLabelledClaims(corpus: { id: string; text: string }[]): Promise<Map<string, string>> {
  const db = await getDb();
  const articleId = "0abe11ed-0000-4000-8000-000000000001";
  const text = corpus.map((c) => c.text).join("\n\n");
  const doc = { type: "doc", content: corpus.map((c) => ({ type: "paragraph", content: [{ type: "text", text: c.text }] })) };
  await db.run(sql`INSERT INTO articles (id, title, content, plain_text, text_hash) VALUES (${articleId}, 'Labelled claims', ${JSON.stringify(doc)}, ${text}, 'x')`);
  const [verdict] = await db.all<{ key: string }>(sql`SELECT key FROM verdict_scale ORDER BY position LIMIT 1`);
  const ids = new Map<string, string>();
  // Ids made from the position in the set, so --reuse finds them again.
  let start = 0;
  for (const [n, c] of corpus.entries()) {
    const id = `0abe11ed-${String(n).padStart(4, "0")}-4000-8000-000000000000`;
    const length = [...c.text].length;
    await db.run(sql`INSERT INTO claims (id, article_id, quote_exact, quote_prefix, quote_suffix, position_start, position_end, claim_as_checked, verdict, status, approved_at)
      VALUES (${id}, ${articleId}, ${c.text}, '', '', ${start}, ${start + length}, ${c.text}, ${verdict!.key}, 'approved', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
    ids.set(id, c.id);
    start += length + 2;
  }
  return ids;
}

/** The baseline: the query's words in FTS5, any of them, ranked by BM25. */
async function bm25Baseline(text: string): Promise<string[]> {
  const db = await getDb();
  const tokens = [...new Set(indexTokens(text))];
  if (!tokens.length) return [];
  const match = `{quote claim} : (${tokens.map((t) => `"${t}"`).join(" OR ")})`;
  const rows = await db.all<{ id: string }>(sql`SELECT k.ref_id AS id
    FROM (SELECT rowid AS doc, rank FROM search_claims WHERE search_claims MATCH ${match} ORDER BY rank LIMIT 50) f
    JOIN search_keys k ON k.doc = f.doc JOIN claims c ON c.id = k.ref_id
    WHERE c.verdict IS NOT NULL AND c.deleted_at IS NULL ORDER BY f.rank LIMIT 5`);
  return rows.map((r) => String(r.id));
}

type Scores = { p1: number; r5: number; mrr: number; negFirst: number; negShown: number; times: number[]; firstByKind: Map<string, number> };

async function evaluate(queries: Query[], labels: Map<string, string>, rank: (text: string) => Promise<string[]>): Promise<Scores> {
  const s: Scores = { p1: 0, r5: 0, mrr: 0, negFirst: 0, negShown: 0, times: [], firstByKind: new Map() };
  let positives = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const ranked = (await rank(q.text)).map((id) => labels.get(id) ?? id);
    s.times.push(performance.now() - t0);
    if (q.target !== null) {
      positives++;
      const at = ranked.slice(0, 5).indexOf(q.target);
      if (at === 0) s.p1++;
      if (at >= 0) {
        s.r5++;
        s.mrr += 1 / (at + 1);
      }
    } else {
      if (ranked[0] === q.nearMiss) {
        s.negFirst++;
        s.firstByKind.set(q.kind, (s.firstByKind.get(q.kind) ?? 0) + 1);
      }
      if (ranked.slice(0, 5).includes(q.nearMiss)) s.negShown++;
    }
  }
  s.p1 /= positives;
  s.r5 /= positives;
  s.mrr /= positives;
  return s;
}

async function main() {
  log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const labelled = readLabelledSet();
  const { corpus } = labelled;
  const step = SAMPLE > 0 ? Math.max(1, Math.floor(labelled.queries.length / SAMPLE)) : 1;
  const queries = labelled.queries.filter((_, i) => i % step === 0).slice(0, SAMPLE > 0 ? SAMPLE : undefined);
  const positives = queries.filter((q) => q.target).length;
  log(`labelled set: ${corpus.length} checked claims, ${queries.length} queries (${positives} paraphrases, ${queries.length - positives} hard negatives)`);
  let labels: Map<string, string>;
  if (REUSE) {
    labels = new Map(corpus.map((c, n) => [`0abe11ed-${String(n).padStart(4, "0")}-4000-8000-000000000000`, c.id]));
  } else {
    await seedDesk({ articles: ARTICLES, claimsPerArticle: PER_ARTICLE, searchText: true });
    labels = await addLabelledClaims(corpus);
  }
  const db = await getDb();
  const [count] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM claims WHERE deleted_at IS NULL`);
  log(`desk: ${Number(count?.n ?? 0).toLocaleString("en")} live claims`);

  // Warm-up: the word vectors load once per process.
  for (const q of queries.slice(0, 10)) await rankCheckedBefore(q.text);
  const app = await evaluate(queries, labels, async (text) => (await rankCheckedBefore(text)).map((m) => m.claimId));
  const base = await evaluate(queries, labels, bm25Baseline);

  const f = (n: number) => n.toFixed(3);
  const kinds = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  console.log(`\nChecked before over ${Number(count?.n ?? 0).toLocaleString("en")} claims; ${positives} paraphrases, ${queries.length - positives} hard negatives\n`);
  console.log(
    table([
      ["", "precision@1", "recall@5", "MRR", "hard negatives ranked first", "… shown in top 5", "p50", "p95"],
      ["Checked before", f(app.p1), f(app.r5), f(app.mrr), `${app.negFirst} (${kinds(app.firstByKind)})`, String(app.negShown), ms(percentile(app.times, 50), 1), ms(percentile(app.times, 95), 1)],
      ["FTS5 BM25 (baseline)", f(base.p1), f(base.r5), f(base.mrr), `${base.negFirst} (${kinds(base.firstByKind)})`, String(base.negShown), ms(percentile(base.times, 50), 1), ms(percentile(base.times, 95), 1)],
    ]),
  );
  console.log(
    `\nMRR gain over BM25: ${(app.mrr - base.mrr).toFixed(3)} (target ≥ 0.1); recall@5 ${f(app.r5)} (target ≥ 0.9); hard negatives first: ${app.negFirst} (target 0).` +
      `\nLatency p95 ${ms(percentile(app.times, 95), 1)} vs BM25 ${ms(percentile(base.times, 95), 1)}: ratio ${ratio(percentile(app.times, 95), percentile(base.times, 95))} (target < 100 ms at 1,000,000 claims).`,
  );
  console.log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores.`);
}

runBench(main, { timeoutMs: 60 * 60_000, tmp, keep: KEEP });

/**
 * bench:export — rendering every export format for a 100,000-word article
 * with 2,000 claims (200 of them overlapping another), against a baseline in
 * the same process (`JSON.stringify` of the same bundle: the least any export
 * of this data can cost), then loading the bundle from a temporary database.
 *
 *   1. generates the article (Markdown → the app's own importer) and claims
 *      with bench/lib/data.ts, as bench:open does;
 *   2. builds the ExportBundle in memory (names, approval dates, sources);
 *   3. renders each format `--warmup` times, then `--runs` times, and prints
 *      the median of each, their sum, one timed pass of all six in a row,
 *      and the ratio to the baseline;
 *   4. unless `--no-db`: migrates and seeds a temporary database, writes the
 *      article and claims into it and times `loadExportBundle` (median), then
 *      deletes the folder.
 *
 * Usage: npm run bench:export [-- --runs 7] [-- --warmup 2] [-- --no-db]
 * (tsx with the react-server condition, so `server-only` imports resolve to
 * their empty module outside Next.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EXPORT_FORMATS, EXPORT_FORMAT_KEYS, type ExportFormat } from "@/lib/export";
import type { ExportBundle, ExportClaim } from "@/lib/export/bundle";
import { DEFAULT_VERDICT_SCALE } from "@/lib/verdicts";
import { generateData } from "./lib/data";
import { CLAIMS, OVERLAPPING, REVIEWER, WORDS } from "./lib/env";
import { median, ms, numberOption, ratio, table } from "./lib/stats";

const argv = process.argv.slice(2);
const RUNS = numberOption("runs", 7);
const WARMUP = numberOption("warmup", 2);
const WITH_DB = !argv.includes("--no-db");
const log = (message: string) => console.log(`[bench] ${message}`);

/**
 * Wall time and the process's CPU time (user + system) of one call. On a
 * shared machine the wall time includes waiting for a core; the CPU time is
 * the work itself (it also counts GC helper threads, so it errs high).
 */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

type Measured = { median: number; min: number; max: number; cpu: number };

function measure(fn: () => unknown): Measured {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples = Array.from({ length: RUNS }, () => time(fn));
  const wall = samples.map((s) => s.wall);
  return { median: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpu: median(samples.map((s) => s.cpu)) };
}

async function main() {
  log(`generating a ${WORDS.toLocaleString("en")}-word article with ${CLAIMS} claims (${OVERLAPPING} overlapping)…`);
  const data = generateData(WORDS, CLAIMS, OVERLAPPING);
  const id = "5ca1ab1e-0000-4000-8000-000000000001";
  const origin = "http://localhost:3000";
  const claims: ExportClaim[] = data.claims
    .map((c) => ({
      id: c.id,
      quote: { exact: c.selectors.quote.exact, prefix: c.selectors.quote.prefix, suffix: c.selectors.quote.suffix },
      position: { start: c.selectors.position.start, end: c.selectors.position.end },
      claimAsChecked: c.selectors.quote.exact.replace(/\s+/g, " ").trim(),
      claimant: c.claimant,
      verdict: c.verdict,
      rationale: c.rationale,
      status: c.status as ExportClaim["status"],
      createdAt: "2024-11-02T09:00:00.000Z",
      updatedAt: "2024-11-03T10:00:00.000Z",
      createdByName: "Riley Reviewer",
      approvedAt: c.status === "approved" ? "2024-11-04T11:00:00.000Z" : null,
      approvedByName: c.status === "approved" ? "Eden Editor" : null,
      sources: c.sources.map((s) => ({ ...s, excerpt: "", stance: s.stance as ExportClaim["sources"][number]["stance"], accessedOn: "2024-11-02" })),
    }))
    .sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
  const bundle: ExportBundle = {
    article: {
      id,
      title: "Benchmark: a 100,000-word investigation with 2,000 claims",
      language: "en",
      sourceUrl: "https://news.example.org/long-read",
      publisher: "Example News",
      author: "Bench Writer",
      publishedOn: "2024-11-01",
      createdAt: "2024-11-01T08:00:00.000Z",
      updatedAt: "2024-11-01T08:00:00.000Z",
      plainText: data.plainText,
      content: data.doc,
      textHash: "",
      publishedAt: null,
    publishedScope: null,
    },
    claims,
    scale: DEFAULT_VERDICT_SCALE,
    scope: "all",
    exportedAt: new Date().toISOString(),
    workflow: true,
    organization: { name: "Example Fact Check", url: "https://factcheck.example.org/" },
    origin,
    publishedUrl: `${origin}/published/${id}`,
  };
  log(`${data.words.toLocaleString("en")} words, ${data.plainText.length.toLocaleString("en")} characters, ${claims.length} claims (${data.nested} nested, ${data.partial} partly overlapping)`);
  log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}; ${WARMUP} warm-up + ${RUNS} timed runs each`);

  const baseline = measure(() => JSON.stringify(bundle));
  const results = new Map<ExportFormat, Measured & { bytes: number }>();
  for (const key of EXPORT_FORMAT_KEYS) {
    const spec = EXPORT_FORMATS[key];
    const bytes = Buffer.byteLength(spec.render(bundle));
    results.set(key, { ...measure(() => spec.render(bundle)), bytes });
  }
  const allInRow = measure(() => {
    for (const key of EXPORT_FORMAT_KEYS) EXPORT_FORMATS[key].render(bundle);
  });
  const sum = [...results.values()].reduce((s, r) => s + r.median, 0);

  const sumCpu = [...results.values()].reduce((s, r) => s + r.cpu, 0);
  const rows = [["format", "median", "min", "max", "CPU (median)", "output", "vs baseline"]];
  for (const [key, r] of results) {
    rows.push([EXPORT_FORMATS[key].label, ms(r.median, 1), ms(r.min, 1), ms(r.max, 1), ms(r.cpu, 1), `${(r.bytes / 1024).toFixed(0)} KiB`, ratio(r.median, baseline.median)]);
  }
  rows.push(["sum of medians", ms(sum, 1), "", "", ms(sumCpu, 1), "", ratio(sum, baseline.median)]);
  rows.push(["all six in a row", ms(allInRow.median, 1), ms(allInRow.min, 1), ms(allInRow.max, 1), ms(allInRow.cpu, 1), "", ratio(allInRow.median, baseline.median)]);
  rows.push([
    "baseline: JSON.stringify(bundle)",
    ms(baseline.median, 1),
    ms(baseline.min, 1),
    ms(baseline.max, 1),
    ms(baseline.cpu, 1),
    `${(Buffer.byteLength(JSON.stringify(bundle)) / 1024).toFixed(0)} KiB`,
    "1.00×",
  ]);
  console.log("\n" + table(rows) + "\n");
  log(`target: all formats together < 500 ms → ${allInRow.median < 500 ? "met" : "NOT met"} (wall ${ms(allInRow.median, 1)}, CPU ${ms(allInRow.cpu, 1)}, load ${os.loadavg()[0]!.toFixed(2)})`);

  if (WITH_DB) await measureLoad(data);
}

async function measureLoad(data: ReturnType<typeof generateData>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-export-"));
  try {
    const dbFile = path.join(dir, "bench.db");
    process.env.DATABASE_URL = `file:${dbFile}`;
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    const { runMigrations } = await import("@/db/migrate");
    const { seedDatabase } = await import("@/db/seed");
    const { resetDb } = await import("@/db");
    const { loadExportBundle } = await import("@/db/queries/export");
    await runMigrations();
    await seedDatabase({});
    const articleId = await (await import("./lib/data")).insertData(dbFile, data, REVIEWER.email);
    const load = (scope: "all" | "approved") => loadExportBundle({ articleId, scope, origin: "http://localhost:3000" });
    const samples: number[] = [];
    const approvedSamples: number[] = [];
    for (let i = 0; i < WARMUP; i++) await load("all");
    let claimCount = 0;
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      claimCount = (await load("all")).claims.length;
      samples.push(performance.now() - t0);
      t0 = performance.now();
      await load("approved");
      approvedSamples.push(performance.now() - t0);
    }
    const rows = [
      ["loadExportBundle (embedded libSQL)", "median", "min", "max"],
      [`scope all (${claimCount} claims)`, ms(median(samples), 1), ms(Math.min(...samples), 1), ms(Math.max(...samples), 1)],
      ["scope approved", ms(median(approvedSamples), 1), ms(Math.min(...approvedSamples), 1), ms(Math.max(...approvedSamples), 1)],
    ];
    console.log("\n" + table(rows) + "\n");
    resetDb();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

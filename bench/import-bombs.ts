/**
 * bench:import-bombs — what each pathological document (lib/import/fixtures/bombs.ts)
 * costs the server's event loop, before and after issue 8.
 *
 * - baseline: the old importer (marked for Markdown, then the same sanitiser
 *   and ProseMirror parse) called on the main thread, as the server did: the
 *   whole parse is time the event loop is blocked. Each bomb runs in a child
 *   process capped at --cap seconds (marked needs ~100 s for 500 KB of `*a`).
 * - app: `importDocument` (lib/import/pool.ts) as the server calls it now:
 *   markdown-it in the worker pool with its time limit (IMPORT_TIMEOUT_MS,
 *   default 5 s). Reported: the outcome, the wall time until the answer, and
 *   the longest the main thread's event loop was stalled meanwhile (probed
 *   every 5 ms).
 * - worker start-up: from source (tsx, as here) and, when a production build
 *   exists, the worker chunk Turbopack emitted, started with plain Node.
 *
 * Usage: npm run bench:import-bombs [-- --cap 30] [-- --only <substring>] [-- --no-baseline]
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { BOMBS } from "@/lib/import/fixtures/bombs";
import { htmlToDocument } from "@/lib/import/html";
import { toArticleDocument } from "@/lib/import";
import { prepareClaimdeskImport } from "@/lib/import/claimdesk-json";
import { cleanDocument } from "@/lib/import/normalize";
import { getImportPool, importDocument } from "@/lib/import/pool";
import { oldMarkdownToHtml } from "./lib/marked-importer";
import { median, table } from "./lib/stats";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const CAP_S = Number(option("cap") ?? 30);
const ONLY = option("only");
const bombs = BOMBS.filter((b) => !ONLY || b.name.includes(ONLY));

const outcomeOf = (error: unknown) => (error instanceof Error ? `refused: ${error.message.slice(0, 38)}…` : "document");

// A child process: one bomb through the old importer, on its own main thread.
if (option("baseline-one") !== undefined) {
  const bomb = BOMBS[Number(option("baseline-one"))]!;
  const body = bomb.make();
  toArticleDocument({ format: "text", body: "warm" });
  const started = performance.now();
  let error: unknown = null;
  try {
    if (bomb.format === "markdown") cleanDocument(htmlToDocument(oldMarkdownToHtml(body)));
    else toArticleDocument({ format: bomb.format, body });
  } catch (e) {
    error = e;
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, outcome: outcomeOf(error) }));
  process.exit(0);
}

function baseline(index: number): Promise<{ ms: number | null; outcome: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...process.execArgv, process.argv[1]!, "--baseline-one", String(index)],
      { timeout: CAP_S * 1000, maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error && !stdout) return resolve({ ms: null, outcome: (error as { killed?: boolean }).killed ? `> ${CAP_S} s (stopped)` : `crashed: ${String(error.message).split("\n")[0]!.slice(0, 40)}` });
        const parsed = JSON.parse(stdout) as { ms: number; outcome: string };
        resolve(parsed);
      },
    );
  });
}

async function app(body: string, format: (typeof BOMBS)[number]["format"]) {
  let last = performance.now();
  let stall = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  const started = performance.now();
  let error: unknown = null;
  try {
    await importDocument({ format, body });
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  clearInterval(probe);
  return { ms, stall, outcome: outcomeOf(error) };
}

/** A valid Claimdesk JSON export near the 10 MB limit: a ~1.9 MB article and 6,000 claims with sources. */
function bigClaimdeskJson(): string {
  const paragraphs = Array.from({ length: 9000 }, (_, i) => `Paragraph ${i}: the council said spending on roads rose by ${i % 97}% and nobody disputed it at the time, according to the minutes.`);
  const { doc, plainText } = toArticleDocument({ format: "text", body: paragraphs.join("\n\n") });
  const claims = Array.from({ length: 6000 }, (_, i) => {
    const exact = `spending on roads rose by ${i % 97}%`;
    const start = plainText.indexOf(exact, plainText.indexOf(`Paragraph ${i}:`));
    return {
      quote: { exact, prefix: plainText.slice(Math.max(0, start - 32), start), suffix: plainText.slice(start + exact.length, start + exact.length + 32) },
      position: { start, end: start + exact.length },
      claimAsChecked: `Road spending rose ${i % 97}%`,
      claimant: "The council",
      verdict: i % 3 ? "false" : null,
      rationale: "The budget documents show otherwise. ".repeat(20),
      status: "in_review",
      sources: [{ url: `https://example.org/budget/${i}`, title: "Budget", publisher: "Council", excerpt: "", stance: "refutes", accessedOn: null }],
    };
  });
  return JSON.stringify({ format: "claimdesk-article", version: 1, scope: "all", article: { id: "x", title: "Big export", text: plainText, content: doc }, claims });
}

async function builtWorkerStartMs(): Promise<number[] | null> {
  const dir = path.join(process.cwd(), ".next/server/chunks");
  if (!existsSync(dir)) return null;
  const entry = readdirSync(dir).find((f) => f.startsWith("[worker thread]") && f.includes("lib_import_worker_ts") && f.endsWith(".js"));
  if (!entry) return null;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const worker = new Worker(path.join(dir, entry));
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    times.push(performance.now() - started);
    await worker.terminate();
  }
  return times;
}

async function main() {
  const pool = getImportPool();
  await pool.run({ kind: "document", format: "text", body: "warm" });
  console.log(`Node ${process.version}; import time limit ${pool.options.timeoutMs} ms, ${pool.options.size} workers; baseline capped at ${CAP_S} s\n`);

  const rows = [["bomb", "KB", "baseline: event loop blocked", "baseline outcome", "app: answer", "app: longest main-thread stall", "app outcome"]];
  for (const bomb of bombs) {
    const body = bomb.make();
    const base = argv.includes("--no-baseline") ? { ms: null, outcome: "–" } : await baseline(BOMBS.indexOf(bomb));
    const now = await app(body, bomb.format);
    const row = [
      bomb.name,
      (body.length / 1024).toFixed(0),
      base.ms === null ? base.outcome.startsWith(">") ? base.outcome : "–" : `${base.ms.toFixed(0)} ms`,
      base.ms === null && base.outcome.startsWith(">") ? "–" : base.outcome,
      `${now.ms.toFixed(0)} ms`,
      `${now.stall.toFixed(0)} ms`,
      now.outcome,
    ];
    rows.push(row);
    console.log(row.join(" | "));
  }
  console.log("\n" + table(rows));

  // The Claimdesk JSON re-import: what it would block on the main thread, and what it blocks through the pool.
  const json = bigClaimdeskJson();
  const keys = ["false", "mostly_false", "mixed", "mostly_true", "true", "unverifiable"];
  const inline = performance.now();
  prepareClaimdeskImport(json, keys);
  const inlineMs = performance.now() - inline;
  let last = performance.now();
  let stall = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  const pooled = performance.now();
  const prepared = await pool.run({ kind: "claimdesk-json", text: json, verdictKeys: keys });
  const pooledMs = performance.now() - pooled;
  clearInterval(probe);
  console.log(
    `\nClaimdesk JSON of ${(json.length / 1024 / 1024).toFixed(1)} MB (${prepared.claims.length} claims): on the main thread ${inlineMs.toFixed(0)} ms blocked; ` +
      `through the pool ${pooledMs.toFixed(0)} ms to the answer, longest main-thread stall ${stall.toFixed(0)} ms (receiving the result)`,
  );

  const source = pool.stats.startMs;
  console.log(`\nworker start-up from source (tsx): ${source.map((t) => t.toFixed(0)).join(", ")} ms`);
  const built = await builtWorkerStartMs();
  console.log(built ? `worker start-up, production build's worker chunk: median ${median(built).toFixed(0)} ms (${built.map((t) => t.toFixed(0)).join(", ")})` : "no production build: run `npx next build` to time its worker chunk");
  await pool.close();
}

if (option("baseline-one") === undefined) void main();

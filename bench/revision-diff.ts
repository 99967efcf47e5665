/**
 * The Revisions view's work on the 100,000-word article (bench/lib/generate.ts):
 * the word diff between two revisions (lib/anchoring/word-diff.ts, run in
 * the import worker by db/queries/revision-view.ts), its word counts, and
 * turning it into the page's pieces with 2,000 claims marked and unchanged
 * text folded (lib/revision-diff.ts, also in the worker). The
 * second revision changes about 5 % of paragraphs: a word replaced in every
 * 40th, a sentence inserted at the start of every 40th (offset by 20), and
 * every 200th deleted.
 *
 * Baseline, in the same run: diff-match-patch's own character diff of the
 * two whole texts with its semantic cleanup (what a straightforward
 * implementation would run), under the same one-second budget.
 *
 * Also printed: what listing N revisions would cost if the counts were
 * computed on every view instead of once when a revision is saved.
 *
 * Usage: npx tsx bench/revision-diff.ts [-- --runs 5 --words 100000 --claims 2000]
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import DiffMatchPatch from "diff-match-patch";
import { generateArticleMarkdown, pickClaimRanges } from "./lib/generate";
import { median, ms, numberOption, ratio } from "./lib/stats";

const RUNS = numberOption("runs", 5);
const WORDS = numberOption("words", 100_000);
const CLAIMS = numberOption("claims", 2000);

async function main() {
  const { toArticleDocument } = await import("@/lib/import");
  const { countWordChanges, wordDiff } = await import("@/lib/anchoring/word-diff");
  const { diffPieces } = await import("@/lib/revision-diff");
  const loadavg = [os.loadavg()[0]!];

  const { markdown } = generateArticleMarkdown(20241101, WORDS);
  const oldText = toArticleDocument({ format: "markdown", body: markdown }).plainText;
  const paragraphs = oldText.split("\n\n");
  const edited: string[] = [];
  paragraphs.forEach((p, i) => {
    if (i % 200 === 199) return; // deleted
    let q = p;
    if (i % 40 === 0) q = q.replace(/\b(\p{L}{5,})\b/u, "rewritten");
    if (i % 40 === 20) q = `An inserted sentence for the bench. ${q}`;
    edited.push(q);
  });
  const newText = edited.join("\n\n");
  const { ranges } = pickClaimRanges(7, newText, CLAIMS, 0, () => false);

  const app: number[] = [];
  const pieces: number[] = [];
  const base: number[] = [];
  let counts = { added: 0, removed: 0 };
  let shown = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    const parts = wordDiff(oldText, newText);
    counts = countWordChanges(parts);
    app.push(performance.now() - t);

    t = performance.now();
    const out = diffPieces(parts, ranges);
    pieces.push(performance.now() - t);
    shown = out.reduce((n, p) => n + ("text" in p ? p.text.length : 0), 0);

    t = performance.now();
    const dmp = new DiffMatchPatch();
    dmp.Diff_Timeout = 1;
    const d = dmp.diff_main(oldText, newText);
    dmp.diff_cleanupSemantic(d);
    base.push(performance.now() - t);
    loadavg.push(os.loadavg()[0]!);
  }
  const appMs = median(app);
  const words = oldText.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  console.log(`Revision diff, ${words.toLocaleString("en-GB")} words (${oldText.length.toLocaleString("en-GB")} characters), ${ranges.length} claims, ${RUNS} runs, medians`);
  console.log(`  word diff + counts (worker):          ${ms(appMs, 1)}   (+${counts.added} / −${counts.removed} words)`);
  console.log(`  pieces with claims, folded (worker):  ${ms(median(pieces), 1)}   (${shown.toLocaleString("en-GB")} characters shown of ${newText.length.toLocaleString("en-GB")})`);
  console.log(`  baseline: diff-match-patch chars:     ${ms(median(base), 1)}`);
  console.log(`  ratio app/baseline:                   ${ratio(appMs, median(base))}`);
  for (const n of [10, 50]) console.log(`  a list of ${n} revisions diffed per view would cost ${ms(appMs * n)}; stored at save: 0 ms`);
  console.log(`  load average (1 min) during the run: ${loadavg.map((l) => l.toFixed(2)).join(" → ")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

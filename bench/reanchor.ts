/**
 * Re-anchoring benchmark: how well and how fast claims follow an edit of a
 * 100,000-word article with 2,000 claims.
 *
 * A deterministic edit set touches about 5 % of the paragraphs: words
 * inserted, deleted and replaced outside claims, paragraphs moved, one to
 * three characters changed inside quotes, paragraphs holding claims deleted.
 * The truth for every claim follows from the edits themselves (which block it
 * is in, where in the block, which characters changed), not from any
 * matcher. The same edit set is then run
 *   - as editor steps (one ProseMirror transaction) through reanchorThroughSteps,
 *   - as a new plain-text version through reanchorThroughTextDiff,
 *   - and, as the baseline, through a Hypothesis-style matcher in the same
 *     process: approx-string-match over the whole text, exact match first,
 *     score (50·quote + 20·prefix + 20·suffix + 2·position)/92, no floor.
 *
 * Each result is scored against the truth: correct (state and range exact),
 * boundary off (on the right passage, edges or changed/unchanged state wrong),
 * misplaced (on another passage, or placed although its words are gone),
 * lost (orphaned although its words are there).
 *
 * Then two worst cases for the text diff, timed: every paragraph reordered,
 * and an unrelated article of the same length.
 *
 *   npm run bench:reanchor -- [--runs N]
 */
import os from "node:os";
import approxSearch from "approx-string-match";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";

import { createTextModel } from "@/lib/anchoring";
import { reanchorThroughSteps, reanchorThroughTextDiff, type ClaimAnchorInput, type ClaimAnchorResult, type AnchorState } from "@/lib/anchoring/reanchor";
import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText, walkDocument, type DocNode } from "@/lib/article-text";
import { toArticleDocument } from "@/lib/import";
import { generateData } from "./lib/data";
import { CLAIMS, OVERLAPPING, WORDS } from "./lib/env";
import { createRng, generateArticleMarkdown } from "./lib/generate";
import { median, ms, numberOption, ratio, table } from "./lib/stats";

const RUNS = numberOption("runs", 5);
const EDITED_SHARE = 0.05;
const log = (message: string) => console.log(`[bench] ${message}`);

type Truth = { state: AnchorState; start16: number; end16: number };
type Edit =
  | { kind: "insert"; block: number; at: number; text: string }
  | { kind: "delete"; block: number; from: number; to: number }
  | { kind: "replace"; block: number; from: number; to: number; text: string }
  | { kind: "chars"; block: number; at: number[]; chars: string[] }
  | { kind: "move"; block: number; before: number }
  | { kind: "remove"; block: number };

const FILLER = ["officials", "reportedly", "last week", "in a statement", "again", "according to aides", "on Monday", "quietly"] as const;

// ------------------------------------------------------------------ the edit set and its truth

function buildScenario() {
  const data = generateData(WORDS, CLAIMS, OVERLAPPING);
  const walk = walkDocument(data.doc);
  const blocks = walk.blocks;
  const texts = blocks.map((b) => walk.text.slice(b.textStart, b.textEnd));
  // Claims of the generator never cross a block; find each one's block and in-block range.
  const claimBlock = data.claims.map((c) => {
    const b = blocks.findIndex((x) => x.textStart <= c.start16 && c.end16 <= x.textEnd);
    if (b < 0) throw new Error("a generated claim crosses blocks");
    return b;
  });
  const claimsIn = blocks.map(() => [] as number[]);
  claimBlock.forEach((b, i) => claimsIn[b]!.push(i));
  const local = (i: number) => {
    const c = data.claims[i]!;
    const base = blocks[claimBlock[i]!]!.textStart;
    return { start: c.start16 - base, end: c.end16 - base };
  };
  /** In-block offsets of word starts/ends at least two characters away from every claim of the block. */
  const freeWords = (b: number) => {
    const text = texts[b]!;
    const ranges = claimsIn[b]!.map(local);
    const out: { from: number; to: number }[] = [];
    for (const m of text.matchAll(/[A-Za-z]+/g)) {
      const from = m.index;
      const to = from + m[0].length;
      if (from < 2 || text[from - 1] !== " " || text[to] !== " ") continue;
      if (ranges.some((r) => r.start < to + 2 && r.end > from - 2)) continue;
      out.push({ from, to });
    }
    return out;
  };

  const r = createRng(20261201);
  const paragraphs = blocks.map((b, i) => (b.node.type === "paragraph" ? i : -1)).filter((i) => i >= 0);
  const order = [...paragraphs];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const target = Math.round(paragraphs.length * EDITED_SHARE);
  const plan: Edit["kind"][] = ["insert", "chars", "replace", "delete", "move", "insert", "chars", "remove", "replace", "move"];
  const edits: Edit[] = [];
  const touched = new Set<number>();
  const destinations = new Set<number>();
  for (const b of order) {
    if (edits.length >= target) break;
    const kind = plan[edits.length % plan.length]!;
    const hasClaims = claimsIn[b]!.length > 0;
    const free = freeWords(b);
    if (touched.has(b) || destinations.has(b) || touched.has(b - 1) || touched.has(b + 1)) continue;
    if ((kind === "chars" || kind === "remove" || kind === "move") && !hasClaims) continue;
    if ((kind === "insert" || kind === "delete" || kind === "replace") && free.length === 0) continue;
    if (kind === "insert") {
      const w = r.pick(free);
      edits.push({ kind, block: b, at: w.to, text: ` ${r.pick(FILLER)}` });
    } else if (kind === "delete") {
      const w = r.pick(free);
      edits.push({ kind, block: b, from: w.from - 1, to: w.to });
    } else if (kind === "replace") {
      const w = r.pick(free);
      edits.push({ kind, block: b, from: w.from, to: w.to, text: r.pick(FILLER) });
    } else if (kind === "chars") {
      const c = local(r.pick(claimsIn[b]!));
      const text = texts[b]!;
      const letters = [...Array(c.end - c.start).keys()].map((k) => c.start + k).filter((k) => /[a-z]/.test(text[k]!));
      const n = Math.min(letters.length, r.int(1, 3));
      const at = new Set<number>();
      while (at.size < n) at.add(r.pick(letters));
      const sorted = [...at].sort((x, y) => x - y);
      edits.push({ kind, block: b, at: sorted, chars: sorted.map((k) => (text[k] === "x" ? "q" : "x")) });
    } else if (kind === "move") {
      let before = -1;
      for (let tries = 0; tries < 100 && before < 0; tries++) {
        const d = r.int(0, blocks.length - 1);
        if (Math.abs(d - b) > 10 && !touched.has(d) && !touched.has(d - 1) && !destinations.has(d)) before = d;
      }
      if (before < 0) continue;
      destinations.add(before);
      edits.push({ kind, block: b, before });
    } else {
      edits.push({ kind, block: b });
    }
    touched.add(b);
  }
  edits.sort((a, b) => a.block - b.block);

  // The new text and every claim's truth, from the edits alone.
  const newTexts = [...texts];
  const shift = blocks.map(() => [] as { at: number; delta: number }[]);
  const changedAt = blocks.map(() => [] as number[]);
  const removed = new Set<number>();
  const movedTo = new Map<number, number>(); // destination block → moved block
  for (const e of edits) {
    const t = newTexts[e.block]!;
    if (e.kind === "insert") {
      newTexts[e.block] = t.slice(0, e.at) + e.text + t.slice(e.at);
      shift[e.block]!.push({ at: e.at, delta: e.text.length });
    } else if (e.kind === "delete") {
      newTexts[e.block] = t.slice(0, e.from) + t.slice(e.to);
      shift[e.block]!.push({ at: e.to, delta: e.from - e.to });
    } else if (e.kind === "replace") {
      newTexts[e.block] = t.slice(0, e.from) + e.text + t.slice(e.to);
      shift[e.block]!.push({ at: e.to, delta: e.text.length - (e.to - e.from) });
    } else if (e.kind === "chars") {
      const chars = [...t];
      e.at.forEach((k, i) => (chars[k] = e.chars[i]!));
      newTexts[e.block] = chars.join("");
      changedAt[e.block]!.push(...e.at);
    } else if (e.kind === "move") {
      removed.add(e.block);
      movedTo.set(e.before, e.block);
    } else {
      removed.add(e.block);
    }
  }
  const newOrder: number[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const moved = movedTo.get(b);
    if (moved !== undefined) newOrder.push(moved);
    if (!removed.has(b)) newOrder.push(b);
  }
  const newStart = new Map<number, number>();
  let offset = 0;
  for (const b of newOrder) {
    newStart.set(b, offset);
    offset += newTexts[b]!.length + 2;
  }
  const newText = newOrder.map((b) => newTexts[b]).join("\n\n");
  const deleted = new Set(edits.filter((e) => e.kind === "remove").map((e) => e.block));
  const truth: Truth[] = data.claims.map((_, i) => {
    const b = claimBlock[i]!;
    if (deleted.has(b)) return { state: "orphaned", start16: -1, end16: -1 };
    const { start, end } = local(i);
    const d = shift[b]!.filter((s) => s.at <= start).reduce((sum, s) => sum + s.delta, 0);
    const base = newStart.get(b)!;
    const changed = changedAt[b]!.some((k) => start <= k && k < end);
    return { state: changed ? "changed" : "unchanged", start16: base + start + d, end16: base + end + d };
  });

  // The same edits as one editor transaction.
  const schema = getArticleSchema();
  const oldPm = PMNode.fromJSON(schema, data.doc);
  const tr = EditorState.create({ doc: oldPm, schema }).tr;
  const pos = (b: number, k: number) => walk.textToPos(blocks[b]!.textStart + k, "start");
  const map = (p: number) => tr.mapping.map(p);
  for (const e of edits) {
    const start = blocks[e.block]!.pos;
    const end = start + oldPm.child(e.block).nodeSize;
    if (e.kind === "insert") tr.insertText(e.text, map(pos(e.block, e.at)));
    else if (e.kind === "delete") tr.delete(map(pos(e.block, e.from)), map(pos(e.block, e.to)));
    else if (e.kind === "replace") tr.insertText(e.text, map(pos(e.block, e.from)), map(pos(e.block, e.to)));
    else if (e.kind === "chars") e.at.forEach((k, i) => tr.insertText(e.chars[i]!, map(pos(e.block, k)), map(pos(e.block, k + 1))));
    else if (e.kind === "remove") tr.delete(map(start), map(end));
    else {
      // Drag and drop: delete here, insert the same node there.
      tr.delete(map(start), map(end));
      tr.insert(map(blocks[e.before]!.pos), oldPm.child(e.block));
    }
  }
  const steps = tr.steps.map((s) => s.toJSON());
  if (buildArticleText(tr.doc.toJSON() as DocNode).text !== newText) throw new Error("the transaction and the plain-text version disagree");
  truth.forEach((t, i) => {
    if (t.state === "unchanged" && newText.slice(t.start16, t.end16) !== data.claims[i]!.selectors.quote.exact) throw new Error(`truth of claim ${i} is off`);
  });

  const claims: ClaimAnchorInput[] = data.claims.map((c) => ({
    id: c.id,
    start: c.selectors.position.start,
    end: c.selectors.position.end,
    exact: c.selectors.quote.exact,
    prefix: c.selectors.quote.prefix,
    suffix: c.selectors.quote.suffix,
  }));
  const counts = Object.fromEntries(["insert", "delete", "replace", "chars", "move", "remove"].map((k) => [k, edits.filter((e) => e.kind === k).length]));
  return { data, edits, counts, steps, newText, truth, claims, paragraphs: paragraphs.length };
}

// ------------------------------------------------------------------ the baseline

/** Hypothesis's matcher as its client has it: best-scoring candidate, exact occurrences first, no floor. */
function hypothesisMatch(text: string, claims: ClaimAnchorInput[]): ClaimAnchorResult[] {
  const oldToNew = createTextModel(text);
  const score = (start: number, end: number, errors: number, c: ClaimAnchorInput, hint: number) => {
    const quoteScore = 1 - errors / c.exact.length;
    const prefixScore = c.prefix ? textMatchScore(text.slice(Math.max(0, start - c.prefix.length), start), c.prefix) : 1;
    const suffixScore = c.suffix ? textMatchScore(text.slice(end, end + c.suffix.length), c.suffix) : 1;
    const posScore = 1 - Math.abs(start - hint) / text.length;
    return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
  };
  return claims.map((c) => {
    const hint = c.start; // hypothesis uses the stored position as is
    let candidates: { start: number; end: number; errors: number }[] = [];
    for (let i = text.indexOf(c.exact); i !== -1; i = text.indexOf(c.exact, i + 1)) candidates.push({ start: i, end: i + c.exact.length, errors: 0 });
    if (candidates.length === 0) candidates = approxSearch(text, c.exact, Math.min(256, Math.floor(c.exact.length / 2)));
    let best: { start: number; end: number; score: number } | null = null;
    for (const m of candidates) {
      const s = score(m.start, m.end, m.errors, c, hint);
      if (!best || s > best.score) best = { start: m.start, end: m.end, score: s };
    }
    if (!best) return { id: c.id, state: "orphaned", method: "fuzzy", start: 0, end: 0, exact: "", prefix: "", suffix: "" };
    const exact = text.slice(best.start, best.end);
    return {
      id: c.id,
      state: exact === c.exact ? "unchanged" : "changed",
      method: "fuzzy",
      start: oldToNew.toCodePoint(best.start),
      end: oldToNew.toCodePoint(best.end),
      exact,
      prefix: "",
      suffix: "",
    };
  });
}

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  if (text.includes(str)) return 1;
  const m = approxSearch(text, str, str.length)[0];
  return m ? 1 - m.errors / str.length : 0;
}

// ------------------------------------------------------------------ scoring and output

type Score = { correct: number; boundary: number; misplaced: number; lost: number; examples: string[] };

function grade(results: ClaimAnchorResult[], truth: Truth[], newText: string): Score {
  const model = createTextModel(newText);
  const score: Score = { correct: 0, boundary: 0, misplaced: 0, lost: 0, examples: [] };
  results.forEach((r, i) => {
    const t = truth[i]!;
    let verdict: keyof Omit<Score, "examples">;
    if (t.state === "orphaned") verdict = r.state === "orphaned" ? "correct" : "misplaced";
    else if (r.state === "orphaned") verdict = "lost";
    else {
      const start = model.toCodePoint(t.start16);
      const end = model.toCodePoint(t.end16);
      if (r.start === start && r.end === end && r.state === t.state) verdict = "correct";
      else if (r.start < end && r.end > start) verdict = "boundary";
      else verdict = "misplaced";
    }
    score[verdict]++;
    if (verdict !== "correct" && score.examples.length < 3) {
      score.examples.push(`claim ${i}: truth ${t.state} [${t.start16}, ${t.end16}), got ${r.state} [${r.start}, ${r.end}) via ${r.method}`);
    }
  });
  return score;
}

function timed<T>(fn: () => T): { result: T; times: number[] } {
  let result = fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { result, times };
}

function main() {
  log(`generating a ${WORDS.toLocaleString("en")}-word article with ${CLAIMS} claims (${OVERLAPPING} overlapping) and its edit set…`);
  const s = buildScenario();
  const truthCounts = { unchanged: 0, changed: 0, orphaned: 0 };
  for (const t of s.truth) truthCounts[t.state]++;
  log(
    `${s.data.words.toLocaleString("en")} words, ${s.paragraphs} paragraphs; ${s.edits.length} edited (${Object.entries(s.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}), ${s.steps.length} steps`,
  );
  log(`truth: ${truthCounts.unchanged} unchanged, ${truthCounts.changed} changed, ${truthCounts.orphaned} orphaned`);
  log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; 1 warm-up + ${RUNS} timed runs each`);

  const steps = timed(() => reanchorThroughSteps({ oldDoc: s.data.doc, steps: s.steps, claims: s.claims }).results);
  const diff = timed(() => reanchorThroughTextDiff({ oldText: s.data.plainText, newText: s.newText, claims: s.claims }));
  const baseline = timed(() => hypothesisMatch(s.newText, s.claims));

  const rows = [["", "correct", "boundary off", "misplaced", "lost", "median", "min", "vs baseline"]];
  const baseMedian = median(baseline.times);
  const lines: string[] = [];
  for (const [name, run] of [
    ["editor steps (reanchorThroughSteps)", steps],
    ["new plain-text version (reanchorThroughTextDiff)", diff],
    ["baseline: Hypothesis-style matcher", baseline],
  ] as const) {
    const g = grade(run.result, s.truth, s.newText);
    const pct = ((100 * g.correct) / s.truth.length).toFixed(2);
    rows.push([name, `${g.correct} (${pct} %)`, String(g.boundary), String(g.misplaced), String(g.lost), ms(median(run.times), 1), ms(Math.min(...run.times), 1), ratio(median(run.times), baseMedian)]);
    for (const e of g.examples) lines.push(`  ${name}: ${e}`);
  }
  console.log("\n" + table(rows) + "\n");
  if (lines.length) console.log(`first differences from the truth:\n${lines.join("\n")}\n`);

  // Worst cases for the text diff (no truth to grade against; the time and what became of the claims).
  const reversed = s.data.plainText.split("\n\n").reverse().join("\n\n");
  const unrelated = toArticleDocument({ format: "markdown", body: generateArticleMarkdown(555, WORDS).markdown }).plainText;
  const worst = [["worst cases (reanchorThroughTextDiff)", "unchanged", "changed", "orphaned", "median", "min"]];
  for (const [name, text] of [
    ["every paragraph in reverse order", reversed],
    ["an unrelated article of the same length", unrelated],
  ] as const) {
    const run = timed(() => reanchorThroughTextDiff({ oldText: s.data.plainText, newText: text, claims: s.claims }));
    const count = (state: AnchorState) => String(run.result.filter((r) => r.state === state).length);
    worst.push([name, count("unchanged"), count("changed"), count("orphaned"), ms(median(run.times), 1), ms(Math.min(...run.times), 1)]);
  }
  console.log(table(worst) + "\n");
  log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

main();

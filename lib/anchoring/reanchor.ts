/**
 * Re-anchoring: carrying every claim from one revision of an article to the
 * next, so that a verdict stays tied to the words it judged.
 *
 * Two sources of a new revision, two methods:
 * - An edit made in the editor arrives as its ProseMirror steps. Mapping a
 *   claim through the steps' own position maps is exact: we know which
 *   characters were deleted, which survived and what was inserted between
 *   them, so nothing is guessed.
 * - A version from outside (pasted, uploaded) only has its text. We diff the
 *   two plain texts and map each claim through the diff; approximate search
 *   is used only inside the stretch that was rewritten around a claim, with a
 *   score floor, never across the article.
 *
 * Either way a claim ends unchanged (its words are all there, possibly
 * moved), changed (part of it survives but its text differs) or orphaned
 * (its words are gone). A claim is never moved onto text it was not on.
 *
 * Positions in and out are Unicode code points over the article's plain text
 * (lib/article-text.ts), as claims store them; UTF-16 conversion is the text
 * model's (./text-model.ts).
 */
import { Node as PMNode } from "@tiptap/pm/model";
import { Mapping, Step, type StepMap } from "@tiptap/pm/transform";

import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText, type ArticleText, type DocNode } from "@/lib/article-text";

import { CONTEXT_LENGTH, DEFAULT_MIN_SCORE, describe, trimRange } from "./index";
import { matchQuoteFuzzy } from "./match-quote";
import { diffRuns, runAtOld, type DiffRun } from "./text-diff";
import { createTextModel } from "./text-model";
import type { Range16, TextModel } from "./types";

export type AnchorState = "unchanged" | "changed" | "orphaned";
export type AnchorMethod = "steps" | "diff" | "fuzzy";
/** A claim's anchor over the OLD text (code points). One whose `exact` is not the old text at [start, end) (e.g. already orphaned) comes back orphaned. */
export type ClaimAnchorInput = { id: string; start: number; end: number; exact: string; prefix: string; suffix: string };
/** A claim's anchor over the NEW text (code points). Orphaned: start === end (where the words were), exact "". */
export type ClaimAnchorResult = {
  id: string;
  state: AnchorState;
  method: AnchorMethod;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
};

/** Steps that do not apply, too many steps, or a result outside the article schema. */
export class ReanchorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReanchorError";
  }
}

/**
 * One save of the editor carries one transaction per keystroke group; ten
 * thousand steps is far more than a working session produces and still maps
 * 2,000 claims in well under a second.
 */
export const MAX_STEPS = 10_000;

/**
 * A claim of which less than this share survived a text diff is not kept on
 * what is left unless approximate search confirms it: a few letters that
 * happen to be equal in a rewritten paragraph are not the claim's words.
 */
const DIFF_SURVIVAL_SHARE = 0.5;

/** Fuzzy search looks this far (UTF-16 units) beyond the rewritten stretch, on top of the quote's own length. */
const FUZZY_PAD = 2 * CONTEXT_LENGTH;

/** Longest rewritten stretch (UTF-16 units, besides twice the quote) searched around one claim. */
const MAX_FUZZY_STRETCH = 2000;

/**
 * Total time the searches for claims that lost their place (a moved copy,
 * then approximate search) may take for one new version. An ordinary
 * revision needs a few milliseconds of it; a version that rewrote the whole
 * article (every claim searched) would otherwise hold the event loop for
 * seconds. Claims past the budget are orphaned: they go to a person, which is
 * the safe direction.
 */
export const SEARCH_BUDGET_MS = 500;

// ------------------------------------------------------------------ steps

/** Applies ProseMirror steps (Step.toJSON() objects, in order) to oldDoc with the article schema and maps every claim through them. */
export function reanchorThroughSteps(args: { oldDoc: DocNode; steps: unknown[]; claims: ClaimAnchorInput[] }): {
  newDoc: DocNode;
  results: ClaimAnchorResult[];
} {
  const { steps, claims } = args;
  if (!Array.isArray(steps)) throw new ReanchorError("The edit is not a list of steps.");
  if (steps.length > MAX_STEPS) {
    throw new ReanchorError(`The edit has ${steps.length} steps, more than the ${MAX_STEPS} one save may carry. Save more often.`);
  }
  const schema = getArticleSchema();
  let doc: PMNode;
  try {
    // Not checked here: the result is checked as a whole below, old parts included.
    doc = PMNode.fromJSON(schema, args.oldDoc);
  } catch (error) {
    throw new ReanchorError(`The stored article does not fit the article schema: ${messageOf(error)}`);
  }
  const mapping = new Mapping();
  steps.forEach((json, i) => {
    let step: Step;
    try {
      step = Step.fromJSON(schema, json as Parameters<typeof Step.fromJSON>[1]);
    } catch (error) {
      throw new ReanchorError(`Step ${i + 1} of the edit is not a valid step: ${messageOf(error)}`);
    }
    let result;
    try {
      result = step.apply(doc);
    } catch (error) {
      throw new ReanchorError(`Step ${i + 1} of the edit does not apply to the article: ${messageOf(error)}`);
    }
    if (result.failed !== null || !result.doc) {
      throw new ReanchorError(`Step ${i + 1} of the edit does not apply to the article: ${result.failed ?? "no result"}`);
    }
    doc = result.doc;
    mapping.appendMap(step.getMap());
  });
  try {
    doc.check();
  } catch (error) {
    throw new ReanchorError(`The edited article is outside the article schema: ${messageOf(error)}`);
  }

  const newDoc = doc.toJSON() as DocNode;
  // The stored JSON gives the same text and positions as its parsed form (parsing only joins adjacent text nodes).
  const before = buildArticleText(args.oldDoc);
  const after = buildArticleText(newDoc);
  const oldModel = createTextModel(before.text);
  const newModel = createTextModel(after.text);
  let moves: MoveFinder | undefined; // built only if some claim lost all its words

  const results = claims.map((claim): ClaimAnchorResult => {
    const start16 = oldModel.toUtf16(claim.start);
    const end16 = oldModel.toUtf16(claim.end);
    if (!holdsQuote(before.text, start16, end16, claim)) return orphaned(claim, "steps", newModel, after.posToText(mapping.map(before.textToPos(start16, "start"), -1)));
    const traced = traceThroughSteps(mapping.maps, before.textToPos(start16, "start"), before.textToPos(end16, "end"));

    const survives = traced.survivors.some(({ from, to }) => /\S/.test(after.text.slice(after.posToText(from), after.posToText(to))));
    if (!survives) {
      moves ??= new MoveFinder(before.text, after.text, insertedTextRanges(mapping.maps, after));
      const moved = moves.find(claim, start16, end16);
      if (moved) return anchored(claim, "unchanged", "steps", newModel, moved);
      return orphaned(claim, "steps", newModel, after.posToText(traced.collapsed));
    }
    const range = { start: after.posToText(traced.from), end: after.posToText(traced.to) };
    if (after.text.slice(range.start, range.end) === claim.exact) return anchored(claim, "unchanged", "steps", newModel, range);
    return anchored(claim, "changed", "steps", newModel, trimRange(newModel, range));
  });
  return { newDoc, results };
}

type Traced = {
  /** The claim's range in the new document, replacements at its edges included. */
  from: number;
  to: number;
  /** Where the claim was, had all its words gone. */
  collapsed: number;
  /** Stretches of the new document that are the claim's original content. */
  survivors: { from: number; to: number }[];
};

/**
 * Follows one range through the maps, step by step. An edge whose
 * neighbouring character was replaced takes the replacement in (typing over
 * a claim's first word changes the claim; it does not shrink it), while text
 * merely inserted at an edge stays outside. The stretches of original
 * content are kept apart, so that a claim whose every character was deleted
 * is known to be gone even if text was typed in its place.
 */
function traceThroughSteps(maps: readonly StepMap[], from: number, to: number): Traced {
  let start = from;
  let end = to;
  let collapsed = from;
  let survivors = [{ from, to }];
  for (const map of maps) {
    const s = map.mapResult(start, 1);
    start = s.deletedAfter ? map.map(start, -1) : s.pos;
    const e = map.mapResult(end, -1);
    end = e.deletedBefore ? map.map(end, 1) : e.pos;
    collapsed = map.map(collapsed, -1);

    const replaced: { from: number; to: number }[] = [];
    map.forEach((oldStart, oldEnd) => {
      if (oldEnd > oldStart) replaced.push({ from: oldStart, to: oldEnd });
    });
    const next: { from: number; to: number }[] = [];
    for (const piece of survivors) {
      for (const part of subtract(piece, replaced)) {
        const a = map.map(part.from, 1);
        const b = map.map(part.to, -1);
        if (b > a) next.push({ from: a, to: b });
      }
    }
    survivors = next;
  }
  return { from: start, to: Math.max(start, end), collapsed, survivors };
}

/** `range` minus the sorted, disjoint `holes`. */
function subtract(range: { from: number; to: number }, holes: { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let cursor = range.from;
  for (const hole of holes) {
    if (hole.to <= cursor) continue;
    if (hole.from >= range.to) break;
    if (hole.from > cursor) out.push({ from: cursor, to: hole.from });
    cursor = Math.max(cursor, hole.to);
  }
  if (cursor < range.to) out.push({ from: cursor, to: range.to });
  return out;
}

/** Text ranges (UTF-16, new text) of content the steps inserted, merged. */
function insertedTextRanges(maps: readonly StepMap[], after: ArticleText): Range16[] {
  let ranges: { from: number; to: number }[] = [];
  for (const map of maps) {
    const next = ranges.map((r) => ({ from: map.map(r.from, -1), to: map.map(r.to, 1) })).filter((r) => r.to > r.from);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      if (newEnd > newStart) next.push({ from: newStart, to: newEnd });
    });
    ranges = next;
  }
  return mergeRanges(ranges.map((r) => ({ start: after.posToText(r.from), end: after.posToText(r.to) })));
}

// ------------------------------------------------------------------ text diff

/** For a version from outside: maps claims through a diff of the two plain texts; approximate search only inside rewritten regions, with a score floor. */
export function reanchorThroughTextDiff(args: { oldText: string; newText: string; claims: ClaimAnchorInput[] }): ClaimAnchorResult[] {
  const { oldText, newText, claims } = args;
  const oldModel = createTextModel(oldText);
  const newModel = createTextModel(newText);
  const runs = diffRuns(oldText, newText);
  const inserted = mergeRanges(runs.filter((r) => !r.equal && r.newEnd > r.newStart).map((r) => ({ start: r.newStart, end: r.newEnd })));
  const moves = new MoveFinder(oldText, newText, inserted);
  const deadline = performance.now() + SEARCH_BUDGET_MS;

  return claims.map((claim): ClaimAnchorResult => {
    const s = oldModel.toUtf16(claim.start);
    const e = oldModel.toUtf16(claim.end);
    const mappedStart = mapStart(runs, s, newText.length);
    if (!holdsQuote(oldText, s, e, claim)) return orphaned(claim, "diff", newModel, mappedStart.at);
    const mappedEnd = mapEnd(runs, e);
    const range = { start: mappedStart.at, end: Math.max(mappedStart.at, mappedEnd.at) };

    const first = runs[runAtOld(runs, s)];
    if (first?.equal && e <= first.oldEnd) {
      return anchored(claim, "unchanged", "diff", newModel, range);
    }

    const survival = survivingShare(runs, s, e);
    if (survival >= DIFF_SURVIVAL_SHARE && mappedStart.exact && mappedEnd.exact) {
      // Both edges kept and most of it too: the edit was inside the claim, and the diff says exactly where it now runs.
      return anchored(claim, "changed", "diff", newModel, range);
    }
    if (performance.now() >= deadline) {
      return survival >= DIFF_SURVIVAL_SHARE ? anchored(claim, "changed", "diff", newModel, trimRange(newModel, range)) : orphaned(claim, "diff", newModel, mappedStart.at);
    }
    if (survival === 0) {
      const moved = moves.find(claim, s, e);
      if (moved) return anchored(claim, "unchanged", "diff", newModel, moved);
    }
    const fuzzy = searchRewritten(newText, newModel, claim, rewrittenStretch(runs, s, e, newText.length));
    if (fuzzy) {
      const state = newText.slice(fuzzy.start, fuzzy.end) === claim.exact ? "unchanged" : "changed";
      return anchored(claim, state, "fuzzy", newModel, fuzzy);
    }
    if (survival >= DIFF_SURVIVAL_SHARE) return anchored(claim, "changed", "diff", newModel, trimRange(newModel, range));
    return orphaned(claim, "diff", newModel, mappedStart.at);
  });
}

/**
 * New offset of a range start: exact if its first character is in an equal
 * run; otherwise the start of what replaced it (the replacement belongs to
 * the claim).
 */
function mapStart(runs: DiffRun[], p: number, newLength: number): { at: number; exact: boolean } {
  const run = runs[runAtOld(runs, p)];
  if (!run) return { at: newLength, exact: true };
  return run.equal ? { at: run.newStart + (p - run.oldStart), exact: true } : { at: run.newStart, exact: false };
}

/** New offset of a range end: exact if its last character is in an equal run; otherwise the end of the replacement. */
function mapEnd(runs: DiffRun[], p: number): { at: number; exact: boolean } {
  if (p <= 0) return { at: 0, exact: true };
  const run = runs[runAtOld(runs, p - 1)] as DiffRun;
  return run.equal ? { at: run.newStart + (p - run.oldStart), exact: true } : { at: run.newEnd, exact: false };
}

/** Share of old[s, e) that lies in equal runs. */
function survivingShare(runs: DiffRun[], s: number, e: number): number {
  let kept = 0;
  for (let i = runAtOld(runs, s); i >= 0 && i < runs.length; i++) {
    const run = runs[i] as DiffRun;
    if (run.oldStart >= e) break;
    if (run.equal) kept += Math.min(e, run.oldEnd) - Math.max(s, run.oldStart);
  }
  return kept / (e - s);
}

/**
 * The new-text stretch standing for old[s, e): from the new start of the
 * first run it touches to the new end of the last. When that is a long
 * rewrite (a replaced run of many paragraphs), only the part where the claim
 * would fall in proportion is kept: the search stays near the claim's place
 * and its cost stays bounded however much was rewritten.
 */
function rewrittenStretch(runs: DiffRun[], s: number, e: number, newLength: number): Range16 {
  const i = runAtOld(runs, s);
  const j = runAtOld(runs, e - 1);
  const a = runs[i];
  const b = runs[j];
  if (!a || !b) return { start: newLength, end: newLength };
  let start = a.equal ? a.newStart + (s - a.oldStart) : a.newStart;
  let end = b.equal ? b.newStart + (e - b.oldStart) : b.newEnd;
  // Text inserted right at the claim's edges is part of the rewritten stretch.
  const before = runs[i - 1];
  if (a.equal && s === a.oldStart && before && !before.equal) start = before.newStart;
  const after = runs[j + 1];
  if (b.equal && e === b.oldEnd && after && !after.equal) end = after.newEnd;
  const limit = MAX_FUZZY_STRETCH + 2 * (e - s);
  if (end - start > limit) {
    const proportional = (run: DiffRun, p: number) =>
      run.equal ? run.newStart + (p - run.oldStart) : run.newStart + Math.round(((p - run.oldStart) * (run.newEnd - run.newStart)) / Math.max(1, run.oldEnd - run.oldStart));
    const centre = proportional(a, s);
    start = Math.max(start, centre - limit / 2);
    end = Math.min(end, centre + limit / 2);
  }
  return { start, end: Math.max(start, end) };
}

/**
 * Approximate search for the quote inside `stretch` (plus a little room for
 * its edges), and nowhere else: a look-alike sentence elsewhere in the
 * article is never a candidate. Below the floor, or with a rival, nothing.
 */
function searchRewritten(newText: string, newModel: TextModel, claim: ClaimAnchorInput, stretch: Range16): Range16 | null {
  const lo = Math.max(0, stretch.start - FUZZY_PAD - claim.exact.length);
  const hi = Math.min(newText.length, stretch.end + FUZZY_PAD + claim.exact.length);
  if (hi <= lo) return null;
  const region = newText.slice(lo, hi);
  const result = matchQuoteFuzzy(
    region,
    claim.exact,
    { prefix: claim.prefix, suffix: claim.suffix, hint: Math.max(0, stretch.start - lo) },
    { minScore: DEFAULT_MIN_SCORE, window: region.length },
  );
  if (result.status !== "match") return null;
  // approx-string-match counts UTF-16 units: widen to whole code points.
  const start = newModel.toUtf16(newModel.toCodePoint(result.match.start + lo));
  const endCp = newModel.toCodePoint(result.match.end + lo);
  const end = newModel.toUtf16(newModel.toUtf16(endCp) < result.match.end + lo ? endCp + 1 : endCp);
  return { start, end };
}

// ------------------------------------------------------------------ shared

/**
 * A claim whose words all left their place may have moved with its paragraph
 * (cut and pasted, dragged, reordered in a new version). It is found again
 * only as an exact, unique occurrence of its quote inside newly inserted text
 * whose surroundings agree with the stored context as far as that context
 * lies in the claim's own paragraph (the paragraphs around it changed with
 * the move).
 *
 * The common case, a paragraph moved as it was, is a lookup: every whole
 * line of inserted text is indexed once, and a claim whose old line
 * reappears exactly once is found at the same offset in it. Otherwise the
 * inserted text is scanned for the quote.
 */
class MoveFinder {
  private lines: Map<string, number[]> | undefined;

  constructor(
    private oldText: string,
    private text: string,
    private inserted: Range16[],
  ) {}

  /** `start16`/`end16`: the claim's old range (UTF-16). */
  find(claim: ClaimAnchorInput, start16: number, end16: number): Range16 | null {
    const { exact } = claim;
    const before = localPrefix(claim.prefix);
    const after = localSuffix(claim.suffix);
    const holds = (start: number) => this.text.startsWith(exact, start) && contextHolds(this.text, start, start + exact.length, before, after);
    if (this.oldText.slice(start16, end16) === exact) {
      const lineStart = this.oldText.lastIndexOf("\n", start16 - 1) + 1;
      const lineEnd = this.oldText.indexOf("\n", start16);
      const line = this.oldText.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
      const copies = this.lineIndex().get(line);
      if (copies?.length === 1) {
        const start = (copies[0] as number) + (start16 - lineStart);
        if (holds(start)) return { start, end: start + exact.length };
      }
    }
    let found: Range16 | null = null;
    for (const range of this.inserted) {
      if (range.end - range.start < exact.length) continue;
      const slice = this.text.slice(range.start, range.end);
      for (let i = slice.indexOf(exact); i !== -1; i = slice.indexOf(exact, i + 1)) {
        const start = range.start + i;
        if (!holds(start)) continue;
        if (found) return null; // two candidates: not unique, not trusted
        found = { start, end: start + exact.length };
      }
    }
    return found;
  }

  /** Whole lines of inserted text (between line breaks or the text's edges) → their starts. */
  private lineIndex(): Map<string, number[]> {
    if (this.lines) return this.lines;
    const lines = new Map<string, number[]>();
    const text = this.text;
    for (const range of this.inserted) {
      let start = range.start;
      while (start < range.end) {
        const nl = text.indexOf("\n", start);
        const end = nl === -1 || nl > range.end ? range.end : nl;
        const whole = (start === 0 || text[start - 1] === "\n") && (end === text.length || text[end] === "\n");
        if (whole && end > start) {
          const line = text.slice(start, end);
          const list = lines.get(line);
          if (list) list.push(start);
          else lines.set(line, [start]);
        }
        start = end + 1;
      }
    }
    this.lines = lines;
    return lines;
  }
}

type LocalContext = { text: string; atBlockEdge: boolean };

/** The part of a stored prefix inside the claim's own paragraph, and whether it reaches that paragraph's start. */
function localPrefix(prefix: string): LocalContext {
  const cut = prefix.lastIndexOf("\n\n");
  if (cut !== -1) return { text: prefix.slice(cut + 2), atBlockEdge: true };
  // A prefix shorter than the stored length started at the very beginning of the text.
  return { text: prefix, atBlockEdge: [...prefix].length < CONTEXT_LENGTH };
}

function localSuffix(suffix: string): LocalContext {
  const cut = suffix.indexOf("\n\n");
  if (cut !== -1) return { text: suffix.slice(0, cut), atBlockEdge: true };
  return { text: suffix, atBlockEdge: [...suffix].length < CONTEXT_LENGTH };
}

function contextHolds(text: string, start: number, end: number, before: LocalContext, after: LocalContext): boolean {
  const a = start - before.text.length;
  if (a < 0 || text.slice(a, start) !== before.text) return false;
  if (before.atBlockEdge && !(a === 0 || text.slice(a - 2, a) === "\n\n")) return false;
  const b = end + after.text.length;
  if (b > text.length || text.slice(end, b) !== after.text) return false;
  if (after.atBlockEdge && !(b === text.length || text.slice(b, b + 2) === "\n\n")) return false;
  return true;
}

function mergeRanges(ranges: Range16[]): Range16[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: Range16[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * A claim is followed from where it stands in the old text. One that does not
 * stand there (already orphaned, or stored against other text) has nothing to
 * follow: it stays orphaned, for a person to re-anchor, rather than be placed
 * by a guess.
 */
function holdsQuote(oldText: string, start16: number, end16: number, claim: ClaimAnchorInput): boolean {
  return claim.exact !== "" && end16 > start16 && oldText.slice(start16, end16) === claim.exact;
}

function anchored(claim: ClaimAnchorInput, state: AnchorState, method: AnchorMethod, model: TextModel, range: Range16): ClaimAnchorResult {
  const { quote, position } = describe(model, range);
  return { id: claim.id, state, method, start: position.start, end: position.end, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
}

/** An orphan keeps its place (where its words were) and the context around that place; its old quote stays with the claim. */
function orphaned(claim: ClaimAnchorInput, method: AnchorMethod, model: TextModel, at16: number): ClaimAnchorResult {
  const { quote, position } = describe(model, { start: at16, end: at16 });
  return { id: claim.id, state: "orphaned", method, start: position.start, end: position.start, exact: "", prefix: quote.prefix, suffix: quote.suffix };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

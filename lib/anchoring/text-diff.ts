import DiffMatchPatch from "diff-match-patch";

/**
 * A diff of two plain texts as aligned runs, for mapping offsets from the old
 * text into the new one. Built on Google's diff-match-patch, in two levels:
 * the lines (paragraphs and the blank lines between them) of a long article
 * are diffed first, then each replaced stretch that is not too long is
 * re-diffed character by character. That keeps a 600,000-character article
 * cheap, and a moved or rewritten paragraph stays one clean deletion and one
 * clean insertion instead of being matched letter by letter against whatever
 * replaced it. The semantic cleanup then folds the coincidental one- or
 * two-letter equalities of a rewritten sentence into the edit, so that
 * "equal" means "the same passage".
 */

/** old[oldStart, oldEnd) and new[newStart, newEnd): equal text, or a replaced stretch (either side may be empty). */
export type DiffRun = { equal: boolean; oldStart: number; oldEnd: number; newStart: number; newEnd: number };

/**
 * Bounds the time the diff may hold the event loop. Past it diff-match-patch
 * returns a coarser (still valid) diff: equal runs stay truly equal, there
 * are just fewer of them.
 */
export const DIFF_TIMEOUT_SECONDS = 1;

/** A replaced stretch longer than this on either side (UTF-16 units) is not re-diffed finely: it was rewritten, not edited. */
const MAX_FINE_DIFF = 20_000;

/**
 * Diffs two texts line by line (a line being a paragraph, or the blank line
 * between two), then hands each replaced stretch that is not too long to
 * `inner` for a finer diff; longer ones stay one deletion and one insertion.
 * Everything shares one deadline of DIFF_TIMEOUT_SECONDS: once it has passed,
 * the remaining stretches are left unrefined.
 */
export function diffByLines(
  oldText: string,
  newText: string,
  inner: (dmp: DiffMatchPatch, deleted: string, inserted: string) => DiffMatchPatch.Diff[],
): DiffMatchPatch.Diff[] {
  const dmp = new DiffMatchPatch();
  const deadline = performance.now() + DIFF_TIMEOUT_SECONDS * 1000;
  const remaining = () => Math.max(0.001, (deadline - performance.now()) / 1000);

  const lines = dmp.diff_linesToChars_(oldText, newText);
  dmp.Diff_Timeout = remaining();
  const lineDiffs = dmp.diff_main(lines.chars1, lines.chars2, false);
  dmp.diff_charsToLines_(lineDiffs, lines.lineArray);
  dmp.diff_cleanupSemantic(lineDiffs);

  const diffs: DiffMatchPatch.Diff[] = [];
  let deleted = "";
  let inserted = "";
  const flush = () => {
    if (deleted && inserted && deleted.length <= MAX_FINE_DIFF && inserted.length <= MAX_FINE_DIFF && performance.now() < deadline) {
      dmp.Diff_Timeout = remaining();
      diffs.push(...inner(dmp, deleted, inserted));
    } else {
      if (deleted) diffs.push([DiffMatchPatch.DIFF_DELETE, deleted]);
      if (inserted) diffs.push([DiffMatchPatch.DIFF_INSERT, inserted]);
    }
    deleted = "";
    inserted = "";
  };
  for (const [op, text] of lineDiffs) {
    if (op === DiffMatchPatch.DIFF_DELETE) deleted += text;
    else if (op === DiffMatchPatch.DIFF_INSERT) inserted += text;
    else {
      flush();
      diffs.push([op, text]);
    }
  }
  flush();
  return diffs;
}

/** UTF-16 runs covering both texts in order; consecutive replaced runs are merged into one. */
export function diffRuns(oldText: string, newText: string): DiffRun[] {
  const diffs = diffByLines(oldText, newText, (dmp, deleted, inserted) => {
    const chars = dmp.diff_main(deleted, inserted, false);
    dmp.diff_cleanupSemantic(chars);
    return chars;
  });

  const runs: DiffRun[] = [];
  let o = 0;
  let n = 0;
  for (const [op, text] of diffs) {
    const oldLen = op === DiffMatchPatch.DIFF_INSERT ? 0 : text.length;
    const newLen = op === DiffMatchPatch.DIFF_DELETE ? 0 : text.length;
    const equal = op === DiffMatchPatch.DIFF_EQUAL;
    const last = runs[runs.length - 1];
    if (last && equal === last.equal) {
      last.oldEnd += oldLen;
      last.newEnd += newLen;
    } else {
      runs.push({ equal, oldStart: o, oldEnd: o + oldLen, newStart: n, newEnd: n + newLen });
    }
    o += oldLen;
    n += newLen;
  }
  return runs;
}

/** Index of the run holding old offset `p` as a character (oldStart <= p < oldEnd), or -1. */
export function runAtOld(runs: DiffRun[], p: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((runs[mid] as DiffRun).oldEnd <= p) lo = mid + 1;
    else hi = mid;
  }
  // Skip pure insertions (empty on the old side) at this offset.
  while (lo < runs.length && (runs[lo] as DiffRun).oldStart === (runs[lo] as DiffRun).oldEnd) lo++;
  return lo < runs.length ? lo : -1;
}

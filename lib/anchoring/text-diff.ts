import DiffMatchPatch from "diff-match-patch";

/**
 * A diff of two plain texts as aligned runs, for mapping offsets from the old
 * text into the new one. Built on Google's diff-match-patch: its line mode
 * diffs the ~5,000 lines (paragraphs and the blank lines between them) of a
 * long article first and re-diffs only the replaced stretches character by
 * character, which keeps a 600,000-character article cheap; the semantic
 * cleanup then folds the coincidental one- or two-letter equalities of a
 * rewritten sentence into the edit, so that "equal" means "the same passage".
 */

/** old[oldStart, oldEnd) and new[newStart, newEnd): equal text, or a replaced stretch (either side may be empty). */
export type DiffRun = { equal: boolean; oldStart: number; oldEnd: number; newStart: number; newEnd: number };

/**
 * Bounds the time one diff may hold the event loop. Past it diff-match-patch
 * returns a coarser (still valid) diff: equal runs stay truly equal, there
 * are just fewer of them.
 */
export const DIFF_TIMEOUT_SECONDS = 1;

/** UTF-16 runs covering both texts in order; consecutive replaced runs are merged into one. */
export function diffRuns(oldText: string, newText: string): DiffRun[] {
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = DIFF_TIMEOUT_SECONDS;
  const diffs = dmp.diff_main(oldText, newText, true);
  dmp.diff_cleanupSemantic(diffs);
  const runs: DiffRun[] = [];
  let o = 0;
  let n = 0;
  for (const [op, text] of diffs) {
    const oldLen = op === DiffMatchPatch.DIFF_INSERT ? 0 : text.length;
    const newLen = op === DiffMatchPatch.DIFF_DELETE ? 0 : text.length;
    const equal = op === DiffMatchPatch.DIFF_EQUAL;
    const last = runs[runs.length - 1];
    if (last && !equal && !last.equal) {
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

import type { TextModel } from "./types";

/**
 * Builds a `TextModel` for `text`.
 *
 * JavaScript strings are indexed in UTF-16 code units, while stored
 * TextPositionSelectors count code points. The two differ only at surrogate
 * pairs (emoji, rare CJK, math symbols), which are rare even in long articles,
 * so we record where the pairs are once (O(n)) and binary-search that sorted
 * list on every conversion (O(log pairs)). Anchoring a few thousand claims on
 * a 600,000-character article therefore never rescans the text.
 */
export function createTextModel(text: string): TextModel {
  // UTF-16 offsets of the high surrogate of every well-formed pair, ascending.
  const pairStarts16: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairStarts16.push(i);
        i++; // skip the low surrogate
      }
    }
  }
  const pairCount = pairStarts16.length;
  // Code point offset of each pair: every earlier pair took one extra unit.
  // Strictly increasing, so it can be binary-searched like `pairStarts16`.
  const pairStartsCp = new Uint32Array(pairCount);
  for (let k = 0; k < pairCount; k++) pairStartsCp[k] = (pairStarts16[k] as number) - k;
  const starts16 = Uint32Array.from(pairStarts16);

  const length16 = text.length;
  const lengthCodePoints = length16 - pairCount;

  return {
    text,
    length16,
    lengthCodePoints,
    toCodePoint(u16Offset: number): number {
      const x = clampOffset(u16Offset, length16);
      // Pairs lying wholly before x (start + 2 <= x) each shrink the count by one.
      const complete = countLessOrEqual(starts16, x - 2);
      // x pointing at a low surrogate rounds down to its pair's start.
      const insidePair = complete < pairCount && starts16[complete] === x - 1;
      return insidePair ? x - 1 - complete : x - complete;
    },
    toUtf16(cpOffset: number): number {
      const cp = clampOffset(cpOffset, lengthCodePoints);
      // Every pair starting before code point `cp` adds one code unit.
      return cp + countLessOrEqual(pairStartsCp, cp - 1);
    },
  };
}

/** Clamps to [0, max] and drops fractions; NaN becomes 0. */
function clampOffset(offset: number, max: number): number {
  if (!(offset > 0)) return 0; // also catches NaN
  return offset >= max ? max : Math.floor(offset);
}

/** Number of entries in ascending `sorted` that are <= `value`. */
function countLessOrEqual(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Is this earlier claim the same assertion? Two parts, kept apart so the
 * answer can be explained:
 *   - how close the wording is, seeing past word overlap: a soft cosine of
 *     the two bags of content words, where two different words count as far
 *     as their GloVe vectors agree ("unemployment" ~ "jobless" 0.86), rarer
 *     words weighing more;
 *   - where they differ in a way that matters: another number or unit,
 *     another year, another place, one negated and the other not, one says
 *     up and the other down. Word vectors cannot see these ("rose" ~ "fell"
 *     0.88, "France" ~ "Germany" 0.73), so they are compared as facts, and
 *     any one of them makes it a different claim.
 */
import { extractFeatures, type ClaimFeatures, type NumberFact } from "./features";
import type { WordVectors } from "./word-vectors";

/** Below this closeness an earlier claim is not shown as "checked before". */
export const MATCH_THRESHOLD = 0.55;
/** Word pairs less similar than this count as unrelated (vector noise). */
const WORD_FLOOR = 0.55;

export type Comparison = { score: number; differences: string[] };

export function compareFeatures(query: ClaimFeatures, other: ClaimFeatures, vectors: WordVectors): Comparison {
  const differences = factDifferences(query, other);
  const q = bag(query);
  const o = bag(other);
  let score = (coverage(q, o, vectors) + coverage(o, q, vectors)) / 2;
  // A figure on one side only: possibly the same claim, stated less precisely.
  if ((query.numbers.length === 0) !== (other.numbers.length === 0)) score *= 0.85;
  return { score, differences };
}

export function compareClaims(query: string, other: string, vectors: WordVectors): Comparison {
  return compareFeatures(extractFeatures(query), extractFeatures(other), vectors);
}

function bag(f: ClaimFeatures): string[] {
  return [...f.words, ...f.numbers.map(numberKey), ...f.dates.filter((d) => d.length === 4).map((d) => `year:${d}`)];
}

function numberKey(n: NumberFact): string {
  return `num:${n.unit}:${n.value}`;
}

function weight(word: string, vectors: WordVectors): number {
  const rank = vectors.rank(word);
  // Rare words (and words outside the 50,000) say more about a claim than common ones.
  return rank < 0 ? 1 : 0.25 + 0.75 * (Math.log(2 + rank) / Math.log(2 + vectors.size));
}

/** How much of `a` (weighted) has a counterpart in `b`. */
function coverage(a: string[], b: string[], vectors: WordVectors): number {
  if (a.length === 0 || b.length === 0) return 0;
  let total = 0;
  let covered = 0;
  for (const w of a) {
    const wt = weight(w, vectors);
    total += wt;
    let best = 0;
    for (const x of b) {
      const s = w === x ? 1 : w.includes(":") || x.includes(":") ? 0 : sameStem(w, x) ? 0.9 : vectors.similarity(w, x);
      if (s > best) best = s;
      if (best === 1) break;
    }
    if (best >= WORD_FLOOR) covered += wt * best;
  }
  return covered / total;
}

/** "recycled" / "recycling", "bee" / "bees", "pollinate" / "pollination": one word, inflected. */
function sameStem(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 3) return false;
  let n = 0;
  while (n < short.length && short[n] === long[n]) n++;
  return n === short.length ? long.length - n <= 3 : n >= 5 && n >= short.length - 2;
}

function sameNumber(a: NumberFact, b: NumberFact): boolean {
  if (a.unit !== b.unit) return false;
  if (a.approx || b.approx) return Math.abs(a.value - b.value) <= 1;
  return Math.abs(a.value - b.value) <= Math.max(Math.abs(a.value), Math.abs(b.value)) * 0.005;
}

/** Two names for the same thing share a word ("York City", "New York City"; "Macron", "Emmanuel Macron"). */
function sameEntity(a: string, b: string): boolean {
  if (a === b) return true;
  const words = new Set(a.split(" "));
  return b.split(" ").some((w) => w.length > 2 && words.has(w));
}

/** The facts on which the two claims disagree, in words ("4% here, 7% there"). */
export function factDifferences(a: ClaimFeatures, b: ClaimFeatures): string[] {
  const out: string[] = [];
  for (const unit of new Set(a.numbers.map((n) => n.unit))) {
    const mine = a.numbers.filter((n) => n.unit === unit);
    const theirs = b.numbers.filter((n) => n.unit === unit);
    if (theirs.length === 0) continue;
    const missing = mine.find((n) => !theirs.some((t) => sameNumber(n, t)));
    const extra = theirs.find((t) => !mine.some((n) => sameNumber(n, t)));
    if (missing && extra) out.push(`${missing.text} here, ${extra.text} there`);
  }
  // Numbers of different kinds only (a share here, an amount there): not the same figure.
  if (a.numbers.length && b.numbers.length && !a.numbers.some((n) => b.numbers.some((m) => m.unit === n.unit))) {
    out.push(`${a.numbers[0]!.text} here, ${b.numbers[0]!.text} there`);
  }
  const years = (f: ClaimFeatures) => f.dates.filter((d) => d.length === 4);
  const [ya, yb] = [years(a), years(b)];
  if (ya.length && yb.length && !ya.some((y) => yb.includes(y))) out.push(`${ya.join(", ")} here, ${yb.join(", ")} there`);
  const months = (f: ClaimFeatures) => f.dates.filter((d) => d.length === 7);
  const [ma, mb] = [months(a), months(b)];
  if (ma.length && mb.length && !ma.some((m) => mb.includes(m))) out.push(`${ma.join(", ")} here, ${mb.join(", ")} there`);
  // A name on each side that the other does not mention: another place or person ("Denmark" here, "France" there).
  const onlyA = a.entities.filter((e) => !b.entities.some((x) => sameEntity(e, x)));
  const onlyB = b.entities.filter((e) => !a.entities.some((x) => sameEntity(e, x)));
  if (onlyA.length && onlyB.length) out.push(`${onlyA.join(", ")} here, ${onlyB.join(", ")} there`);
  if (a.negated !== b.negated) out.push(a.negated ? "this one is negated" : "the other one is negated");
  if (a.direction && b.direction && a.direction !== b.direction) out.push(`${a.direction} here, ${b.direction} there`);
  return out;
}

import approxSearch from "approx-string-match";

/**
 * Finding a quote in a plain string, exactly or approximately, and scoring how
 * well a candidate agrees with the quote's stored context.
 *
 * Everything here works on UTF-16 offsets of a JS string; converting to and
 * from the code-point offsets of stored selectors is the caller's job.
 *
 * Scoring follows hypothesis/client's match-quote: a candidate is judged on
 * the similarity of the quote itself, of the text before and after it to the
 * stored prefix/suffix, and (weakly) on its distance from where the quote used
 * to be. Unlike hypothesis, which always returns its best candidate, we return
 * "weak" or "ambiguous" verdicts so the caller can orphan a claim rather than
 * silently move it to a merely similar sentence.
 */

/** Relative weights of the evidence, as in hypothesis. */
export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/**
 * How much better (in normalised content score) the best fuzzy candidate must
 * be than any rival elsewhere in the text. 0.02 ≈ one wrong character in a
 * 25-character quote, or three in a 32-character prefix: anything closer than
 * that is a coin toss and is reported as ambiguous.
 */
export const DEFAULT_AMBIGUITY_MARGIN = 0.02;

/** Fuzzy search looks this many UTF-16 units either side of the expected position first. */
export const DEFAULT_SEARCH_WINDOW = 2000;

/** Hard cap on edit distance, as in hypothesis: keeps long quotes' searches cheap. */
const MAX_ERRORS_CAP = 256;

/**
 * If the first fuzzy pass returns more hits than this, the quote is so generic
 * that a second pass for rivals would only add cost; the hits themselves
 * already show it is ambiguous.
 */
const MAX_FIRST_PASS_HITS = 64;

export type QuoteContext = {
  prefix?: string;
  suffix?: string;
  /** Expected UTF-16 start of the quote (from the stored position selector). */
  hint?: number;
};

export type ScoredMatch = {
  start: number;
  end: number;
  /** Edit distance between the quote and `text.slice(start, end)`. */
  errors: number;
  /** Normalised 0–1 score from quote, prefix, suffix and position. */
  score: number;
  /** The same without the position term: what the text itself says. */
  contentScore: number;
};

export type FuzzyOptions = {
  /** A candidate below this normalised score is not accepted. */
  minScore: number;
  margin?: number;
  window?: number;
};

export type FuzzyResult =
  | { status: "match"; match: ScoredMatch; runnerUp?: ScoredMatch }
  | { status: "none" }
  | { status: "weak"; best: ScoredMatch }
  | { status: "ambiguous"; best: ScoredMatch; runnerUp: ScoredMatch };

type RawMatch = { start: number; end: number; errors: number };

/** Start offsets of every (possibly overlapping) exact occurrence of `quote`. */
export function findExactOccurrences(text: string, quote: string): number[] {
  const starts: number[] = [];
  if (quote.length === 0) return starts;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) starts.push(i);
  return starts;
}

/**
 * Number of characters that agree between the stored context and the text
 * immediately around [start, end): the common tail of the prefix with the text
 * before, plus the common head of the suffix with the text after. Cheap and
 * exact, which is what choosing among identical occurrences needs.
 */
export function contextAgreement(text: string, start: number, end: number, prefix = "", suffix = ""): number {
  let before = 0;
  while (
    before < prefix.length &&
    start - before - 1 >= 0 &&
    text.charCodeAt(start - before - 1) === prefix.charCodeAt(prefix.length - before - 1)
  ) {
    before++;
  }
  let after = 0;
  while (after < suffix.length && end + after < text.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) {
    after++;
  }
  return before + after;
}

/**
 * Similarity (0–1) of `str` to its best approximate occurrence in `text`,
 * i.e. 1 − edit distance / length. Used for prefix and suffix, where only a
 * rough measure is needed.
 */
export function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  if (text.includes(str)) return 1;
  const best = approxSearch(text, str, str.length)[0];
  return best ? Math.max(0, 1 - best.errors / str.length) : 0;
}

/** Scores one candidate location of `quote` (hypothesis-style weighted sum). */
export function scoreMatch(text: string, quote: string, match: RawMatch, context: QuoteContext): ScoredMatch {
  const quoteScore = quote.length === 0 ? 0 : Math.max(0, 1 - match.errors / quote.length);
  const prefixScore = context.prefix
    ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix)
    : edgeScore(text.slice(Math.max(0, match.start - EDGE_PROBE), match.start), match.start <= EDGE_PROBE);
  const suffixScore = context.suffix
    ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix)
    : edgeScore(text.slice(match.end, match.end + EDGE_PROBE), match.end + EDGE_PROBE >= text.length);
  const positionScore =
    context.hint === undefined ? 1 : Math.max(0, 1 - Math.abs(match.start - context.hint) / Math.max(1, text.length));

  const content = WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore;
  return {
    ...match,
    score: (content + WEIGHTS.position * positionScore) / TOTAL_WEIGHT,
    contentScore: content / TOTAL_WEIGHT,
  };
}

const EDGE_PROBE = 32;

/**
 * Score for a side whose stored context is empty, i.e. the quote was at the
 * very start or end of the text. Hypothesis counts that as full agreement,
 * which hands a free 20 points to any look-alike of the article's last
 * sentence. Instead: full agreement only if the candidate is also at the edge
 * (give or take whitespace); otherwise neutral, since text may simply have
 * been added before or after.
 */
function edgeScore(between: string, reachesEdge: boolean): number {
  return reachesEdge && between.trim() === "" ? 1 : 0.5;
}

/**
 * Among the exact occurrences of `quote`, picks the one whose surroundings
 * agree best with the stored prefix/suffix, then the one closest to the hint.
 * Returns null if the quote does not occur at all.
 */
export function pickExactMatch(text: string, quote: string, context: QuoteContext): ScoredMatch | null {
  const starts = findExactOccurrences(text, quote);
  let best: { start: number; agreement: number; distance: number } | null = null;
  for (const start of starts) {
    const agreement = contextAgreement(text, start, start + quote.length, context.prefix, context.suffix);
    const distance = context.hint === undefined ? 0 : Math.abs(start - context.hint);
    if (!best || agreement > best.agreement || (agreement === best.agreement && distance < best.distance)) {
      best = { start, agreement, distance };
    }
  }
  if (!best) return null;
  return scoreMatch(text, quote, { start: best.start, end: best.start + quote.length, errors: 0 }, context);
}

/**
 * The largest edit distance that could still reach `minScore` if prefix,
 * suffix and position all agreed perfectly. Searching with more errors only
 * finds candidates we would reject; searching with fewer could miss an
 * acceptable one. Capped at half the quote (hypothesis) and at 256.
 */
export function maxErrorsFor(quoteLength: number, minScore: number): number {
  const contextOnly = WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;
  const fraction = 1 - (minScore * TOTAL_WEIGHT - contextOnly) / WEIGHTS.quote;
  const clamped = Math.min(0.5, Math.max(0, fraction));
  return Math.min(MAX_ERRORS_CAP, Math.floor(quoteLength * clamped));
}

/**
 * Approximate search for `quote`, accepting a candidate only if it scores at
 * least `minScore` and no rival at another location comes within `margin`.
 *
 * Looks in a window around `context.hint` first (an edited article mostly
 * keeps claims near where they were, and this keeps a 600 kB article cheap),
 * then in the whole text. A consequence: a good, unique match in the window
 * wins over a look-alike further away, just as the nearest of several exact
 * occurrences does.
 */
export function matchQuoteFuzzy(text: string, quote: string, context: QuoteContext, opts: FuzzyOptions): FuzzyResult {
  if (quote.length === 0 || text.length === 0) return { status: "none" };
  const margin = opts.margin ?? DEFAULT_AMBIGUITY_MARGIN;
  const window = opts.window ?? DEFAULT_SEARCH_WINDOW;
  const maxErrors = maxErrorsFor(quote.length, opts.minScore);

  const evaluate = (lo: number, hi: number): FuzzyResult => {
    const scored = gatherCandidates(text, quote, lo, hi, maxErrors).map((m) => scoreMatch(text, quote, m, context));
    const result = judge(scored, opts.minScore, margin);
    return result.status === "match" ? { ...result, match: snapToWords(text, quote, result.match, context) } : result;
  };

  if (context.hint !== undefined) {
    const lo = Math.max(0, context.hint - window);
    const hi = Math.min(text.length, context.hint + quote.length + window);
    const local = evaluate(lo, hi);
    // A rival inside the window is still a rival in the whole text, so only a
    // weak or empty local result is worth a whole-text search.
    if (local.status === "match" || local.status === "ambiguous") return local;
    if (lo === 0 && hi === text.length) return local;
  }
  return evaluate(0, text.length);
}

/**
 * Candidate locations of `quote` in text[lo, hi).
 *
 * approx-string-match only reports the matches with the lowest error count.
 * That hides a real (edited) passage whenever a decoy elsewhere happens to have
 * fewer errors, and it hides the runner-up we need to detect ambiguity. So we
 * search a second time in the gaps between the first pass's hits.
 */
function gatherCandidates(text: string, quote: string, lo: number, hi: number, maxErrors: number): RawMatch[] {
  const first = searchRange(text, quote, lo, hi, maxErrors);
  if (first.length === 0 || first.length > MAX_FIRST_PASS_HITS) return first;

  const minMatchLength = Math.max(1, quote.length - maxErrors);
  const second: RawMatch[] = [];
  let cursor = lo;
  for (const span of mergeSpans(first)) {
    if (span.start - cursor >= minMatchLength) second.push(...searchRange(text, quote, cursor, span.start, maxErrors));
    cursor = Math.max(cursor, span.end);
  }
  if (hi - cursor >= minMatchLength) second.push(...searchRange(text, quote, cursor, hi, maxErrors));
  return first.concat(second);
}

function searchRange(text: string, quote: string, lo: number, hi: number, maxErrors: number): RawMatch[] {
  if (hi - lo <= 0) return [];
  return approxSearch(text.slice(lo, hi), quote, maxErrors).map((m) => ({
    start: m.start + lo,
    end: m.end + lo,
    errors: m.errors,
  }));
}

/** Union of overlapping/adjacent spans, sorted by start. */
function mergeSpans(matches: RawMatch[]): { start: number; end: number }[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  const spans: { start: number; end: number }[] = [];
  for (const m of sorted) {
    const last = spans[spans.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else spans.push({ start: m.start, end: m.end });
  }
  return spans;
}

/**
 * Best candidate by total score; it must clear `minScore` and beat every
 * candidate that does not overlap it by `margin` in content score. Position is
 * left out of the rivalry test on purpose: being nearer the old location is
 * not evidence enough to prefer one of two equally similar passages.
 */
function judge(candidates: ScoredMatch[], minScore: number, margin: number): FuzzyResult {
  let best: ScoredMatch | undefined;
  for (const c of candidates) if (!best || c.score > best.score) best = c;
  if (!best) return { status: "none" };

  let runnerUp: ScoredMatch | undefined;
  for (const c of candidates) {
    const overlaps = c.start < best.end && c.end > best.start;
    if (!overlaps && (!runnerUp || c.contentScore > runnerUp.contentScore)) runnerUp = c;
  }

  if (best.score < minScore) return { status: "weak", best };
  if (runnerUp && best.contentScore - runnerUp.contentScore < margin) return { status: "ambiguous", best, runnerUp };
  return runnerUp ? { status: "match", match: best, runnerUp } : { status: "match", match: best };
}

/** Longest stretch a fuzzy match may be widened by to reach a word boundary. */
const WORD_SNAP_LIMIT = 10;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/**
 * Approximate alignment happily starts or ends a match mid-word: for the
 * quote "Iran-backed groups" in "Iranian-backed groups", "nian-backed
 * groups" costs 2 edits and the whole word 3. If the original quote began
 * (ended) on a word boundary, widen the match to the boundary of the word it
 * cuts, as long as that word edge is near.
 */
export function snapToWords(text: string, quote: string, match: ScoredMatch, context: QuoteContext): ScoredMatch {
  let { start, end } = match;
  const quoteStartsWord = !isWordChar(quote[0]) || !isWordChar(context.prefix?.at(-1));
  if (quoteStartsWord && isWordChar(text[start]) && isWordChar(text[start - 1])) {
    let s = start;
    while (s > 0 && start - s < WORD_SNAP_LIMIT && isWordChar(text[s - 1])) s--;
    if (!isWordChar(text[s - 1])) start = s;
  }
  const quoteEndsWord = !isWordChar(quote.at(-1)) || !isWordChar(context.suffix?.[0]);
  if (quoteEndsWord && isWordChar(text[end - 1]) && isWordChar(text[end])) {
    let e = end;
    while (e < text.length && e - end < WORD_SNAP_LIMIT && isWordChar(text[e])) e++;
    if (!isWordChar(text[e])) end = e;
  }
  return start === match.start && end === match.end ? match : { ...match, start, end };
}

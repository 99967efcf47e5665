/**
 * Anchoring: turning a selected range of article text into durable selectors
 * (`describe`) and finding those selectors again after the article has been
 * edited (`anchor`). Framework-free: no React, DOM or Next imports, so the
 * same code runs in the editor, on the server and in tests.
 *
 * Modelled on hypothesis/client's src/annotator/anchoring: position first,
 * then exact quote, then fuzzy quote with context. The one deliberate
 * difference is that a weak or ambiguous match becomes an orphan: for a
 * fact-check, a claim shown on the wrong sentence is worse than a claim shown
 * as "needs re-attaching".
 */
import { matchQuoteFuzzy, pickExactMatch, type QuoteContext } from "./match-quote";
import { createTextModel } from "./text-model";
import type { AnchorOptions, AnchorResult, ClaimSelectors, Range16, TextModel } from "./types";

export { createTextModel };
export type {
  AnchorOptions,
  AnchorResult,
  ClaimSelectors,
  Range16,
  TextModel,
  TextPositionSelector,
  TextQuoteSelector,
} from "./types";

/** Context stored on each side of a quote, in code points (as hypothesis). */
export const CONTEXT_LENGTH = 32;

export const DEFAULT_MIN_SCORE = 0.8;

/**
 * An exact match of a quote at least this long (code points) is accepted even
 * if its surroundings changed: it carries as much evidence as the stored
 * context itself. Shorter quotes ("Iraq", "42%") occur all over an article, so
 * their exact matches must also agree with the context to be trusted.
 */
const SELF_EVIDENT_QUOTE_LENGTH = CONTEXT_LENGTH;

/**
 * Describes `range` of the model's text as selectors. The range is widened to
 * whole code points (never half an emoji) and clamped to the text; it is not
 * trimmed — call `trimRange` first for a raw mouse selection.
 */
export function describe(model: TextModel, range: Range16): ClaimSelectors {
  const { start, end } = orderedClamped(model, range);
  const startCp = model.toCodePoint(start);
  const endCp = ceilCodePoint(model, end);
  const start16 = model.toUtf16(startCp);
  const end16 = model.toUtf16(endCp);
  const prefixStart16 = model.toUtf16(Math.max(0, startCp - CONTEXT_LENGTH));
  const suffixEnd16 = model.toUtf16(Math.min(model.lengthCodePoints, endCp + CONTEXT_LENGTH));
  return {
    quote: {
      type: "TextQuoteSelector",
      exact: model.text.slice(start16, end16),
      prefix: model.text.slice(prefixStart16, start16),
      suffix: model.text.slice(end16, suffixEnd16),
    },
    position: { type: "TextPositionSelector", start: startCp, end: endCp },
  };
}

/**
 * Shrinks `range` so it neither starts nor ends with whitespace (mouse
 * selections often grab a trailing space, which would make the quote fragile).
 * A whitespace-only range collapses to an empty range at its start.
 */
export function trimRange(model: TextModel, range: Range16): Range16 {
  let { start, end } = orderedClamped(model, range);
  const text = model.text;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/**
 * Finds `selectors` in the model's text.
 *
 * 1. Position: the stored code-point range still holds the exact quote.
 * 2. Exact quote: pick among occurrences by context, then by distance from
 *    the old position. Short quotes must also agree with their context.
 * 3. Fuzzy quote: approximate match scored on quote, context and position;
 *    accepted only if it scores ≥ `minScore` and has no close rival.
 * Anything else is an orphan, with the reason.
 */
export function anchor(model: TextModel, selectors: ClaimSelectors, opts: AnchorOptions = {}): AnchorResult {
  const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
  const { exact, prefix, suffix } = selectors.quote;
  if (exact.length === 0) return { status: "orphan", reason: "empty quote" };

  let hint: number | undefined;
  const position = selectors.position;
  if (isUsablePosition(position)) {
    const start16 = model.toUtf16(position.start);
    const end16 = model.toUtf16(position.end);
    if (model.text.slice(start16, end16) === exact) {
      return { status: "anchored", range: { start: start16, end: end16 }, method: "position", score: 1 };
    }
    hint = start16;
  }

  const context: QuoteContext = { prefix, suffix, hint };
  const exactMatch = pickExactMatch(model.text, exact, context);
  if (exactMatch && (exactMatch.score >= minScore || countCodePoints(exact) >= SELF_EVIDENT_QUOTE_LENGTH)) {
    return {
      status: "anchored",
      range: { start: exactMatch.start, end: exactMatch.end },
      method: "quote",
      score: exactMatch.score,
    };
  }
  // A short quote whose exact occurrences all sit in the wrong context falls
  // through: the fuzzy pass may find the real, slightly edited passage.

  const fuzzy = matchQuoteFuzzy(model.text, exact, context, { minScore });
  switch (fuzzy.status) {
    case "match": {
      const range = snapToCodePoints(model, fuzzy.match);
      return { status: "anchored", range, method: "fuzzy", score: fuzzy.match.score };
    }
    case "none":
      return { status: "orphan", reason: "quote not found in the text" };
    case "weak":
      return {
        status: "orphan",
        reason: `closest match is too different (score ${fuzzy.best.score.toFixed(2)} < ${minScore})`,
      };
    case "ambiguous":
      return {
        status: "orphan",
        reason: `ambiguous: several passages match about equally well (${fuzzy.best.contentScore.toFixed(2)} vs ${fuzzy.runnerUp.contentScore.toFixed(2)})`,
      };
  }
}

/** Anchors every claim against the same model (the model is built once). */
export function anchorAll(model: TextModel, list: ClaimSelectors[], opts: AnchorOptions = {}): AnchorResult[] {
  return list.map((selectors) => anchor(model, selectors, opts));
}

function isUsablePosition(position: ClaimSelectors["position"] | undefined): boolean {
  return (
    !!position &&
    Number.isInteger(position.start) &&
    Number.isInteger(position.end) &&
    position.start >= 0 &&
    position.end >= position.start
  );
}

function orderedClamped(model: TextModel, range: Range16): Range16 {
  const clamp = (n: number) => (n > 0 ? Math.min(Math.floor(n), model.length16) : 0);
  const a = clamp(range.start);
  const b = clamp(range.end);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/** Code point offset of `u16`, rounding UP when it falls inside a surrogate pair. */
function ceilCodePoint(model: TextModel, u16: number): number {
  const cp = model.toCodePoint(u16);
  return model.toUtf16(cp) < u16 ? cp + 1 : cp;
}

/**
 * approx-string-match works on UTF-16 units, so a fuzzy match can begin or
 * end between the halves of an emoji; widen it to whole code points.
 */
function snapToCodePoints(model: TextModel, range: Range16): Range16 {
  return {
    start: model.toUtf16(model.toCodePoint(range.start)),
    end: model.toUtf16(ceilCodePoint(model, range.end)),
  };
}

function isWhitespace(code: number): boolean {
  return /\s/.test(String.fromCharCode(code));
}

function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Skip the low half of a well-formed pair so the pair counts once.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

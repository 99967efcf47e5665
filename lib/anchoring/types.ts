/**
 * Types shared by the anchoring modules.
 *
 * Claims are stored as W3C Web Annotation selectors so they survive edits of
 * the article: a TextQuoteSelector (the quoted text plus some context) and a
 * TextPositionSelector (a cheap hint of where the quote was). Positions in
 * stored selectors are Unicode code points, as the W3C model requires, so they
 * mean the same thing to any consumer (Python, Postgres, another browser).
 * Everything that talks to JavaScript strings uses UTF-16 offsets (`Range16`).
 */

/** The quoted text and up to 32 code points of context on either side. */
export type TextQuoteSelector = {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
};

/** Start/end offsets in Unicode CODE POINTS (end exclusive), per W3C. */
export type TextPositionSelector = {
  type: "TextPositionSelector";
  start: number;
  end: number;
};

/** What we persist for each claim. */
export type ClaimSelectors = {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
};

/** UTF-16 code unit offsets (JS string indices), end exclusive. */
export type Range16 = { start: number; end: number };

/**
 * Result of re-attaching a claim to (possibly edited) text.
 *
 * `score` is a 0–1 confidence: 1 when the stored position still holds the
 * exact quote, otherwise the weighted quote/context/position similarity of the
 * chosen match. An orphan is a claim we refuse to place rather than risk
 * placing it on the wrong sentence.
 */
export type AnchorResult =
  | { status: "anchored"; range: Range16; method: "position" | "quote" | "fuzzy"; score: number }
  | { status: "orphan"; reason: string };

export type AnchorOptions = {
  /**
   * Minimum normalised score (0–1) a fuzzy match needs to be accepted; also
   * required of exact matches of short quotes (see `anchor`). Default 0.8.
   */
  minScore?: number;
};

/**
 * Immutable view of a text with fast UTF-16 ⇄ code point conversion.
 * Offsets are clamped to the text; an offset inside a surrogate pair rounds
 * down to the start of the pair.
 */
export interface TextModel {
  readonly text: string;
  /** `text.length` (UTF-16 code units). */
  readonly length16: number;
  /** Number of Unicode code points (a lone surrogate counts as one). */
  readonly lengthCodePoints: number;
  toCodePoint(u16Offset: number): number;
  toUtf16(cpOffset: number): number;
}

/**
 * The one search normaliser. The FTS5 indexes (migration 0004) hold text
 * passed through {@link normaliseSql} by SQL triggers, and every query is
 * passed through {@link normaliseForSearch} before it is tokenised: both are
 * built from the one table below, so the two sides cannot drift apart (a DB
 * test compares them character by character).
 *
 * The table covers only what the FTS5 tokenizer (`unicode61
 * remove_diacritics 2`, measured in db/queries/search.test.ts) does not:
 *   - case, Latin diacritics (é → e, ø → o), and every quote, apostrophe and
 *     dash are handled by the tokenizer on both sides: punctuation separates
 *     tokens, so "Iraq’s" and "Iraq's" are both the tokens `iraq` `s`, and
 *     "well–known" and "well-known" both `well` `known`;
 *   - Arabic is not: harakat are combining marks the tokenizer treats as
 *     separators (كَتَبَ would become three one-letter tokens), tatweel is a
 *     letter to it (كـــتب ≠ كتب), and alef/yeh/teh marbuta forms are distinct
 *     letters. These are mapped here, as Lucene's ArabicNormalizer does;
 *   - the two control characters the snippets use as hit markers are removed
 *     from indexed text, so stored text can never forge a highlight.
 * Numbers written with separators ("1,000", "1 000", "1.000") are split by
 * the tokenizer into `1` `000` on both sides; lib/search/query.ts matches a
 * number typed either way against both spellings.
 *
 * Triggers cannot call JavaScript, so this must stay expressible as nested
 * SQL replace() calls: single characters to fixed strings only.
 */

/** Hit markers in FTS5 snippet() output (see db/queries/search.ts). */
export const HIT_START = "\u0002";
export const HIT_END = "\u0003";

const HARAKAT = [
  "\u064B", // fathatan
  "\u064C", // dammatan
  "\u064D", // kasratan
  "\u064E", // fatha
  "\u064F", // damma
  "\u0650", // kasra
  "\u0651", // shadda
  "\u0652", // sukun
  "\u0653", // maddah above
  "\u0654", // hamza above
  "\u0655", // hamza below
  "\u0670", // superscript alef
];

/** [from, to] pairs, applied in order. Every `from` is one UTF-16 code unit. */
export const SEARCH_CHAR_MAP: readonly (readonly [string, string])[] = [
  [HIT_START, " "],
  [HIT_END, " "],
  ["\u0640", ""], // tatweel
  ...HARAKAT.map((c) => [c, ""] as const),
  ["\u0622", "\u0627"], // alef with madda → alef
  ["\u0623", "\u0627"], // alef with hamza above → alef
  ["\u0625", "\u0627"], // alef with hamza below → alef
  ["\u0671", "\u0627"], // alef wasla → alef
  ["\u0649", "\u064A"], // alef maksura → yeh
  ["\u06CC", "\u064A"], // Farsi yeh → yeh
  ["\u0629", "\u0647"], // teh marbuta → heh
];

/**
 * SQLite's parser overflows its stack at about 28 nested function calls
 * (measured with libSQL 3.45.1), so the map must stay under that: this is
 * why Arabic-Indic digits are not folded to ASCII digits.
 */
export const MAX_SEARCH_CHAR_MAP = 24;

const MAP = new Map(SEARCH_CHAR_MAP);
const PATTERN = new RegExp(`[${SEARCH_CHAR_MAP.map(([from]) => `\\u${from.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}]`, "g");

/** The query side: exactly what {@link normaliseSql} does to indexed text. */
export function normaliseForSearch(text: string): string {
  return text.replace(PATTERN, (c) => MAP.get(c) ?? c);
}

/** A SQL string literal for one of the map's characters (char() keeps the migration ASCII and unambiguous). */
function sqlLiteral(s: string): string {
  if (s === "") return "''";
  if (/^[\x20-\x7e]+$/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  return `char(${[...s].map((c) => c.codePointAt(0)).join(", ")})`;
}

/** The index side: the SQL expression the triggers of migration 0004 apply to `expr`. */
export function normaliseSql(expr: string): string {
  let out = expr;
  for (const [from, to] of SEARCH_CHAR_MAP) out = `replace(${out}, ${sqlLiteral(from)}, ${sqlLiteral(to)})`;
  return out;
}

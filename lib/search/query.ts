/**
 * What a person types into the search box → a safe FTS5 MATCH expression.
 *
 * Nothing the user types reaches FTS5 as syntax: every word is reduced to its
 * letter-and-digit tokens and re-emitted inside double quotes, so AND, OR,
 * NOT, NEAR, `*`, `^`, `:`, parentheses and column filters are plain words
 * (or separators) to the index, never operators. The rules:
 *   - "a quoted phrase" (straight or curly quotes) matches those words in that
 *     order, exactly; an unclosed quote runs to the end of the input;
 *   - every other word matches as a prefix ("milit" finds "militias"); a
 *     word with punctuation inside ("Iraq's", "Iran-backed") matches as the
 *     phrase of its parts, the last part as a prefix;
 *   - a number matches whether it was written with group separators or not
 *     ("1000" finds "1,000" and "1 000"; "1,000" finds "1000");
 *   - all terms must match (AND).
 * The input goes through the same normaliser as the index (lib/search/normalise.ts).
 */
import { normaliseForSearch } from "./normalise";

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TERMS = 12;

export type ParsedQuery =
  | { status: "ok"; match: string; terms: string[] }
  | { status: "empty" }
  | { status: "invalid"; message: string };

/** Token characters as the unicode61 tokenizer sees them (categories L*, N*, Co); everything else separates. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const OPEN_QUOTES = new Set(['"', "“", "”", "„", "«", "»", "″"]);
/** A number with thousands separators (comma, dot, apostrophe, space, no-break or thin space). */
const GROUPED_NUMBER = /^\d{1,3}(?:[,.'\u00a0\u202f\u2009 ]\d{3})+$/;

const tokensOf = (text: string) => text.match(TOKEN) ?? [];
/** A token inside an FTS5 string: tokens never hold a quote, but escape as FTS5 requires all the same. */
const quoted = (tokens: string[]) => `"${tokens.join(" ").replace(/"/g, '""')}"`;

/** Both spellings of a number: grouped by threes ("1 000", which also matches 1,000 and 1.000) and ungrouped. */
function numberTerm(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.length > 1 ? `(${quoted([digits])} OR ${quoted(groups)})` : quoted([digits]);
}

function wordTerm(word: string): string | null {
  if (GROUPED_NUMBER.test(word) || /^\d{4,}$/.test(word)) return numberTerm(word.replace(/\D/g, ""));
  const tokens = tokensOf(word);
  const last = tokens.at(-1);
  if (!last) return null;
  // One-letter and all-digit endings match exactly: "Iraq's" must not find "Iraq says", nor "4" find "40".
  const prefix = [...last].length >= 2 && !/^\p{N}+$/u.test(last);
  return quoted(tokens) + (prefix ? "*" : "");
}

export function parseSearchQuery(input: unknown): ParsedQuery {
  if (typeof input !== "string") return { status: "empty" };
  const text = normaliseForSearch(input).trim();
  if (!text) return { status: "empty" };
  if ([...text].length > MAX_QUERY_LENGTH) return { status: "invalid", message: `Keep the search under ${MAX_QUERY_LENGTH} characters.` };

  const terms: string[] = [];
  const shown: string[] = [];
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (OPEN_QUOTES.has(c)) {
      let j = i + 1;
      while (j < chars.length && !OPEN_QUOTES.has(chars[j]!)) j++;
      const phrase = chars.slice(i + 1, j).join("");
      const tokens = tokensOf(phrase);
      if (tokens.length) {
        terms.push(quoted(tokens));
        shown.push(`“${phrase.trim()}”`);
      }
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/u.test(chars[j]!) && !OPEN_QUOTES.has(chars[j]!)) j++;
    const word = chars.slice(i, j).join("");
    const term = wordTerm(word);
    if (term) {
      terms.push(term);
      shown.push(word);
    }
    i = j;
  }
  if (!terms.length) return { status: "empty" };
  if (terms.length > MAX_QUERY_TERMS) return { status: "invalid", message: `Search for at most ${MAX_QUERY_TERMS} words or phrases at a time.` };
  return { status: "ok", match: terms.join(" AND "), terms: shown };
}

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

/** One way a term can match: a phrase of tokens, the last one possibly a prefix. */
export type Alternative = { tokens: string[]; prefix: boolean };
/** A term: any of its alternatives (a number's two spellings), all terms required. */
export type Clause = Alternative[];

/**
 * The indexed terms a one-token prefix stands for (bench:search measured: an
 * OR of exact terms streams through FTS5, a prefix builds its whole doclist
 * first), or null to leave the prefix to FTS5.
 */
export type PrefixExpander = (token: string) => string[] | null;

export type ParsedQuery =
  | { status: "ok"; match: string; clauses: Clause[]; terms: string[] }
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
function numberClause(digits: string): Clause {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.length > 1 ? [{ tokens: [digits], prefix: false }, { tokens: groups, prefix: false }] : [{ tokens: [digits], prefix: false }];
}

function wordClause(word: string): Clause | null {
  if (GROUPED_NUMBER.test(word) || /^\d{4,}$/.test(word)) return numberClause(word.replace(/\D/g, ""));
  const tokens = tokensOf(word);
  const last = tokens.at(-1);
  if (!last) return null;
  // One-letter and all-digit endings match exactly: "Iraq's" must not find "Iraq says", nor "4" find "40".
  const prefix = [...last].length >= 2 && !/^\p{N}+$/u.test(last);
  return [{ tokens, prefix }];
}

/** The FTS5 MATCH expression of parsed clauses; `expand` may replace one-token prefixes by the terms they stand for. */
export function matchExpression(clauses: Clause[], expand?: PrefixExpander): string {
  const alternative = (a: Alternative): string[] => {
    if (a.prefix && a.tokens.length === 1 && expand) {
      const terms = expand(a.tokens[0]!);
      if (terms && terms.length) return terms.map((t) => quoted([t]));
    }
    return [quoted(a.tokens) + (a.prefix ? "*" : "")];
  };
  return clauses
    .map((clause) => {
      const parts = clause.flatMap(alternative);
      return parts.length > 1 ? `(${parts.join(" OR ")})` : parts[0]!;
    })
    .join(" AND ");
}

/**
 * A token as the unicode61 tokenizer stores it (lower case; Latin letters
 * without diacritics, as remove_diacritics 2 does), for looking prefixes up
 * in the index's vocabulary. Other scripts are left as typed: if the
 * tokenizer folds them differently, the lookup finds nothing and the prefix
 * is left to FTS5, which is slower but never wrong.
 */
export function foldToken(token: string): string {
  let out = "";
  for (const c of token.toLowerCase()) out += c.codePointAt(0)! < 0x250 ? c.normalize("NFD").replace(/\p{M}/gu, "") : c;
  return out;
}

export function parseSearchQuery(input: unknown): ParsedQuery {
  if (typeof input !== "string") return { status: "empty" };
  const text = normaliseForSearch(input).trim();
  if (!text) return { status: "empty" };
  if ([...text].length > MAX_QUERY_LENGTH) return { status: "invalid", message: `Keep the search under ${MAX_QUERY_LENGTH} characters.` };

  const clauses: Clause[] = [];
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
        clauses.push([{ tokens, prefix: false }]);
        shown.push(`“${phrase.trim()}”`);
      }
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/u.test(chars[j]!) && !OPEN_QUOTES.has(chars[j]!)) j++;
    const word = chars.slice(i, j).join("");
    const clause = wordClause(word);
    if (clause) {
      clauses.push(clause);
      shown.push(word);
    }
    i = j;
  }
  if (!clauses.length) return { status: "empty" };
  if (clauses.length > MAX_QUERY_TERMS) return { status: "invalid", message: `Search for at most ${MAX_QUERY_TERMS} words or phrases at a time.` };
  return { status: "ok", match: matchExpression(clauses), clauses, terms: shown };
}

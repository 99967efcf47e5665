/**
 * The words "Checked before" asks the claims index for (db/queries/matching.ts),
 * as phrases of index tokens (what FTS5's unicode61 tokenizer makes of them):
 *   - each content word, and its nearest GloVe neighbours, so that a claim
 *     worded with other words is still among the candidates;
 *   - each number as written and in its other spellings ("4" and "four",
 *     "48000" and "48 000");
 *   - each place by all its names ("UK", "Britain", "British").
 * The facts are compared afterwards; these only decide what is looked at.
 */
import { foldToken } from "@/lib/search/query";
import { STOP_WORDS, type ClaimFeatures, type NumberFact } from "./features";
import { COUNTRY_ALIASES } from "./places";
import type { WordVectors } from "./word-vectors";

export const NEIGHBOURS = { count: 4, minSimilarity: 0.62 } as const;
const MAX_TERMS = 80;

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
const TENS: Record<number, string> = { 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety" };

const ALIASES_BY_PLACE = new Map<string, string[]>();
for (const [alias, key] of COUNTRY_ALIASES) ALIASES_BY_PLACE.set(key, [...(ALIASES_BY_PLACE.get(key) ?? []), alias]);

/** Index tokens of a piece of text. */
export function indexTokens(text: string): string[] {
  return [...text.matchAll(/[\p{L}\p{N}\p{Co}]+/gu)].map((m) => foldToken(m[0]));
}

function numberSpellings(n: NumberFact): string[][] {
  const out = [indexTokens(n.text.replace(/%$/, ""))];
  const v = n.value;
  if (Number.isInteger(v)) {
    out.push([String(v)]);
    if (v >= 1000) out.push(indexTokens(v.toLocaleString("en-GB")));
    if (v <= 20) out.push([NUMBER_WORDS[v]!]);
    else if (TENS[v]) out.push([TENS[v]!]);
    for (const [word, size] of [["million", 1e6], ["billion", 1e9], ["trillion", 1e12]] as const) {
      if (v >= size && v % (size / 10) === 0) out.push([...indexTokens(String(v / size)), word]);
    }
  } else out.push(indexTokens(String(v)));
  return out;
}

/**
 * What to look up, in two parts: the facts (each a group of alternative
 * spellings: a number, a year, a place by any of its names), which a match
 * must share anyway, and the words with their neighbours.
 */
export type LookupTerms = { facts: string[][][]; words: string[][] };

const SHARE_WORDS: Record<number, string[]> = { 10: ["tenth"], 20: ["fifth"], 25: ["quarter"], 50: ["half"], 75: ["quarters"] };

export function lookupTerms(features: ClaimFeatures, vectors: WordVectors): LookupTerms {
  const facts: string[][][] = [];
  for (const n of features.numbers) {
    const spellings = numberSpellings(n);
    if (n.unit === "percent") {
      const rounded = Math.round(n.value);
      for (const w of SHARE_WORDS[rounded] ?? []) spellings.push([w]);
      if (Math.abs(n.value - 100 / 3) < 1) spellings.push(["third"], ["33"]);
      if (Math.abs(n.value - 200 / 3) < 1) spellings.push(["thirds"], ["67"]);
      if (Math.abs(n.value - 100 / 3) < 1 || Math.abs(n.value - 200 / 3) < 1) spellings.push(["in", "three"]);
      if (rounded === 20) spellings.push(["in", "five"]);
      if (rounded === 10) spellings.push(["in", "ten"]);
      if (rounded === 50) spellings.push(["in", "two"]);
    }
    facts.push(unique(spellings));
  }
  for (const d of features.dates) if (d.length === 4) facts.push([[d]]);
  for (const place of features.entities) {
    const aliases = ALIASES_BY_PLACE.get(place);
    if (aliases) facts.push(unique(aliases.map(indexTokens)));
  }
  const words: string[][] = [];
  for (const word of features.words) words.push(indexTokens(word));
  for (const word of features.words) {
    if (features.entities.includes(word)) continue;
    for (const near of vectors.neighbours(word, NEIGHBOURS)) if (!STOP_WORDS.has(near)) words.push(indexTokens(near));
  }
  return { facts, words: unique(words).slice(0, MAX_TERMS) };
}

function unique(phrases: string[][]): string[][] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = p.join(" ");
    if (!p.length || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every phrase of both parts, for one OR query. */
export function candidateTerms(features: ClaimFeatures, vectors: WordVectors): string[][] {
  const { facts, words } = lookupTerms(features, vectors);
  return unique([...facts.flat(), ...words]).slice(0, MAX_TERMS);
}

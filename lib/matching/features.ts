/**
 * What a claim asserts, reduced to what "Checked before" compares
 * (lib/matching/match.ts): its content words, and the facts where two
 * similar-sounding claims differ — numbers with their units, years and months,
 * named places and people, negation, and the direction of a change.
 *
 * Written rules, no model: every fact is found by a pattern a person can read
 * here, so a match can say in words why it was kept or set apart. Numbers are
 * normalised so that "4%", "4 percent" and "four per cent" are the same fact,
 * and "$1.2bn" and "1,200 million dollars" too.
 */
import { normaliseForSearch } from "@/lib/search/normalise";
import { COUNTRY_ALIASES } from "./places";

export type NumberUnit = "percent" | "points" | "money" | "count" | "times";
export type NumberFact = {
  value: number;
  unit: NumberUnit;
  /** As written, for messages. */
  text: string;
  /** A share written in words ("a third", "one in three"): equal to a figure within one point. */
  approx?: boolean;
};

export type ClaimFeatures = {
  /** Content words, lower case, in order (stop words, numbers and negators removed). */
  words: string[];
  numbers: NumberFact[];
  /** Years (and "YYYY-MM" when a month is named). */
  dates: string[];
  /** Canonical keys of named places and people: "france", "emmanuel macron". */
  entities: string[];
  /** An odd number of negators ("not", "never", "no", "n't", "neither", "nor"). */
  negated: boolean;
  direction: "up" | "down" | null;
};

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but if then so of to in on at by for from with without into onto over under about as than that this these those it its " +
    "is are was were be been being am has have had having do does did will would shall should can could may might must " +
    "i you he she we they me him her us them my your his our their who whom whose which what when where why how " +
    "there here also just only very really quite some any each every all both such own same other another again further once " +
    "said says say told according claimed claims claim stated states reported report reports announced"
  ).split(" "),
);

const NEGATORS = new Set(["not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "nowhere", "cannot"]);
/** "No country has more refugees than Turkey" says "Turkey has the most": a comparison, not a negation. */
const COMPARATIVE_NEGATORS = new Set(["no", "none", "nobody", "nothing", "nowhere"]);

/** Words that say which way a figure moved; "more"/"less" count, as comparisons are directions too. */
const UP = new Set(
  "rose rise rises rising risen increase increased increases increasing grew grow grows growing climbed climb climbs climbing jumped jump jumps soared soar soars surged surge surges doubled tripled quadrupled gained gain gains higher more up boosted boost raised raise raises expanded expand".split(
    " ",
  ),
);
const DOWN = new Set(
  "fell fall falls falling fallen dropped drop drops dropping decreased decrease decreases decreasing declined decline declines declining shrank shrink shrinks shrunk slumped slump plunged plunge plummeted tumbled slipped halved cut cuts lower less fewer down reduced reduce reduces lost loses lose".split(
    " ",
  ),
);

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const MULTIPLIERS: Record<string, number> = {
  hundred: 100, thousand: 1e3, k: 1e3, million: 1e6, millions: 1e6, m: 1e6, mn: 1e6, billion: 1e9, billions: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};
const FRACTIONS: Record<string, number> = { half: 50, third: 100 / 3, thirds: 100 / 3, quarter: 25, quarters: 25, fifth: 20, fifths: 20, tenth: 10, tenths: 10 };
const CURRENCY_WORDS = new Set(["dollar", "dollars", "pound", "pounds", "euro", "euros", "yen", "rupees", "usd", "gbp", "eur", "sterling"]);
const CURRENCY_SYMBOLS = new Set(["$", "£", "€", "¥", "₹"]);
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

type Token = { text: string; lower: string; kind: "word" | "number" | "symbol"; capital: boolean };

/** Words, numbers (with their group separators and decimals) and the symbols % $ £ € ¥ ₹. */
const TOKEN = /(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)|([\p{L}\p{M}]+(?:[’'][\p{L}]+)*)|([%$£€¥₹])/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const clean = normaliseForSearch(text).replace(/[’‘]/g, "'");
  for (const m of clean.matchAll(TOKEN)) {
    const [t, num, word, sym] = m;
    if (t === undefined) continue;
    if (num) out.push({ text: t, lower: t, kind: "number", capital: false });
    else if (word) {
      // "didn't" → "did" + "not"; "Iraq's" → "iraq".
      const lower = word.toLowerCase();
      if (lower.endsWith("n't")) {
        out.push({ text: word.slice(0, -3), lower: lower.slice(0, -3), kind: "word", capital: false });
        out.push({ text: "not", lower: "not", kind: "word", capital: false });
        continue;
      }
      const base = lower.replace(/'s$|'$/, "");
      out.push({ text: word.replace(/['’]s$/, ""), lower: base, kind: "word", capital: /^\p{Lu}/u.test(word) });
    } else if (sym) out.push({ text: sym, lower: sym, kind: "symbol", capital: false });
  }
  return out;
}

const NONE: Token = { text: "", lower: "", kind: "symbol", capital: false };
/** The token at k, or an empty one past either end. */
function tok(tokens: Token[], k: number): Token {
  return tokens[k] ?? NONE;
}

function parseDigits(s: string): number {
  return Number(s.replace(/,/g, ""));
}

/** A number written in words from position i ("two million", "forty-five" is split by the tokenizer as "forty", "five"). */
function readWordNumber(tokens: Token[], i: number): { value: number; next: number } | null {
  let value = 0;
  let current = 0;
  let j = i;
  let seen = false;
  while (j < tokens.length) {
    const w = tok(tokens, j).lower;
    if (w in SMALL) {
      current += SMALL[w] ?? 0;
      seen = true;
    } else if (seen && (w === "hundred")) current *= 100;
    else if (seen && w in MULTIPLIERS && w !== "k" && w !== "m" && w !== "b") {
      value += (current || 1) * (MULTIPLIERS[w] ?? 1);
      current = 0;
    } else if (seen && w === "and" && tok(tokens, j + 1).lower in SMALL) {
      // "a hundred and five"
    } else if (seen && w === "and" && tok(tokens, j + 1).lower === "a" && tok(tokens, j + 2).lower === "half") {
      current += 0.5; // "one and a half million"
      j += 2;
    } else break;
    j++;
  }
  return seen ? { value: value + current, next: j } : null;
}

export function extractFeatures(text: string): ClaimFeatures {
  const tokens = tokenize(text);
  const words: string[] = [];
  const numbers: NumberFact[] = [];
  const dates = new Set<string>();
  const entities = new Set<string>();
  let negations = 0;
  let direction: ClaimFeatures["direction"] = null;
  const used = new Set<number>();

  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tok(tokens, i);
    let value: number | null = null;
    let next = i + 1;
    const currency = i > 0 && CURRENCY_SYMBOLS.has(tok(tokens, i - 1).lower);

    if (t.kind === "number") {
      value = parseDigits(t.lower);
    } else if (t.kind === "word") {
      const w = readWordNumber(tokens, i);
      if (w && FRACTIONS[tok(tokens, w.next).lower] !== undefined && tok(tokens, w.next).lower !== "half") {
        // "two thirds", "three quarters"
        numbers.push({ value: round(w.value * (FRACTIONS[tok(tokens, w.next).lower] ?? 0)), unit: "percent", text: `${t.text} ${tok(tokens, w.next).text}`, approx: true });
        for (let k = i; k <= w.next; k++) used.add(k);
        i = w.next;
        continue;
      } else if (w && !(w.value === 1 && tok(tokens, i).lower === "one" && !isUnitAt(tokens, w.next) && tok(tokens, w.next).lower !== "in")) {
        value = w.value;
        next = w.next;
      } else if (t.lower in FRACTIONS && i > 0 && ["a", "one", "half"].includes(tok(tokens, i - 1).lower) && t.lower !== "half") {
        numbers.push({ value: round(FRACTIONS[t.lower] ?? 0), unit: "percent", text: `a ${t.lower}`, approx: true });
        continue;
      } else if (t.lower === "half" && (tok(tokens, i + 1).lower === "of" || tok(tokens, i - 1).lower === "a")) {
        numbers.push({ value: 50, unit: "percent", text: "half", approx: true });
        continue;
      } else if (t.lower === "twice" || t.lower === "doubled" || t.lower === "double") {
        numbers.push({ value: 2, unit: "times", text: t.lower });
        if (t.lower === "doubled") direction ??= "up";
        continue;
      } else if (t.lower === "tripled" || t.lower === "triple") {
        numbers.push({ value: 3, unit: "times", text: t.lower });
        if (t.lower === "tripled") direction ??= "up";
        continue;
      } else if (t.lower === "halved") {
        numbers.push({ value: 50, unit: "percent", text: "halved" });
        direction ??= "down";
        continue;
      }
    }

    if (value !== null && Number.isFinite(value)) {
      const written: string[] = [];
      for (let k = i; k < next; k++) written.push(tok(tokens, k).text);
      // Multipliers written after a digit: "4.5 million", "$2bn".
      while (next < tokens.length && tok(tokens, next).lower in MULTIPLIERS) {
        value *= MULTIPLIERS[tok(tokens, next).lower] ?? 1;
        written.push(tok(tokens, next).text);
        next++;
      }
      let unit: NumberUnit = "count";
      // "one in three", "1 in 5": a share, the same fact as "a third", "20%".
      if (tok(tokens, next).lower === "in") {
        const of = tok(tokens, next + 1).kind === "number" ? { value: parseDigits(tok(tokens, next + 1).lower), next: next + 2 } : readWordNumber(tokens, next + 1);
        if (of && of.value > 0 && of.value <= 100 && value <= of.value) {
          numbers.push({ value: round((value / of.value) * 100), unit: "percent", text: `${written.join(" ")} in ${tokens.slice(next + 1, of.next).map((x) => x.text).join(" ")}`, approx: true });
          for (let k = i; k < of.next; k++) used.add(k);
          i = of.next - 1;
          continue;
        }
      }
      const after = tok(tokens, next).lower;
      const after2 = tok(tokens, next + 1).lower;
      if (after === "%" || after === "percent" || after === "pc" || (after === "per" && after2 === "cent")) {
        unit = "percent";
        next += after === "per" ? 2 : 1;
        if (tok(tokens, next).lower === "points" || tok(tokens, next).lower === "point") unit = "points";
      } else if (after === "percentage" && (after2 === "points" || after2 === "point")) {
        unit = "points";
        next += 2;
      } else if (after === "times" || after === "fold") {
        unit = "times";
        next += 1;
      } else if (currency || (after && CURRENCY_WORDS.has(after))) {
        unit = "money";
        if (!currency) next += 1;
      }
      if (value === 0 && unit === "count") {
        negations++; // "paid zero tax" says what "paid no tax" says
        for (let k = i; k < next; k++) used.add(k);
        i = next - 1;
        continue;
      }
      const isYear = unit === "count" && t.kind === "number" && /^(1[89]|20)\d\d$/.test(t.lower) && next === i + 1;
      if (isYear) {
        const month = MONTHS.indexOf(tok(tokens, i - 1).lower) + 1 || MONTHS.indexOf(tok(tokens, i - 2).lower) + 1;
        dates.add(t.lower);
        if (month) dates.add(`${t.lower}-${String(month).padStart(2, "0")}`);
      } else {
        numbers.push({ value: round(value), unit, text: (currency ? tok(tokens, i - 1).text : "") + written.join(" ") + (unit === "percent" ? "%" : "") });
      }
      for (let k = i; k < next; k++) used.add(k);
      i = next - 1;
      continue;
    }

    if (t.kind !== "word") continue;
    const w = t.lower;
    if (NEGATORS.has(w)) {
      const comparative = COMPARATIVE_NEGATORS.has(w) && tokens.slice(i + 1, i + 8).some((x) => x.lower === "than");
      if (!comparative) negations++;
      continue;
    }
    if (UP.has(w)) direction ??= "up";
    else if (DOWN.has(w)) direction ??= "down";

    // Places (also as demonyms: "French" → france), then other proper nouns.
    const place = placeAt(tokens, i);
    if (place) {
      entities.add(place.key);
      for (let k = i; k < place.next; k++) used.add(k);
      words.push(place.key);
      i = place.next - 1;
      continue;
    }
    if (t.capital && !STOP_WORDS.has(w) && !MONTHS.includes(w) && (i > 0 || (tok(tokens, 1).capital && tok(tokens, 1).kind === "word"))) {
      // A run of capitalised words not at the start: "Emmanuel Macron", "World Health Organization".
      const run = [w];
      let j = i + 1;
      while (j < tokens.length && tok(tokens, j).kind === "word" && tok(tokens, j).capital && !placeAt(tokens, j)) run.push(tok(tokens, j++).lower);
      entities.add(run.join(" "));
      words.push(...run);
      i = j - 1;
      continue;
    }
    if (!STOP_WORDS.has(w) && w.length > 1) words.push(w);
  }

  return { words, numbers, dates: [...dates], entities: [...entities], negated: negations % 2 === 1, direction };
}

function isUnitAt(tokens: Token[], i: number): boolean {
  const w = tok(tokens, i).lower;
  return w === "%" || w === "percent" || w === "per" || (w !== undefined && (w in MULTIPLIERS || CURRENCY_WORDS.has(w)));
}

function placeAt(tokens: Token[], i: number): { key: string; next: number } | null {
  for (let len = 3; len >= 1; len--) {
    if (i + len > tokens.length) continue;
    const phrase = tokens
      .slice(i, i + len)
      .map((t) => t.lower)
      .join(" ");
    const key = COUNTRY_ALIASES.get(phrase);
    if (key && (len > 1 || tok(tokens, i).capital)) return { key, next: i + len };
  }
  return null;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Deterministic test data for the benchmarks: a long news-like article as
 * Markdown and a set of claims over its plain text, some of them overlapping.
 *
 * Everything is derived from a seeded PRNG, so two runs measure the same
 * document and the same claims.
 */

import { createRng, type Rng } from "@/test/support/random";

export { createRng, type Rng };

export const PEOPLE = [
  "Prime Minister Ana Ribeiro",
  "Finance Minister Tomasz Nowak",
  "the defence secretary",
  "Governor Elaine Whitfield",
  "Mayor Daniel Okafor",
  "the central bank governor",
  "Senator Marisol Vega",
  "an opposition spokesperson",
  "the health minister",
  "a senior United Nations official",
  "the chief executive of Northwind Energy",
  "Professor Helena Sørensen",
  "the interior ministry",
  "police commissioner Rajiv Menon",
  "the European Commission",
  "a coalition of aid agencies",
  "the national statistics office",
  "the World Health Organization",
  "union leader Carla Dubois",
  "the foreign ministry",
] as const;

export const PLACES = [
  "Baghdad",
  "the northern provinces",
  "Brussels",
  "the capital",
  "the border region",
  "Lagos",
  "the eastern districts",
  "São Paulo",
  "the coastal towns",
  "Geneva",
  "the industrial south",
  "Kraków",
  "the river delta",
  "Nairobi",
  "the suburbs",
] as const;

export const TOPICS = [
  "unemployment",
  "inflation",
  "hospital waiting times",
  "violent crime",
  "electricity prices",
  "military spending",
  "the housing shortage",
  "rainfall",
  "refugee arrivals",
  "school enrolment",
  "public debt",
  "carbon emissions",
  "grain exports",
  "vaccination rates",
  "the fiscal deficit",
  "youth employment",
  "rent increases",
  "road deaths",
] as const;

const SAY = ["said", "told reporters", "claimed", "insisted", "warned", "argued", "announced", "wrote in a statement", "told parliament"] as const;
export const TREND = ["rose", "fell", "climbed", "dropped", "doubled", "halved", "increased", "declined", "surged", "slipped"] as const;
export const PERIOD = [
  "since 2019",
  "over the past decade",
  "in the last twelve months",
  "during the first quarter",
  "compared with last year",
  "since the election",
  "between 2015 and 2023",
  "in October alone",
] as const;
const ADJ = ["significant", "unprecedented", "modest", "sharp", "steady", "temporary", "dramatic", "gradual", "worrying", "record"] as const;
export const GROUP = ["families", "farmers", "small businesses", "pensioners", "students", "nurses", "commuters", "residents", "investors", "soldiers"] as const;
export const ORGS = ["Reuters", "the Associated Press", "local media", "state television", "a leaked report", "the ministry's own figures", "independent monitors"] as const;

function pct(r: Rng): string {
  return `${r.int(1, 89)}${r.chance(0.4) ? `.${r.int(1, 9)}` : ""} per cent`;
}
function money(r: Rng): string {
  return r.pick([`$${r.int(2, 950)} million`, `€${r.int(1, 40)}.${r.int(1, 9)} billion`, `£${r.int(10, 900)} million`, `$${r.int(1, 12)} trillion`]);
}
function count(r: Rng): string {
  return r.pick([`${r.int(2, 99)},${String(r.int(0, 999)).padStart(3, "0")}`, `${r.int(2, 950)}`, `nearly ${r.int(2, 9)} million`, `more than ${r.int(11, 99)},000`]);
}
function year(r: Rng): number {
  return r.int(1998, 2024);
}

type Template = (r: Rng) => string;

const SENTENCES: Template[] = [
  (r) => `${cap(r.pick(PEOPLE))} ${r.pick(SAY)} that ${r.pick(TOPICS)} had ${r.pick(TREND)} by ${pct(r)} ${r.pick(PERIOD)}.`,
  (r) => `According to ${r.pick(ORGS)}, ${count(r)} people were displaced from ${r.pick(PLACES)} ${r.pick(PERIOD)}.`,
  (r) => `The government has spent ${money(r)} on ${r.pick(TOPICS)} programmes ${r.pick(PERIOD)}, ${r.pick(PEOPLE)} ${r.pick(SAY)}.`,
  (r) => `“We have never seen ${r.pick(TOPICS)} at this level,” ${r.pick(PEOPLE)} ${r.pick(SAY)} on ${r.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])}.`,
  (r) => `In ${r.pick(PLACES)}, ${r.pick(GROUP)} described a ${r.pick(ADJ)} change in ${r.pick(TOPICS)} after the new rules took effect in ${year(r)}.`,
  (r) => `Official data show that ${r.pick(TOPICS)} ${r.pick(TREND)} to its highest level since ${year(r)}, a claim disputed by ${r.pick(PEOPLE)}.`,
  (r) => `Critics say the figure ignores ${r.pick(TOPICS)}, which ${r.pick(TREND)} sharply in ${r.pick(PLACES)} over the same period.`,
  (r) => `A report published by ${r.pick(ORGS)} estimated that ${pct(r)} of ${r.pick(GROUP)} in ${r.pick(PLACES)} had been affected.`,
  (r) => `${cap(r.pick(PEOPLE))} promised to cut ${r.pick(TOPICS)} in half by ${r.int(2026, 2040)}, at a cost of ${money(r)}.`,
  (r) => `The ${r.pick(ADJ)} rise in ${r.pick(TOPICS)} came as talks in ${r.pick(PLACES)} stalled for a ${r.pick(["second", "third", "fourth"])} week.`,
  (r) => `Analysts noted that the last time ${r.pick(TOPICS)} ${r.pick(TREND)} this quickly was in ${year(r)}.`,
  (r) => `At least ${count(r)} ${r.pick(GROUP)} joined the protest outside the ministry, organisers said, although police put the number far lower.`,
  (r) => `The programme, launched in ${year(r)}, was meant to reach ${count(r)} households but has so far reached fewer than ${pct(r)} of them.`,
  (r) => `Asked about the numbers, ${r.pick(PEOPLE)} declined to comment and referred questions to ${r.pick(PEOPLE)}.`,
  (r) => `It is the ${r.pick(ADJ)} increase since records began in ${year(r)}, ${r.pick(ORGS)} reported.`,
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Adds occasional inline Markdown (bold, italic, link) to a sentence. */
function decorate(r: Rng, sentence: string): string {
  const roll = r.next();
  if (roll < 0.03) {
    const words = sentence.split(" ");
    const i = r.int(0, Math.max(0, words.length - 3));
    words[i] = `**${words[i]} ${words[i + 1]}**`;
    words.splice(i + 1, 1);
    return words.join(" ");
  }
  if (roll < 0.05) {
    const words = sentence.split(" ");
    const i = r.int(1, Math.max(1, words.length - 2));
    words[i] = `*${words[i]}*`;
    return words.join(" ");
  }
  if (roll < 0.07) {
    const words = sentence.split(" ");
    const i = r.int(1, Math.max(1, words.length - 3));
    words[i] = `[${words[i]} ${words[i + 1]}](https://example.org/report/${r.int(1000, 9999)})`;
    words.splice(i + 1, 1);
    return words.join(" ");
  }
  return sentence;
}

function heading(r: Rng): string {
  return cap(`${r.pick(TOPICS)} in ${r.pick(PLACES)}: ${r.pick(["what the figures show", "a closer look", "the official account", "what changed", "the claims and the evidence"])}`);
}

export type GeneratedArticle = { markdown: string; paragraphs: number; headings: number };

/**
 * About `targetWords` words of Markdown in paragraphs of two to five
 * sentences (~65 words), with a heading (## or ###) every 10–20 paragraphs.
 */
export function generateArticleMarkdown(seed: number, targetWords = 100_000): GeneratedArticle {
  const r = createRng(seed);
  const blocks: string[] = [];
  let words = 0;
  let paragraphs = 0;
  let headings = 0;
  let untilHeading = r.int(4, 12);
  while (words < targetWords) {
    if (untilHeading-- === 0) {
      const h = heading(r);
      blocks.push(`${r.chance(0.8) ? "##" : "###"} ${h}`);
      words += h.split(/\s+/).length;
      headings++;
      untilHeading = r.int(10, 20);
      continue;
    }
    const n = r.int(2, 5);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) sentences.push(decorate(r, r.pick(SENTENCES)(r)));
    const p = sentences.join(" ");
    words += p.split(/\s+/).length;
    blocks.push(p);
    paragraphs++;
  }
  return { markdown: `${blocks.join("\n\n")}\n`, paragraphs, headings };
}

/** A UTF-16 range of the plain text. */
export type TextRange = { start: number; end: number };

export type ClaimRanges = {
  ranges: TextRange[];
  /** How many ranges overlap another range, by kind. */
  nested: number;
  partial: number;
};

type Sentence = TextRange & { block: number; index: number };

/** Word-boundary offsets (starts of words) inside [start, end). */
function wordStarts(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    if (text[i] !== " " && (i === start || text[i - 1] === " ")) out.push(i);
  }
  return out;
}

function wordEnds(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start + 1; i <= end; i++) {
    if (text[i - 1] !== " " && (i === end || text[i] === " ")) out.push(i);
  }
  return out;
}

/**
 * Picks `total` claim ranges over `text` (blocks separated by "\n\n"):
 * `total − overlapping` whole sentences, none overlapping, then `overlapping`
 * ranges that each overlap one of them — half nested inside a claimed
 * sentence, half running from the middle of a claimed sentence into the next.
 * `isHeading(blockIndex)` excludes headings.
 */
export function pickClaimRanges(seed: number, text: string, total: number, overlapping: number, isHeading: (block: number) => boolean): ClaimRanges {
  const r = createRng(seed);
  const sentences: Sentence[] = [];
  let offset = 0;
  const blocks = text.split("\n\n");
  blocks.forEach((block, b) => {
    if (!isHeading(b)) {
      // A sentence ends at . ! or ? (optionally closing a quote) followed by a space or the block end, so "€3.4" does not end one.
      const re = /.+?[.!?][”"]?(?= |$)/g;
      let m: RegExpExecArray | null;
      let index = 0;
      while ((m = re.exec(block))) {
        let s = m.index;
        let e = m.index + m[0].length;
        while (s < e && block[s] === " ") s++;
        while (e > s && block[e - 1] === " ") e--;
        if (e - s > 20) sentences.push({ start: offset + s, end: offset + e, block: b, index: index++ });
      }
    }
    offset += block.length + 2;
  });
  const plain = total - overlapping;
  if (sentences.length < plain * 1.5) throw new Error(`Only ${sentences.length} sentences for ${plain} claims`);

  // Shuffle indices, take the first `plain` (then sort into document order).
  const order = sentences.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const chosen = order.slice(0, plain).sort((a, b) => a - b);
  const ranges: TextRange[] = chosen.map((i) => ({ start: (sentences[i] as Sentence).start, end: (sentences[i] as Sentence).end }));

  const seen = new Set(ranges.map((x) => `${x.start}:${x.end}`));
  const nestedTarget = Math.floor(overlapping / 2);
  let nested = 0;
  let partial = 0;
  let guard = 0;
  while (nested + partial < overlapping && guard++ < overlapping * 100) {
    const si = chosen[r.int(0, chosen.length - 1)] as number;
    const s = sentences[si] as Sentence;
    let range: TextRange | null = null;
    if (nested < nestedTarget) {
      // A few words strictly inside the sentence.
      const starts = wordStarts(text, s.start, s.end);
      if (starts.length < 6) continue;
      const a = r.int(1, starts.length - 4);
      const ends = wordEnds(text, starts[a] as number, s.end).slice(1);
      const b = Math.min(ends.length - 2, r.int(1, 6));
      if (b < 0) continue;
      range = { start: starts[a] as number, end: ends[b] as number };
    } else {
      // From the middle of this sentence into the middle of the next one.
      const next = sentences[si + 1];
      if (!next || next.block !== s.block) continue;
      const starts = wordStarts(text, s.start, s.end);
      const ends = wordEnds(text, next.start, next.end);
      if (starts.length < 4 || ends.length < 4) continue;
      range = { start: starts[r.int(1, starts.length - 2)] as number, end: ends[r.int(1, ends.length - 2)] as number };
    }
    const key = `${range.start}:${range.end}`;
    if (range.end <= range.start || seen.has(key)) continue;
    seen.add(key);
    ranges.push(range);
    if (nested < nestedTarget) nested++;
    else partial++;
  }
  if (nested + partial < overlapping) throw new Error("Could not place the overlapping claims");
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ranges, nested, partial };
}

export const CLAIMANTS = ["", "The article", "Government spokesperson", "Opposition party", "Ministry of Finance", "Unnamed official"] as const;

export function rationaleFor(r: Rng): string {
  if (r.chance(0.5)) return "";
  return r.pick([
    "The official series shows a smaller change over the same period; the figure quoted uses a different base year.",
    "Matches the statistics office release. The comparison period is stated correctly.",
    "No public source supports the number. The ministry did not answer our request for the underlying data.",
    "Technically accurate, but it leaves out that the method changed in 2021, which accounts for most of the rise.",
  ]);
}

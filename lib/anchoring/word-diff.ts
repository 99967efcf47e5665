import DiffMatchPatch from "diff-match-patch";

import { diffByLines } from "./text-diff";

/**
 * A word-level diff for people: what a claim's old quote became, what one
 * revision changed against another. Words, runs of whitespace and single
 * punctuation marks are the units, so a changed figure shows as "4.2%" →
 * "4.7%" rather than as a stray "2" → "7".
 *
 * Paragraphs are diffed first (./text-diff.ts); inside each replaced stretch
 * the units are encoded one character each and diffed with diff-match-patch
 * (the trick of its line mode), then the semantic cleanup folds a lone
 * unchanged space between two changed words into the change.
 */
export type WordDiffPart = { kind: "same" | "added" | "removed"; text: string };

// Words keep inner apostrophes, hyphens and decimal points ("don’t", "Iran-backed", "4.2"); combining marks stay on their letter.
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:[’'\-.,][\p{L}\p{N}\p{M}]+)*|\s+|[\s\S]/gu;

/** Distinct units one diff may encode (code units below the surrogate range, so each stays one character). */
const MAX_TOKENS = 0xd7ff;

export function wordDiff(oldText: string, newText: string): WordDiffPart[] {
  // Paragraphs first (a long article's revisions mostly differ in a few), then words inside the replaced ones.
  const diffs = diffByLines(oldText, newText, (dmp, deleted, inserted) => {
    const vocabulary = new Map<string, number>();
    const tokens: string[] = [];
    const encode = (text: string): string | null => {
      let out = "";
      for (const token of text.match(TOKEN) ?? []) {
        let code = vocabulary.get(token);
        if (code === undefined) {
          if (tokens.length >= MAX_TOKENS) return null;
          code = tokens.length;
          vocabulary.set(token, code);
          tokens.push(token);
        }
        out += String.fromCharCode(code);
      }
      return out;
    };
    const a = encode(deleted);
    const b = a === null ? null : encode(inserted);
    if (a === null || b === null) {
      // More distinct words than one character each can stand for: diff the characters instead.
      const chars = dmp.diff_main(deleted, inserted, false);
      dmp.diff_cleanupSemantic(chars);
      return chars;
    }
    const words = dmp.diff_main(a, b, false);
    dmp.diff_cleanupSemantic(words);
    return words.map(([op, encoded]) => [op, Array.from(encoded, (c) => tokens[c.charCodeAt(0)] as string).join("")] as DiffMatchPatch.Diff);
  });

  const parts: WordDiffPart[] = [];
  for (const [op, text] of diffs) {
    if (text === "") continue;
    const kind = op === DiffMatchPatch.DIFF_EQUAL ? "same" : op === DiffMatchPatch.DIFF_INSERT ? "added" : "removed";
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return wholeWords(parts);
}

const WORD_START = /^[\p{L}\p{N}\p{M}]/u;
const WORD_END = /[\p{L}\p{N}\p{M}]$/u;
/** The word (as TOKEN counts it) an unchanged part ends with, a trailing joiner included: "4." of "rose to 4.". */
const WORD_TAIL = /[\p{L}\p{N}\p{M}]+(?:[’'\-.,][\p{L}\p{N}\p{M}]+)*[’'\-.,]?$/u;
/** The word an unchanged part starts with, a leading joiner included: ".5" of ".5% in May". */
const WORD_HEAD = /^(?:[’'\-.,](?=[\p{L}\p{N}\p{M}]))?[\p{L}\p{N}\p{M}]+(?:[’'\-.,][\p{L}\p{N}\p{M}]+)*/u;

/**
 * Widens every change to whole words. Between paragraphs diff-match-patch
 * factors the common start and end of a replaced paragraph out character by
 * character, so a changed figure could come out as "4.[-2-]{+7+}%"; a reader
 * of a fact-check needs "[-4.2-]{+4.7+}%". The word part of an unchanged
 * neighbour that runs into the change moves into both of its sides.
 */
function wholeWords(parts: WordDiffPart[]): WordDiffPart[] {
  const out: WordDiffPart[] = [];
  let i = 0;
  while (i < parts.length) {
    const part = parts[i] as WordDiffPart;
    if (part.kind === "same") {
      out.push({ ...part });
      i++;
      continue;
    }
    let removed = "";
    let added = "";
    while (i < parts.length && (parts[i] as WordDiffPart).kind !== "same") {
      const p = parts[i] as WordDiffPart;
      if (p.kind === "removed") removed += p.text;
      else added += p.text;
      i++;
    }
    const prev = out[out.length - 1];
    if (prev && (WORD_START.test(removed) || WORD_START.test(added))) {
      const tail = WORD_TAIL.exec(prev.text)?.[0] ?? "";
      if (tail) {
        prev.text = prev.text.slice(0, -tail.length);
        removed = tail + removed;
        added = tail + added;
        if (prev.text === "") out.pop();
      }
    }
    const next = parts[i];
    if (next && (WORD_END.test(removed) || WORD_END.test(added))) {
      const head = WORD_HEAD.exec(next.text)?.[0] ?? "";
      if (head) {
        parts[i] = { kind: "same", text: next.text.slice(head.length) };
        removed += head;
        added += head;
        if (parts[i]!.text === "") i++;
      }
    }
    if (removed) out.push({ kind: "removed", text: removed });
    if (added) out.push({ kind: "added", text: added });
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Words (runs of letters or digits) a diff adds and removes: the figures the Revisions list shows. */
export function countWordChanges(parts: readonly WordDiffPart[]): { added: number; removed: number } {
  const words = { added: 0, removed: 0 };
  for (const part of parts) {
    if (part.kind === "same") continue;
    const n = part.text.match(WORD)?.length ?? 0;
    if (part.kind === "added") words.added += n;
    else words.removed += n;
  }
  return words;
}

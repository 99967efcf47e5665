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
  return parts;
}

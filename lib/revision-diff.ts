/**
 * The word diff between two revisions as pieces a page can render: text both
 * have, text added and text removed, with the claims of the newer ("to")
 * revision marked on the text it has (the same and added parts; removed text
 * is not in it). Long unchanged stretches are folded to a few lines of
 * context around each change, so a 100,000-word article with three edits is
 * three short passages rather than the whole article twice. Pure: no React,
 * no database.
 */
import type { WordDiffPart } from "@/lib/anchoring/word-diff";
import { claimStretches, cutAtStretches } from "@/lib/claim-stretches";

export type DiffPiece =
  | { kind: "same" | "added"; text: string; /** Indexes into the claims passed in. */ claims: number[] }
  | { kind: "removed"; text: string }
  /** Unchanged text left out between two changes (or before the first, after the last). */
  | { kind: "folded"; words: number };

/** Characters of unchanged text kept on each side of a change. */
export const DIFF_CONTEXT = 240;

const WORD = /[\p{L}\p{N}]+/gu;
const countWords = (text: string) => text.match(WORD)?.length ?? 0;

/**
 * Where to cut near `at` so a fold falls between words, at a paragraph break
 * if one is close: forward (the end of the context kept before a fold) cuts
 * before the break; backward (the start of the context kept after one) cuts
 * after it.
 */
function snap(text: string, at: number, direction: 1 | -1): number {
  if (direction > 0) {
    const window = text.slice(at, at + 80);
    const para = window.indexOf("\n\n");
    if (para >= 0) return at + para;
    const space = window.search(/\s/);
    return space >= 0 ? at + space : at;
  }
  const start = Math.max(0, at - 80);
  const window = text.slice(start, at);
  const para = window.lastIndexOf("\n\n");
  if (para >= 0) return start + para + 2;
  const space = window.search(/\s\S*$/);
  return space >= 0 ? start + space + 1 : at;
}

export function diffPieces(
  parts: readonly WordDiffPart[],
  /** The "to" revision's claims: UTF-16 ranges over its plain text. */
  claims: readonly { start: number; end: number }[],
  { context = DIFF_CONTEXT, fold = true }: { context?: number; fold?: boolean } = {},
): DiffPiece[] {
  const stretches = claimStretches(claims);
  const pieces: DiffPiece[] = [];
  let offset = 0; // in the "to" text
  let cursor = 0;
  const emit = (kind: "same" | "added", text: string, from: number) => {
    const { pieces: cut, next } = cutAtStretches(from, from + text.length, stretches, cursor);
    cursor = next;
    for (const c of cut) pieces.push({ kind, text: text.slice(c.start - from, c.end - from), claims: c.claims });
  };
  parts.forEach((part, i) => {
    if (part.kind === "removed") {
      pieces.push({ kind: "removed", text: part.text });
      return;
    }
    const { text } = part;
    const first = i === 0;
    const last = i === parts.length - 1;
    const keepBefore = first ? 0 : context;
    const keepAfter = last ? 0 : context;
    if (part.kind === "same" && fold && text.length > keepBefore + keepAfter + context) {
      const head = keepBefore ? snap(text, keepBefore, 1) : 0;
      const tail = keepAfter ? snap(text, text.length - keepAfter, -1) : text.length;
      if (tail > head) {
        if (head > 0) emit("same", text.slice(0, head), offset);
        pieces.push({ kind: "folded", words: countWords(text.slice(head, tail)) });
        if (tail < text.length) emit("same", text.slice(tail), offset + tail);
        offset += text.length;
        return;
      }
    }
    emit(part.kind, text, offset);
    offset += text.length;
  });
  return pieces;
}

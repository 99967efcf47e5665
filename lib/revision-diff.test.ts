import { describe, expect, it } from "vitest";
import { wordDiff } from "@/lib/anchoring/word-diff";
import { claimStretches, cutAtStretches } from "./claim-stretches";
import { diffPieces, type DiffPiece } from "./revision-diff";

/** The "to" text a list of pieces shows (same and added), folds as "…". */
const toText = (pieces: DiffPiece[]) => pieces.map((p) => (p.kind === "folded" ? "…" : p.kind === "removed" ? "" : p.text)).join("");
const range = (text: string, quote: string) => {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in text: ${quote}`);
  return { start, end: start + quote.length };
};

describe("claim stretches", () => {
  it("cuts overlapping and nested ranges into stretches listing every covering claim", () => {
    expect(claimStretches([{ start: 0, end: 10 }, { start: 5, end: 15 }, null, { start: 6, end: 8 }, { start: 3, end: 3 }])).toEqual([
      { start: 0, end: 5, claims: [0] },
      { start: 5, end: 6, claims: [0, 1] },
      { start: 6, end: 8, claims: [0, 1, 3] },
      { start: 8, end: 10, claims: [0, 1] },
      { start: 10, end: 15, claims: [1] },
    ]);
  });

  it("cuts a span of text at the stretches' edges, keeping its place for the next span", () => {
    const stretches = claimStretches([{ start: 2, end: 6 }, { start: 8, end: 12 }]);
    const first = cutAtStretches(0, 7, stretches);
    expect(first.pieces).toEqual([
      { start: 0, end: 2, claims: [] },
      { start: 2, end: 6, claims: [0] },
      { start: 6, end: 7, claims: [] },
    ]);
    expect(cutAtStretches(7, 10, stretches, first.next).pieces).toEqual([
      { start: 7, end: 8, claims: [] },
      { start: 8, end: 10, claims: [1] },
    ]);
    expect(cutAtStretches(10, 14, stretches, 1).pieces).toEqual([
      { start: 10, end: 12, claims: [1] },
      { start: 12, end: 14, claims: [] },
    ]);
  });
});

describe("the diff between two revisions", () => {
  const before = "The minister said 4.2% of voters stayed home.\n\nTurnout fell in every region.";
  const after = "The minister said 4.7% of voters stayed home.\n\nTurnout fell in every region but one.";

  it("marks the changed words as removed and added and keeps the rest, showing the newer text in full", () => {
    const pieces = diffPieces(wordDiff(before, after), []);
    const texts = (kind: DiffPiece["kind"]) => pieces.flatMap((p) => (p.kind === kind && "text" in p ? [p.text] : []));
    expect(texts("removed")).toEqual(["4.2"]);
    expect(texts("added")).toEqual(["4.7", " but one"]);
    expect(toText(pieces)).toBe(after);
  });

  it("marks the newer revision's claims on the text they cover, through unchanged and added words", () => {
    const claim = range(after, "said 4.7% of voters");
    const other = range(after, "every region but one");
    const pieces = diffPieces(wordDiff(before, after), [claim, other]);
    const marked = (i: number) =>
      pieces
        .filter((p): p is Extract<DiffPiece, { claims: number[] }> => p.kind !== "removed" && p.kind !== "folded" && p.claims.includes(i))
        .map((p) => p.text)
        .join("");
    expect(marked(0)).toBe("said 4.7% of voters");
    expect(marked(1)).toBe("every region but one");
    // The added figure is both an insertion and part of the claim.
    expect(pieces).toContainEqual({ kind: "added", text: "4.7", claims: [0] });
  });

  it("folds long unchanged stretches to a little context around each change, counting the words left out", () => {
    const filler = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} says nothing new.`).join("\n\n");
    const old = `${filler}\n\nThe bridge opened in 1990.\n\n${filler}`;
    const now = `${filler}\n\nThe bridge opened in 1991.\n\n${filler}`;
    const claim = range(now, "Paragraph 399 says");
    const pieces = diffPieces(wordDiff(old, now), [claim], { context: 120 });
    const folds = pieces.filter((p) => p.kind === "folded");
    expect(folds).toHaveLength(2);
    const shown = toText(pieces);
    expect(shown.length).toBeLessThan(600);
    expect(shown).toContain("The bridge opened in 1991.");
    expect(pieces).toContainEqual({ kind: "removed", text: "1990" });
    // Context is cut between paragraphs, and claims in it stay marked.
    expect(shown).toMatch(/^…Paragraph 39\d says nothing new\./);
    expect(pieces.some((p) => p.kind === "same" && p.claims.includes(0) && p.text === "Paragraph 399 says")).toBe(true);
    const words = folds.reduce((n, p) => n + (p.kind === "folded" ? p.words : 0), 0);
    expect(words).toBeGreaterThan(3000);
    // Unfolded, the whole newer text is there.
    expect(toText(diffPieces(wordDiff(old, now), [claim], { fold: false }))).toBe(now);
  });
});

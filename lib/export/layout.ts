/**
 * Where claims fall in the article's text, as runs the renderers can walk in
 * document order: the text offsets where a highlight starts or ends, the set
 * of claims covering each stretch between two such offsets, and the offset
 * at which each claim ends (where its footnote reference goes).
 */
import { walkDocument, type WalkedNode } from "@/lib/article-text";
import type { ExportBundle } from "./bundle";
import { claimStretches, type Stretch } from "@/lib/claim-stretches";
import { placeClaims } from "./shared";

export type { Stretch };

export type ClaimLayout = {
  /** The article's plain text as derived from its document (what the renderers walk). */
  text: string;
  /** The document walk the text came from: the renderers read each node's text offsets here. */
  blocks: WalkedNode[];
  /** Non-overlapping stretches with at least one claim, ascending; claims listed by index. */
  stretches: Stretch[];
  /** Text offset (UTF-16) → indexes of the claims ending there. */
  endsAt: Map<number, number[]>;
  /** Claim indexes that could not be placed (orphans). */
  orphans: number[];
  /** Claim indexes placed in the text. */
  placed: boolean[];
};

export function layoutClaims(bundle: ExportBundle): ClaimLayout {
  // The renderers walk the document, so claims are placed in the text derived
  // from it; it equals the stored plainText unless the two were saved apart.
  const { text, blocks } = walkDocument(bundle.article.content);
  const { ranges, orphans } = placeClaims({ article: { ...bundle.article, plainText: text }, claims: bundle.claims });
  const endsAt = new Map<number, number[]>();
  const placed = ranges.map((r) => r !== null);
  ranges.forEach((r, index) => {
    if (!r) return;
    const list = endsAt.get(r.end);
    if (list) list.push(index);
    else endsAt.set(r.end, [index]);
  });
  const stretches = claimStretches(ranges);
  return { text, blocks, stretches, endsAt, orphans, placed };
}

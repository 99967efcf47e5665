/**
 * Helpers shared by the export renderers: verdict labels, counts, claim
 * numbering and where each claim sits in the article's current text. Links
 * are in ./links.ts.
 */
import { anchorAll, createTextModel, type Range16 } from "@/lib/anchoring";
import { getVerdict, statusLabel } from "@/lib/verdicts";
import type { ExportBundle, ExportClaim } from "./bundle";

export const NO_VERDICT_LABEL = "No verdict yet";

export function verdictLabel(bundle: Pick<ExportBundle, "scale">, key: string | null): string {
  if (!key) return NO_VERDICT_LABEL;
  // A key the scale no longer has (an admin removed it) still shows as itself.
  return getVerdict(bundle.scale, key)?.label ?? key;
}

export { statusLabel };

/**
 * Claim number as shown to readers ("Claim 3", footnote 3): 1-based, document
 * order within the file. Never used in links: those use the claim's stable
 * fragment (lib/claim-fragment.ts), which does not change with the scope.
 */
export function claimNumber(index: number): number {
  return index + 1;
}

/** Counts by verdict in scale order, then unknown keys, then "No verdict yet". */
export function verdictCounts(bundle: Pick<ExportBundle, "scale" | "claims">): { key: string | null; label: string; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const c of bundle.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const rows: { key: string | null; label: string; count: number }[] = [];
  for (const v of bundle.scale) {
    const n = counts.get(v.key);
    if (n) rows.push({ key: v.key, label: v.label, count: n });
    counts.delete(v.key);
  }
  for (const [key, n] of counts) if (key !== null) rows.push({ key, label: key, count: n });
  const none = counts.get(null);
  if (none) rows.push({ key: null, label: NO_VERDICT_LABEL, count: none });
  return rows;
}

export type PlacedClaims = {
  /** For each claim of the bundle (same index): its UTF-16 range in article.plainText, or null for an orphan. */
  ranges: (Range16 | null)[];
  /** Indexes of claims whose quote is no longer found in the text. */
  orphans: number[];
};

/**
 * Finds every claim in the article's current text with lib/anchoring (stored
 * code-point position first, then the quote and its context), as the
 * workspace does. Claims that cannot be found are orphans, never dropped.
 */
export function placeClaims(bundle: Pick<ExportBundle, "article" | "claims">): PlacedClaims {
  const model = createTextModel(bundle.article.plainText);
  const results = anchorAll(
    model,
    bundle.claims.map((c: ExportClaim) => ({
      quote: { type: "TextQuoteSelector", ...c.quote },
      position: { type: "TextPositionSelector", ...c.position },
    })),
  );
  const ranges: (Range16 | null)[] = [];
  const orphans: number[] = [];
  results.forEach((r, i) => {
    // A claim a text revision orphaned keeps its old quote; searching the new text for it could put its verdict on other words.
    if (bundle.claims[i]?.anchorState === "orphaned") {
      ranges.push(null);
      orphans.push(i);
    } else if (r.status === "anchored" && r.range.end > r.range.start) ranges.push(r.range);
    else {
      ranges.push(null);
      orphans.push(i);
    }
  });
  return { ranges, orphans };
}

/** http(s) URLs only: anything else is shown as text, never as a link. */
export function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && /^https?:\/\//i.test(value.trim());
  } catch {
    return false;
  }
}

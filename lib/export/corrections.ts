/**
 * The corrections log in the exports (lib/corrections.ts): which entries a
 * bundle carries, when the fact-check was last corrected, and which entries
 * concern a claim. Dates for ClaimReview `dateModified` and Web Annotation
 * `modified` come from here.
 */
import { changedClaimIds } from "@/lib/corrections";
import type { ExportBundle, ExportCorrection } from "./bundle";

/** Newest first, as stored. */
export function correctionsOf(bundle: Pick<ExportBundle, "corrections">): ExportCorrection[] {
  return bundle.corrections ?? [];
}

/** When the newest correction was published; null when there is none. */
export function lastCorrectedAt(bundle: Pick<ExportBundle, "corrections">): string | null {
  return correctionsOf(bundle)[0]?.publishedAt ?? null;
}

/** The published entries that record a change to this claim, newest first. */
export function correctionsOfClaim(bundle: Pick<ExportBundle, "corrections">, claimId: string): ExportCorrection[] {
  return correctionsOf(bundle).filter((c) => c.changes.some((change) => changedClaimIds(change).includes(claimId)));
}

/** The later of two ISO timestamps (either may be missing). */
export function laterOf(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

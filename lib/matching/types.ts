import type { ClaimStatus } from "@/lib/verdicts";

/** One earlier check shown under "Checked before" (db/queries/matching.ts). */
export type CheckedBeforeMatch = {
  claimId: string;
  href: string;
  articleId: string;
  articleTitle: string;
  claimAsChecked: string;
  verdict: string;
  status: ClaimStatus;
  /** When the verdict was approved, or last saved when it is not approved yet. */
  checkedAt: string;
  /** Closeness of the wording, 0–1 (lib/matching/match.ts). */
  score: number;
};

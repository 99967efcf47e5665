/**
 * The roll-up of an article's claims: progress, state, worst approved verdict
 * and a 0–1 score. Pure (no DB, no React): the article summary, the dashboard
 * and the tests share it. The counts come from the `article_stats` /
 * `article_verdict_counts` tables (db/queries/dashboard.ts), the scale from
 * the database (`getVerdictScale()`), never from hard-coded verdict keys.
 *
 * The rule, and why:
 * - Only APPROVED verdicts roll up. A proposed verdict may still be returned;
 *   a desk's summary of an article should only repeat what an editor signed off.
 * - "Worst approved verdict" = the approved verdict with the LOWEST value on the
 *   scale (ties: the one listed first on the scale). One false claim is what a
 *   reader needs to hear about; an average would hide it. Verdicts whose value
 *   is null ("Unverifiable") say nothing about truth: they are counted
 *   everywhere but can never be the worst, and they do not enter the score.
 * - Score = mean of the values of approved claims whose verdict has a value
 *   (0 = false … 1 = true); null when there are none. It tells "mostly sound"
 *   from "mostly wrong" beside the worst verdict, never instead of it.
 * - State: "No claims" (none marked), "Not started" (every claim open and
 *   without a verdict), "All approved" (every claim approved), "Awaiting approval"
 *   (every claim approved or proposed, at least one proposed), otherwise
 *   "In progress". `articleStateSql` in db/queries/dashboard.ts mirrors this
 *   for filtering in SQL; a DB test checks that both agree.
 */
import type { VerdictScale, VerdictScaleEntry } from "./verdicts";

export const ARTICLE_STATES = [
  { key: "no_claims", label: "No claims" },
  { key: "not_started", label: "Not started" },
  { key: "in_progress", label: "In progress" },
  { key: "awaiting_approval", label: "Awaiting approval" },
  { key: "complete", label: "All approved" },
] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number]["key"];
export const ARTICLE_STATE_KEYS = ARTICLE_STATES.map((s) => s.key) as [ArticleState, ...ArticleState[]];

export function articleStateLabel(key: ArticleState): string {
  return ARTICLE_STATES.find((s) => s.key === key)?.label ?? key;
}

/** Live claims of one article by status, plus how many carry a verdict. */
export type StatusCounts = {
  total: number;
  open: number;
  inReview: number;
  verdictProposed: number;
  approved: number;
  /** Claims with a verdict, whatever their status. */
  checked: number;
};

/** Live claims of one article with a given verdict key; `approved` of them approved. */
export type VerdictCount = { verdict: string; n: number; approved: number };

export type VerdictRow = {
  key: string;
  /** Null for a key no longer on the scale (shown by its key). */
  entry: VerdictScaleEntry | null;
  n: number;
  approved: number;
};

export type ArticleRollup = {
  state: ArticleState;
  stateLabel: string;
  counts: StatusCounts;
  /** Claims without a verdict. */
  unchecked: number;
  /** 0–1 shares of the total (0 when there are no claims). */
  checkedShare: number;
  approvedShare: number;
  /** Every verdict of the scale in scale order (zeros included), then unknown keys. */
  byVerdict: VerdictRow[];
  worstApproved: VerdictScaleEntry | null;
  /** Mean value of approved claims with a valued verdict; null when none. */
  score: number | null;
  /** How many approved claims the score is the mean of. */
  scoredClaims: number;
};

export function articleState(c: StatusCounts): ArticleState {
  if (c.total <= 0) return "no_claims";
  if (c.approved === c.total) return "complete";
  if (c.open === c.total && c.checked === 0) return "not_started";
  if (c.approved + c.verdictProposed === c.total && c.verdictProposed > 0) return "awaiting_approval";
  return "in_progress";
}

export function rollUp(counts: StatusCounts, verdicts: readonly VerdictCount[], scale: VerdictScale): ArticleRollup {
  const byKey = new Map<string, VerdictCount>();
  for (const v of verdicts) {
    const prev = byKey.get(v.verdict);
    byKey.set(v.verdict, prev ? { verdict: v.verdict, n: prev.n + v.n, approved: prev.approved + v.approved } : v);
  }
  const ordered = [...scale].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  const byVerdict: VerdictRow[] = ordered.map((entry) => ({ key: entry.key, entry, n: byKey.get(entry.key)?.n ?? 0, approved: byKey.get(entry.key)?.approved ?? 0 }));
  for (const v of byKey.values()) {
    if (!ordered.some((e) => e.key === v.verdict)) byVerdict.push({ key: v.verdict, entry: null, n: v.n, approved: v.approved });
  }

  let worstApproved: VerdictScaleEntry | null = null;
  let sum = 0;
  let scoredClaims = 0;
  for (const row of byVerdict) {
    const value = row.entry?.value;
    if (row.approved <= 0 || value === null || value === undefined || !row.entry) continue;
    sum += value * row.approved;
    scoredClaims += row.approved;
    // Scale order already breaks ties: the first one listed wins.
    if (!worstApproved || value < (worstApproved.value as number)) worstApproved = row.entry;
  }
  const state = articleState(counts);
  const share = (n: number) => (counts.total > 0 ? n / counts.total : 0);
  return {
    state,
    stateLabel: articleStateLabel(state),
    counts,
    unchecked: Math.max(0, counts.total - counts.checked),
    checkedShare: share(counts.checked),
    approvedShare: share(counts.approved),
    byVerdict,
    worstApproved,
    score: scoredClaims > 0 ? sum / scoredClaims : null,
    scoredClaims,
  };
}

/** "73 %" — whole percent, rounded down so "100 %" always means all. */
export function formatShare(share: number): string {
  return `${Math.floor(share * 100 + 1e-9)} %`;
}

/** A 0–1 score as "0.63", or "—". */
export function formatScore(score: number | null): string {
  return score === null ? "—" : score.toFixed(2);
}

/**
 * What the approved verdicts say, in a reader's words: "1 of 3 checked claims
 * is false" names the worst approved verdict and how many of the approved
 * ("checked") claims carry it. Never a bare score, which reads like "x % true".
 */
export function verdictHeadline(r: ArticleRollup): string {
  const { total, approved } = r.counts;
  if (total <= 0) return "No claims marked yet";
  if (approved <= 0) return "No verdict approved yet";
  const worst = r.worstApproved;
  if (!worst) return approved === 1 ? "The checked claim could not be rated" : `None of the ${approved} checked claims could be rated`;
  const k = r.byVerdict.find((row) => row.key === worst.key)?.approved ?? 0;
  return `${k} of ${approved} checked ${approved === 1 ? "claim" : "claims"} ${k === 1 ? "is" : "are"} ${worst.label.toLowerCase()}`;
}

/** "2 of 3 claims approved", "All 3 claims approved". */
export function approvalLine(r: ArticleRollup): string {
  const { total, approved } = r.counts;
  if (total <= 0) return "No claims yet";
  if (approved === total && total > 1) return `All ${total} claims approved`;
  return `${approved} of ${total} ${total === 1 ? "claim" : "claims"} approved`;
}

/** How the score is read, wherever it is shown. */
export const SCORE_EXPLANATION = "0 = false, 1 = true";

/** What the roll-up is computed from in the browser: each live claim's saved status and verdict. */
export type SummaryClaim = { status: string; verdict: string | null };

/**
 * The roll-up from a list of claims, counted the way `article_stats` counts
 * them on the server: the article page recomputes its summary from the claims
 * it holds after every change.
 */
export function rollUpClaims(claims: readonly SummaryClaim[], scale: VerdictScale): ArticleRollup {
  const counts: StatusCounts = { total: 0, open: 0, inReview: 0, verdictProposed: 0, approved: 0, checked: 0 };
  const byVerdict = new Map<string, VerdictCount>();
  for (const c of claims) {
    counts.total++;
    if (c.status === "open") counts.open++;
    else if (c.status === "in_review") counts.inReview++;
    else if (c.status === "verdict_proposed") counts.verdictProposed++;
    else if (c.status === "approved") counts.approved++;
    if (c.verdict) {
      counts.checked++;
      const row = byVerdict.get(c.verdict) ?? { verdict: c.verdict, n: 0, approved: 0 };
      row.n++;
      if (c.status === "approved") row.approved++;
      byVerdict.set(c.verdict, row);
    }
  }
  return rollUp(counts, [...byVerdict.values()], scale);
}


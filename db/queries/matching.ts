import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { extractFeatures, type ClaimFeatures } from "@/lib/matching/features";
import { compareFeatures, MATCH_THRESHOLD } from "@/lib/matching/match";
import { candidateTerms, lookupTerms } from "@/lib/matching/terms";
import { claimFieldsOf, type ClaimDto } from "@/lib/claims";
import { getArticle } from "./articles";
import { getClaim, saveClaim } from "./claims";
import type { CheckedBeforeMatch } from "@/lib/matching/types";
import { wordVectors } from "@/lib/matching/word-vectors";
import { idSchema, parseInput } from "@/lib/validation";
import type { ClaimStatus } from "@/lib/verdicts";

/**
 * "Checked before": earlier claims of the desk, from any article, that make
 * the same assertion as the text a reviewer is looking at.
 *
 *   1. Candidates (see `candidates`): the claims index of search (migration
 *      0004, kept in step by triggers) is asked for the text's facts — its
 *      numbers in any spelling, years and places by every name — and, when
 *      those find too few, for any of its content words and their nearest
 *      GloVe neighbours ("unemployment" → "jobless"; lib/matching/terms.ts).
 *   2. Each candidate with a verdict is compared with the text
 *      (lib/matching/match.ts): closeness of wording past word overlap, and
 *      the facts where they must agree (numbers, years, places, negation,
 *      direction). A candidate that differs on a fact is never a match.
 */
export const CANDIDATES = 300;
/** Words among the this many most frequent in English are not looked up on their own ("said", "new", "rate"). */
export const COMMON_WORDS = 1_000;
export const MATCHES_SHOWN = 5;

export const checkedBeforeSchema = z.strictObject({
  text: z.string().trim().min(3, "Select some words of a claim first.").max(2000, "That is too long to compare; select one claim."),
  /** The open claim, left out of its own matches. */
  claimId: z.string().max(64).optional(),
});


type CandidateRow = {
  id: string;
  article_id: string;
  title: string;
  claim_as_checked: string;
  quote_exact: string;
  verdict: string | null;
  status: ClaimStatus;
  approved_at: string | null;
  updated_at: string;
};

export async function findCheckedBefore({ actor, input }: { actor: SessionUser | null; input: unknown }): Promise<CheckedBeforeMatch[]> {
  if (!actor) throw new AppError("unauthorized:auth");
  const { text, claimId } = parseInput(checkedBeforeSchema, input, "claim");
  return rankCheckedBefore(text, claimId);
}

/** Steps 1 and 2 without the session check (the benchmark calls it directly). */
export async function rankCheckedBefore(text: string, excludeClaimId?: string): Promise<CheckedBeforeMatch[]> {
  const vectors = wordVectors();
  const features = extractFeatures(text);
  const rows = await candidates(features, excludeClaimId);
  const scored: CheckedBeforeMatch[] = [];
  for (const row of rows) {
    const other = row.claim_as_checked.trim() || row.quote_exact;
    const { score, differences } = compareFeatures(features, extractFeatures(other), vectors);
    if (differences.length || score < MATCH_THRESHOLD) continue;
    scored.push({
      claimId: row.id,
      href: `/articles/${row.article_id}?claim=${row.id}`,
      articleId: row.article_id,
      articleTitle: row.title,
      claimAsChecked: other,
      verdict: row.verdict ?? "",
      status: row.status,
      checkedAt: row.approved_at ?? row.updated_at,
      score: Math.round(score * 1000) / 1000,
    });
  }
  return scored.sort((a, b) => b.score - a.score || b.checkedAt.localeCompare(a.checkedAt)).slice(0, MATCHES_SHOWN);
}

const phrase = (p: string[]) => `"${p.join(" ")}"`;

/**
 * Two lookups, neither ranked by FTS5: bm25() needs every phrase's document
 * count, which means reading the whole doclist of each common word (measured:
 * 400–600 ms at a million claims even when one row matched). Rows come newest
 * first, as FTS5 walks its doclists, and are ranked here.
 *   1. The facts a match must share (each number in any spelling, each year,
 *      each place by any name), all of them: few rows even at a million claims.
 *   2. When that finds fewer than MATCHES_SHOWN: any of the words, their
 *      neighbours and the fact spellings, leaving out the most common English
 *      words (they would match everything and say nothing).
 */
async function candidates(features: ClaimFeatures, excludeClaimId: string | undefined): Promise<CandidateRow[]> {
  const db = await getDb();
  const vectors = wordVectors();
  const run = (match: string) =>
    db.all<CandidateRow>(sql`
      SELECT c.id, c.article_id, a.title, c.claim_as_checked, c.quote_exact, c.verdict, c.status, c.approved_at, c.updated_at
      FROM (SELECT rowid AS doc FROM search_claims WHERE search_claims MATCH ${match} ORDER BY rowid DESC LIMIT ${CANDIDATES}) f
      JOIN search_keys k ON k.doc = f.doc
      JOIN claims c ON c.id = k.ref_id
      JOIN articles a ON a.id = c.article_id
      WHERE c.deleted_at IS NULL AND c.verdict IS NOT NULL AND c.id <> ${excludeClaimId ?? ""}`);

  const { facts } = lookupTerms(features, vectors);
  let rows: CandidateRow[] = [];
  if (facts.length) {
    rows = await run(`{quote claim} : (${facts.map((group) => `(${group.map(phrase).join(" OR ")})`).join(" AND ")})`);
    if (rows.length >= MATCHES_SHOWN) return rows;
  }
  const terms = candidateTerms(features, vectors).filter((p) => p.some((t) => vectors.rank(t) < 0 || vectors.rank(t) >= COMMON_WORDS || /\d/.test(t)));
  if (terms.length === 0) return rows;
  const more = await run(`{quote claim} : (${terms.map(phrase).join(" OR ")})`);
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...more.filter((r) => !seen.has(r.id))];
}

export const adoptVerdictSchema = z.strictObject({
  claimId: idSchema,
  /** The version the reviewer is looking at: a colleague's save meanwhile is a conflict, never overwritten. */
  version: z.number().int().positive(),
  fromClaimId: idSchema,
});

export type { CheckedBeforeMatch };

export type AdoptVerdictResult = { status: "done"; claim: ClaimDto } | { status: "conflict"; current: ClaimDto };

/**
 * "Use this verdict": copies the verdict, rationale and sources of an earlier
 * claim into the open one as a starting point, in one save that also records
 * which claim it was based on (claims.based_on_claim_id and a `based_on`
 * event in the claim's history). The claim as checked and the claimant stay
 * the reviewer's own. The copy is made here, from the stored earlier claim,
 * never from what the browser sends.
 */
export async function adoptVerdict({ actor, input }: { actor: SessionUser; input: unknown }): Promise<AdoptVerdictResult> {
  const { claimId, version, fromClaimId } = parseInput(adoptVerdictSchema, input, "claim");
  if (claimId === fromClaimId) throw new AppError("bad_request:claim", "A claim cannot be based on itself.");
  const [current, earlier] = await Promise.all([getClaim({ claimId }), getClaim({ claimId: fromClaimId })]);
  if (!earlier.verdict) throw new AppError("bad_request:claim", "That earlier claim has no verdict to use.");
  const { title } = await getArticle({ articleId: earlier.articleId });
  const fields = {
    ...claimFieldsOf(current),
    verdict: earlier.verdict,
    rationale: earlier.rationale,
    sources: earlier.sources.map((s) => ({ ...s, id: randomUUID() })),
  };
  const basedOn = { claimId: earlier.id, articleId: earlier.articleId, articleTitle: title, quote: earlier.claimAsChecked.trim() || earlier.selectors.quote.exact, verdict: earlier.verdict };
  const result = await saveClaim({ actor, input: { claimId, baseVersion: version, fields }, basedOn });
  return result.status === "saved" ? { status: "done", claim: result.claim } : { status: "conflict", current: result.current };
}

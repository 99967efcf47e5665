import "server-only";
import { sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { extractFeatures, type ClaimFeatures } from "@/lib/matching/features";
import { compareFeatures, MATCH_THRESHOLD } from "@/lib/matching/match";
import { candidateTerms, lookupTerms, type TermStats } from "@/lib/matching/terms";
import { claimFieldsOf, type ClaimDto } from "@/lib/claims";
import { getArticle } from "./articles";
import { getClaim, saveClaim } from "./claims";
import type { CheckedBeforeMatch } from "@/lib/matching/types";
import { wordVectors, type WordVectors } from "@/lib/matching/word-vectors";
import { idSchema, parseInput } from "@/lib/validation";
import { randomUUID } from "node:crypto";
import type { ClaimStatus } from "@/lib/verdicts";

/**
 * "Checked before": earlier claims of the desk, from any article, that make
 * the same assertion as the text a reviewer is looking at.
 *
 *   1. Candidates: the claims index of search (migration 0004, kept in step
 *      by triggers) is asked for any of the text's content words, their
 *      nearest GloVe neighbours ("unemployment" → "jobless"), its numbers in
 *      digits and words, and its places by every name (lib/matching/terms.ts).
 *      Words found in more than TERM_DOC_CAP claims are left to step 2, so a
 *      common word never makes FTS5 rank a million rows. BM25 keeps the best
 *      CANDIDATES.
 *   2. Each candidate with a verdict is compared with the text
 *      (lib/matching/match.ts): closeness of wording past word overlap, and
 *      the facts where they must agree (numbers, years, places, negation,
 *      direction). A candidate that differs on a fact is never a match.
 */
export const CANDIDATES = 300;
export const TERM_DOC_CAP = 20_000;
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

async function candidates(features: ClaimFeatures, excludeClaimId: string | undefined): Promise<CandidateRow[]> {
  const db = await getDb();
  const vectors = wordVectors();
  const { facts, words } = lookupTerms(features, vectors);
  const run = (match: string) =>
    db.all<CandidateRow>(sql`
      SELECT c.id, c.article_id, a.title, c.claim_as_checked, c.quote_exact, c.verdict, c.status, c.approved_at, c.updated_at
      FROM (SELECT rowid AS doc, rank FROM search_claims WHERE search_claims MATCH ${match} ORDER BY rank LIMIT ${CANDIDATES}) f
      JOIN search_keys k ON k.doc = f.doc
      JOIN claims c ON c.id = k.ref_id
      JOIN articles a ON a.id = c.article_id
      WHERE c.deleted_at IS NULL AND c.verdict IS NOT NULL AND c.id <> ${excludeClaimId ?? ""}
      ORDER BY f.rank`);

  // 1. The facts a match must share, and one word or neighbour: few rows even at a million claims.
  if (facts.length && words.length) {
    const all = [...facts.map((group) => `(${group.map(phrase).join(" OR ")})`), `(${words.map(phrase).join(" OR ")})`];
    const rows = await run(`{quote claim} : (${all.join(" AND ")})`);
    if (rows.length >= MATCHES_SHOWN) return rows;
    // 2. Too few: any of the terms, as below, and the rows found already.
    const more = await broad(features, vectors, run);
    const seen = new Set(rows.map((r) => r.id));
    return [...rows, ...more.filter((r) => !seen.has(r.id))];
  }
  return broad(features, vectors, run);
}

/**
 * Any of the words, neighbours and fact spellings. Words found in more than
 * TERM_DOC_CAP claims are left out (fts5vocab counts them), so a common word
 * never makes FTS5 rank a million rows.
 */
async function broad(features: ClaimFeatures, vectors: WordVectors, run: (match: string) => Promise<CandidateRow[]>): Promise<CandidateRow[]> {
  const db = await getDb();
  const terms = candidateTerms(features, vectors);
  if (terms.length === 0) return [];
  const tokens = [...new Set(terms.flat())];
  const stats: TermStats = new Map();
  const counted = await db.all<{ term: string; doc: number }>(
    sql`SELECT term, doc FROM search_claims_terms WHERE term IN (${sql.join(
      tokens.map((t) => sql`${t}`),
      sql`, `,
    )})`,
  );
  for (const r of counted) stats.set(String(r.term), Number(r.doc));
  // A phrase is as rare as its rarest word; phrases with a word nobody used cannot match.
  const usable = terms.map((p) => ({ p, docs: Math.min(...p.map((t) => stats.get(t) ?? 0)) })).filter((t) => t.docs > 0);
  if (usable.length === 0) return [];
  let chosen = usable.filter((t) => t.docs <= TERM_DOC_CAP);
  // Only common words: the three rarest still find something to compare.
  if (chosen.length === 0) chosen = usable.sort((a, b) => a.docs - b.docs).slice(0, 3);
  return run(`{quote claim} : (${chosen.map((t) => phrase(t.p)).join(" OR ")})`);
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

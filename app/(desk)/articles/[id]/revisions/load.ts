import "server-only";
import { compareRevisions, getRevisionDetail, listRevisionHistory, type PlacedClaim, type RevisionComparison } from "@/db/queries/revision-view";
import { getVerdictScale } from "@/db/queries/verdict-scale";
import type { MarkedClaim } from "@/components/revisions/claim-mark";
import { requirePageUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { getVerdict, type VerdictScale } from "@/lib/verdicts";

/**
 * What the Revisions pages show, for the signed-in user (anonymous visitors
 * are sent to sign-in). Every role that can open the article can read its
 * revisions, as on the article page. Modules of their own so the
 * authorization matrix calls exactly what the pages call.
 */

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function marked(scale: VerdictScale, claims: readonly Pick<PlacedClaim, "id" | "verdict">[]): MarkedClaim[] {
  return claims.map((c) => {
    const entry = getVerdict(scale, c.verdict);
    return { id: c.id, verdict: c.verdict, label: entry?.label ?? (c.verdict ? c.verdict : "No verdict yet"), color: entry?.color ?? "#f59e0b" };
  });
}

/** The list, and the comparison the URL asks for (`?from=1&to=3`); a refused comparison is a message, not an error page. */
export async function loadRevisionsPage(articleId: string, query: Record<string, string | string[] | undefined>) {
  await requirePageUser(`/articles/${articleId}/revisions`);
  const list = await listRevisionHistory({ articleId });
  const from = first(query.from);
  const to = first(query.to);
  let comparison: (RevisionComparison & { marked: MarkedClaim[] }) | null = null;
  let compareError: string | null = null;
  if (from !== undefined || to !== undefined) {
    try {
      const result = await compareRevisions({ articleId, from, to });
      comparison = { ...result, marked: marked(await getVerdictScale(), result.claims) };
    } catch (error) {
      if (!(error instanceof AppError) || (error.type !== "bad_request" && error.type !== "not_found")) throw error;
      compareError = error.message;
    }
  }
  return { ...list, comparison, compareError, from, to };
}

/** One old revision, read-only, with its claims as anchored in it. */
export async function loadRevisionPage(articleId: string, number: string) {
  await requirePageUser(`/articles/${articleId}/revisions/${encodeURIComponent(number)}`);
  const detail = await getRevisionDetail({ articleId, number });
  const scale = await getVerdictScale();
  return { ...detail, marked: marked(scale, detail.claims), orphanLabels: marked(scale, detail.orphaned).map((m) => m.label) };
}

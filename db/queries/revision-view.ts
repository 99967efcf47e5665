import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articleRevisions, articles, claimAnchors, claims } from "@/db/schema";
import { createTextModel } from "@/lib/anchoring";
import type { DiffPiece } from "@/lib/revision-diff";
import type { DocNode } from "@/lib/article-text";
import { AppError } from "@/lib/errors";
import { runImportTask } from "@/lib/import/pool";
import { readRevisions, type RevisionSource } from "./revisions";
import type { ClaimStatus } from "@/lib/verdicts";

/**
 * What the Revisions view reads: the list of an article's revisions with
 * their word counts and the claims each one affected, the word diff between
 * any two, and one old revision with its claims exactly as they were
 * anchored in it (claim_anchors). Every role that can open the article can
 * read all of this; the pages check the session (app/(desk)/articles/[id]/revisions/load.ts).
 */



export type RevisionListItem = {
  number: number;
  authorName: string | null;
  createdAt: string;
  note: string;
  source: RevisionSource;
  /** Against the previous revision; null for revision 1 (the import). */
  words: { added: number; removed: number } | null;
  /** Live claims whose words this revision changed or removed, as re-anchoring recorded it. */
  claims: { changed: number; orphaned: number };
};

const revisionNumber = z.coerce
  .number({ message: "Choose a revision by its number." })
  .int("Choose a revision by its number.")
  .positive("Choose a revision by its number.")
  .max(1_000_000, "There is no such revision.");

/** A revision number from a URL (`?from=2`, `/revisions/3`), or the readable refusal. */
export function parseRevisionNumber(raw: unknown): number {
  const parsed = revisionNumber.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request:article", parsed.error.issues[0]?.message ?? "Choose a revision by its number.");
  return parsed.data;
}

async function requireArticle(articleId: string) {
  if (!z.uuid().safeParse(articleId).success) throw new AppError("not_found:article");
  const db = await getDb();
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { id: true, title: true, currentRevision: true } });
  if (!article) throw new AppError("not_found:article");
  return { db, article };
}

/** Plain texts of the given revisions of one article, by number. */
async function plainTexts(articleId: string, numbers: number[]): Promise<Map<number, string>> {
  const db = await getDb();
  const rows = numbers.length
    ? await db
        .select({ number: articleRevisions.number, plainText: articleRevisions.plainText })
        .from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, articleId), inArray(articleRevisions.number, numbers)))
    : [];
  return new Map(rows.map((r) => [r.number, r.plainText]));
}

/**
 * The article's revisions, newest first. Word counts are stored when a
 * revision is saved; a revision saved before they existed gets them here
 * once (diffed in the import worker, then written), so the list never diffs
 * a revision twice.
 */
export async function listRevisionHistory({ articleId }: { articleId: string }): Promise<{ title: string; currentRevision: number; revisions: RevisionListItem[] }> {
  const { db, article } = await requireArticle(articleId);
  const rows = await readRevisions(db, articleId);

  const missing = rows.filter((r) => r.number > 1 && (r.wordsAdded === null || r.wordsRemoved === null));
  if (missing.length) {
    const texts = await plainTexts(articleId, [...new Set(missing.flatMap((r) => [r.number - 1, r.number]))]);
    for (const row of missing) {
      const oldText = texts.get(row.number - 1);
      const newText = texts.get(row.number);
      if (oldText === undefined || newText === undefined) continue;
      const { words } = await runImportTask({ kind: "revision-diff", oldText, newText });
      row.wordsAdded = words.added;
      row.wordsRemoved = words.removed;
      // Only where still missing: the figures are a function of two stored texts, so a concurrent fill writes the same.
      await db
        .update(articleRevisions)
        .set({ wordsAdded: words.added, wordsRemoved: words.removed })
        .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, row.number), isNull(articleRevisions.wordsAdded)));
    }
  }

  const affected = await db
    .select({ revision: claimAnchors.revision, state: claimAnchors.state, n: sql<number>`count(*)` })
    .from(claimAnchors)
    .innerJoin(claims, eq(claims.id, claimAnchors.claimId))
    .where(
      and(
        eq(claimAnchors.articleId, articleId),
        isNull(claims.deletedAt),
        inArray(claimAnchors.state, ["changed", "orphaned"]),
        // A claim orphaned earlier is orphaned again by every later revision: it was affected once, by the revision that removed its words.
        sql`NOT (${claimAnchors.state} = 'orphaned' AND EXISTS (SELECT 1 FROM claim_anchors p WHERE p.claim_id = ${claimAnchors.claimId} AND p.revision = ${claimAnchors.revision} - 1 AND p.state = 'orphaned'))`,
      ),
    )
    .groupBy(claimAnchors.revision, claimAnchors.state);
  const counts = new Map<number, { changed: number; orphaned: number }>();
  for (const a of affected) {
    const c = counts.get(a.revision) ?? { changed: 0, orphaned: 0 };
    if (a.state === "changed") c.changed = Number(a.n);
    else if (a.state === "orphaned") c.orphaned = Number(a.n);
    counts.set(a.revision, c);
  }

  const revisions = rows
    .map(({ wordsAdded, wordsRemoved, ...r }): RevisionListItem => ({
      ...r,
      words: r.number === 1 || wordsAdded === null || wordsRemoved === null ? null : { added: wordsAdded, removed: wordsRemoved },
      claims: counts.get(r.number) ?? { changed: 0, orphaned: 0 },
    }))
    .reverse();
  return { title: article.title, currentRevision: article.currentRevision, revisions };
}

/**
 * The quotes orphaned claims had before their words went: an orphaned anchor
 * stores no quote of its own (its words are not in that revision), so a
 * revision's orphans are shown and exported with the selectors of their last
 * revision that still held them.
 */
export async function quotesBeforeOrphaning(
  articleId: string,
  revision: number,
  claimIds: string[],
): Promise<Map<string, { exact: string; prefix: string; suffix: string }>> {
  const quotes = new Map<string, { exact: string; prefix: string; suffix: string }>();
  if (claimIds.length === 0) return quotes;
  const db = await getDb();
  const rows = await db
    .select({ claimId: claimAnchors.claimId, exact: claimAnchors.quoteExact, prefix: claimAnchors.quotePrefix, suffix: claimAnchors.quoteSuffix })
    .from(claimAnchors)
    .where(
      and(
        eq(claimAnchors.articleId, articleId),
        sql`${claimAnchors.revision} < ${revision}`,
        sql`${claimAnchors.state} <> 'orphaned'`,
        inArray(claimAnchors.claimId, claimIds),
      ),
    )
    .orderBy(sql`${claimAnchors.revision} DESC`);
  for (const r of rows) if (!quotes.has(r.claimId)) quotes.set(r.claimId, { exact: r.exact, prefix: r.prefix, suffix: r.suffix });
  return quotes;
}

/** A claim placed in one revision's text: UTF-16 offsets into that revision's plain text. */
export type PlacedClaim = { id: string; start: number; end: number; verdict: string | null; status: ClaimStatus; claimAsChecked: string };
/** A claim whose words were gone in that revision: its old quote, listed apart. */
export type OrphanedClaim = { id: string; quote: string; verdict: string | null; status: ClaimStatus; claimAsChecked: string };

/** The live claims anchored in revision `number` of an article, in text order, and those orphaned in it. */
async function claimsInRevision(articleId: string, number: number, plainText: string): Promise<{ placed: PlacedClaim[]; orphaned: OrphanedClaim[] }> {
  const db = await getDb();
  const rows = await db
    .select({
      id: claims.id,
      start: claimAnchors.positionStart,
      end: claimAnchors.positionEnd,
      exact: claimAnchors.quoteExact,
      state: claimAnchors.state,
      verdict: claims.verdict,
      status: claims.status,
      claimAsChecked: claims.claimAsChecked,
      claimQuote: claims.quoteExact,
    })
    .from(claimAnchors)
    .innerJoin(claims, eq(claims.id, claimAnchors.claimId))
    .where(and(eq(claimAnchors.articleId, articleId), eq(claimAnchors.revision, number), isNull(claims.deletedAt)))
    .orderBy(asc(claimAnchors.positionStart), asc(claimAnchors.positionEnd), asc(claims.id));
  const model = createTextModel(plainText);
  const placed: PlacedClaim[] = [];
  const orphans: (OrphanedClaim & { fallback: string })[] = [];
  for (const r of rows) {
    const base = { id: r.id, verdict: r.verdict, status: r.status, claimAsChecked: r.claimAsChecked };
    const start = model.toUtf16(r.start);
    const end = model.toUtf16(r.end);
    // The anchor is that revision's own record: used as stored, never searched for again.
    if (r.state === "orphaned" || end <= start || plainText.slice(start, end) !== r.exact) orphans.push({ ...base, quote: r.exact, fallback: r.claimQuote });
    else placed.push({ ...base, start, end });
  }
  const earlier = await quotesBeforeOrphaning(articleId, number, orphans.filter((o) => o.quote === "").map((o) => o.id));
  const orphaned = orphans.map(({ fallback, ...o }) => ({ ...o, quote: o.quote || earlier.get(o.id)?.exact || fallback }));
  return { placed, orphaned };
}

export type RevisionDetail = {
  title: string;
  currentRevision: number;
  revision: { number: number; authorName: string | null; createdAt: string; note: string; content: DocNode; plainText: string };
  claims: PlacedClaim[];
  orphaned: OrphanedClaim[];
};

/** One revision, read-only, with its claims as they were anchored in it. */
export async function getRevisionDetail({ articleId, number }: { articleId: string; number: unknown }): Promise<RevisionDetail> {
  const n = parseRevisionNumber(number);
  const { db, article } = await requireArticle(articleId);
  const [row] = await readRevisions(db, articleId, { number: n, withText: true });
  if (!row) throw new AppError("not_found:article", `This article has no revision ${n}. It has ${article.currentRevision}.`);
  const plainText = row.plainText ?? "";
  const { placed, orphaned } = await claimsInRevision(articleId, n, plainText);
  return {
    title: article.title,
    currentRevision: article.currentRevision,
    revision: { number: row.number, authorName: row.authorName, createdAt: row.createdAt, note: row.note, content: row.content as DocNode, plainText },
    claims: placed,
    orphaned,
  };
}

export type RevisionComparison = {
  from: number;
  to: number;
  /** The diff as the page shows it: unchanged stretches folded, each piece listing the claims (indexes into `claims`) on it. */
  pieces: DiffPiece[];
  words: { added: number; removed: number };
  /** The claims of the "to" revision, over its text (the same and added pieces, in order). */
  claims: PlacedClaim[];
  orphaned: OrphanedClaim[];
};

/**
 * The word diff from revision `from` to revision `to` (either order), with
 * the "to" revision's claims. The diff runs in the import worker: a
 * 100,000-word article rewritten throughout takes it up to its one-second
 * budget (lib/anchoring/text-diff.ts), which the event loop must not wait on.
 */
export async function compareRevisions({ articleId, from, to }: { articleId: string; from: unknown; to: unknown }): Promise<RevisionComparison> {
  const a = parseRevisionNumber(from);
  const b = parseRevisionNumber(to);
  if (a === b) throw new AppError("bad_request:article", "Choose two different revisions to compare.");
  const { article } = await requireArticle(articleId);
  const texts = await plainTexts(articleId, [a, b]);
  const oldText = texts.get(a);
  const newText = texts.get(b);
  for (const [n, text] of [
    [a, oldText],
    [b, newText],
  ] as const) {
    if (text === undefined) throw new AppError("not_found:article", `This article has no revision ${n}. It has ${article.currentRevision}.`);
  }
  const { placed, orphaned } = await claimsInRevision(articleId, b, newText as string);
  const claimRanges = placed.map((c) => ({ start: c.start, end: c.end }));
  const { pieces, words } = await runImportTask({ kind: "revision-diff", oldText: oldText as string, newText: newText as string, claims: claimRanges });
  return { from: a, to: b, pieces, words, claims: placed, orphaned };
}

import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articles, claims } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { HIT_END, HIT_START } from "@/lib/search/normalise";
import { foldToken, matchExpression, parseSearchQuery, type Clause } from "@/lib/search/query";
import { snippetSegments, type SnippetSegment } from "@/lib/search/snippet";
import type { ClaimStatus } from "@/lib/verdicts";
import { articleDate, dashboardQuerySchema } from "./dashboard";

export const SEARCH_KINDS = ["articles", "claims", "sources"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
/** Results per page when one kind is shown; the overview shows the first few of each kind. */
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_OVERVIEW_SIZE = 5;
/** Matches are counted and ranked up to this many, the newest first ("1,000+"): see `rank`. */
export const SEARCH_COUNT_CAP = 1000;

/** The dashboard's filters (same names, same meaning, same tolerance of hand-edited URLs), plus the words and the kind. */
export const searchQuerySchema = dashboardQuerySchema.pick({ status: true, verdict: true, reviewer: true, publisher: true, from: true, to: true, page: true }).extend({
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional()).catch(undefined),
  kind: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.enum(SEARCH_KINDS).optional()).catch(undefined),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export type ArticleHit = { id: string; href: string; title: string; publisher: string | null; author: string | null; publishedOn: string | null; snippet: SnippetSegment[] };
export type ClaimHit = {
  id: string;
  href: string;
  articleId: string;
  articleTitle: string;
  claimAsChecked: string;
  claimant: string;
  status: ClaimStatus;
  verdict: string | null;
  snippet: SnippetSegment[];
};
export type SourceHit = { id: string; href: string; claimId: string; claimAsChecked: string; articleTitle: string; title: string; url: string; publisher: string; snippet: SnippetSegment[] };
export type SearchGroup<T> = { kind: SearchKind; hits: T[]; total: number; /** `total` stopped at SEARCH_COUNT_CAP. */ capped: boolean; page: number; pageCount: number };

export type SearchResult =
  | { status: "empty"; query: SearchQuery }
  | { status: "invalid"; query: SearchQuery; message: string }
  | { status: "ok"; query: SearchQuery & { page: number }; terms: string[]; articles: SearchGroup<ArticleHit> | null; claims: SearchGroup<ClaimHit> | null; sources: SearchGroup<SourceHit> | null };

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const STATUS_COLUMN: Record<ClaimStatus, SQL> = {
  open: sql.raw("open"),
  in_review: sql.raw("in_review"),
  verdict_proposed: sql.raw("verdict_proposed"),
  approved: sql.raw("approved"),
};

/** Article-level filters, as the dashboard applies them (articles with a live claim in that status / with that verdict / …). */
function articleFilters(q: SearchQuery): SQL[] {
  const c: SQL[] = [];
  if (q.status) c.push(sql`${articles.id} IN (SELECT article_id FROM article_stats WHERE ${STATUS_COLUMN[q.status]} > 0)`);
  if (q.verdict) c.push(sql`${articles.id} IN (SELECT article_id FROM article_verdict_counts WHERE verdict = ${q.verdict})`);
  if (q.reviewer) c.push(sql`(${articles.assigneeId} = ${q.reviewer} OR ${articles.id} IN (SELECT article_id FROM claims WHERE assignee_id = ${q.reviewer} AND deleted_at IS NULL))`);
  return [...c, ...articleFieldFilters(q)];
}

/** Filters on the article row itself: publisher and article date. */
function articleFieldFilters(q: SearchQuery): SQL[] {
  const c: SQL[] = [];
  if (q.publisher) c.push(sql`${articles.publisher} = ${q.publisher}`);
  if (q.from) c.push(sql`${articleDate} >= ${q.from}`);
  if (q.to) c.push(sql`${articleDate} <= ${q.to}`);
  return c;
}

/** Claim-level filters (for claims, and for sources through their claim): the claim's own status, verdict and reviewer. */
function claimFilters(q: SearchQuery): SQL[] {
  const c: SQL[] = [sql`${claims.deletedAt} IS NULL`];
  if (q.status) c.push(sql`${claims.status} = ${q.status}`);
  if (q.verdict) c.push(sql`${claims.verdict} = ${q.verdict}`);
  // The claim's assignee, or the article's when the claim has none.
  if (q.reviewer) c.push(sql`coalesce(${claims.assigneeId}, ${articles.assigneeId}) = ${q.reviewer}`);
  return [...c, ...articleFieldFilters(q)];
}

type Plan = { fts: string; weights: string; from: SQL; where: SQL[]; snippetTokens: number };

/** A prefix standing for more terms than this is left to FTS5 (its prefix indexes cover the 2- and 3-letter ones). */
const MAX_PREFIX_TERMS = 40;

/**
 * The MATCH expression for one index, its one-word prefixes replaced by the
 * terms of that index's vocabulary they stand for ("milit" → militia OR
 * militias OR military…). FTS5 answers a prefix by merging every matching
 * term's whole doclist before it returns a row; an OR of terms streams, so
 * the newest matches come first at once (bench:search: a two-word query at
 * 1,000,000 claims went from ~19 ms to ~9 ms per statement).
 */
async function matchFor(fts: string, clauses: Clause[]): Promise<string> {
  const db = await getDb();
  const tokens = [...new Set(clauses.flatMap((c) => c.filter((a) => a.prefix && a.tokens.length === 1).map((a) => foldToken(a.tokens[0]!))))];
  const expansions = new Map<string, string[] | null>();
  for (const token of tokens) {
    const rows = await db.all<{ term: string }>(
      sql`SELECT term FROM ${sql.raw(`${fts}_terms`)} WHERE term >= ${token} AND term <= ${token} || char(1114111) LIMIT ${MAX_PREFIX_TERMS + 1}`,
    );
    const terms = rows.map((r) => String(r.term)).filter((t) => t.startsWith(token));
    expansions.set(token, terms.length > MAX_PREFIX_TERMS ? null : terms);
  }
  // No term found (none indexed, or a token the tokenizer folds differently): the prefix is left to FTS5.
  return matchExpression(clauses, (token) => expansions.get(foldToken(token)) ?? null);
}

function planFor(kind: SearchKind, q: SearchQuery): Plan {
  if (kind === "articles") {
    const where = articleFilters(q);
    return {
      fts: "search_articles",
      weights: "10.0, 1.0, 2.0, 2.0",
      from: where.length ? sql`JOIN search_keys k ON k.doc = search_articles.rowid JOIN ${articles} ON ${articles.id} = k.ref_id` : sql``,
      where,
      snippetTokens: 28,
    };
  }
  if (kind === "claims") {
    const where = claimFilters(q).slice(1); // deleted claims are not indexed
    return {
      fts: "search_claims",
      weights: "3.0, 4.0, 2.0, 1.0",
      from: where.length ? sql`JOIN search_keys k ON k.doc = search_claims.rowid JOIN ${claims} ON ${claims.id} = k.ref_id JOIN ${articles} ON ${articles.id} = ${claims.articleId}` : sql``,
      where,
      snippetTokens: 24,
    };
  }
  return {
    fts: "search_sources",
    weights: "3.0, 2.0, 1.0, 2.0",
    // Always joined: a source of a deleted claim stays indexed but is not shown.
    from: sql`JOIN search_keys k ON k.doc = search_sources.rowid JOIN sources s ON s.id = k.ref_id JOIN ${claims} ON ${claims.id} = s.claim_id JOIN ${articles} ON ${articles.id} = ${claims.articleId}`,
    where: claimFilters(q),
    snippetTokens: 24,
  };
}

type Ranked = { docs: number[]; snippets: Map<number, SnippetSegment[]>; total: number; capped: boolean; page: number; pageCount: number };

/**
 * One statement finds, counts and scores the matches: the newest
 * SEARCH_COUNT_CAP + 1 of them (FTS5 walks its doclists in rowid order, and
 * keys grow with time), each with its BM25 score; they are ranked here. So
 * BM25 never runs over every match of a common word (measured: ranking all
 * of them cost 170–300 ms at 1,000,000 claims, bench:search). When more
 * match, the page says "1,000+" and ranks the newest thousand: a newsroom
 * asks more often for recent work, and more words or a filter narrow it.
 * Snippets are then made for the page's rows only.
 */
async function rank(kind: SearchKind, q: SearchQuery, clauses: Clause[], pageSize: number, page: number): Promise<Ranked> {
  const db = await getDb();
  const plan = planFor(kind, q);
  const fts = sql.raw(plan.fts);
  const match = await matchFor(plan.fts, clauses);
  const where = sql.join([sql`${fts} MATCH ${match}`, ...plan.where], sql` AND `);
  const rows = await db.all<{ doc: number; score: number }>(
    sql`SELECT ${fts}.rowid AS doc, bm25(${fts}, ${sql.raw(plan.weights)}) AS score FROM ${fts} ${plan.from} WHERE ${where}
        ORDER BY ${fts}.rowid DESC LIMIT ${SEARCH_COUNT_CAP + 1}`,
  );
  const capped = rows.length > SEARCH_COUNT_CAP;
  const ranked = rows
    .slice(0, SEARCH_COUNT_CAP)
    .map((r) => ({ doc: Number(r.doc), score: Number(r.score) }))
    .sort((x, y) => x.score - y.score || y.doc - x.doc);
  const total = ranked.length;
  if (!total) return { docs: [], snippets: new Map(), total: 0, capped: false, page: 1, pageCount: 1 };
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pageCount);
  const docs = ranked.slice((current - 1) * pageSize, current * pageSize).map((r) => r.doc);
  const snippets = new Map<number, SnippetSegment[]>();
  await yieldToLoop();
  // The rowid range lets FTS5 seek; the unary + keeps the IN list out of its index (one pass, not one per id).
  const snips = await db.all<{ doc: number; snip: string }>(
    sql`SELECT rowid AS doc, snippet(${fts}, -1, ${HIT_START}, ${HIT_END}, '…', ${plan.snippetTokens}) AS snip FROM ${fts}
        WHERE ${fts} MATCH ${match} AND rowid BETWEEN ${Math.min(...docs)} AND ${Math.max(...docs)} AND +rowid IN (${inList(docs)})`,
  );
  for (const s of snips) snippets.set(Number(s.doc), snippetSegments(String(s.snip ?? "")));
  return { docs, snippets, total, capped, page: current, pageCount };
}

const inList = (docs: number[]) => sql.join(docs.map((d) => sql`${d}`), sql`, `);
const inOrder = <T extends { doc: number }>(docs: number[], rows: T[]) => {
  const byDoc = new Map(rows.map((r) => [Number(r.doc), r]));
  return docs.map((d) => byDoc.get(d)).filter((r): r is T => !!r);
};

async function articleGroup(q: SearchQuery, clauses: Clause[], pageSize: number, page: number): Promise<SearchGroup<ArticleHit>> {
  const r = await rank("articles", q, clauses, pageSize, page);
  const rows = r.docs.length
    ? await (await getDb()).all<{ doc: number; id: string; title: string; publisher: string | null; author: string | null; published_on: string | null }>(
        sql`SELECT k.doc, a.id, a.title, a.publisher, a.author, a.published_on FROM search_keys k JOIN articles a ON a.id = k.ref_id WHERE k.doc IN (${inList(r.docs)})`,
      )
    : [];
  return {
    kind: "articles",
    total: r.total,
    capped: r.capped,
    page: r.page,
    pageCount: r.pageCount,
    hits: inOrder(r.docs, rows).map((a) => ({
      id: a.id,
      href: `/articles/${a.id}`,
      title: a.title,
      publisher: a.publisher,
      author: a.author,
      publishedOn: a.published_on,
      snippet: r.snippets.get(Number(a.doc)) ?? [],
    })),
  };
}

async function claimGroup(q: SearchQuery, clauses: Clause[], pageSize: number, page: number): Promise<SearchGroup<ClaimHit>> {
  const r = await rank("claims", q, clauses, pageSize, page);
  const rows = r.docs.length
    ? await (await getDb()).all<{ doc: number; id: string; article_id: string; article_title: string; claim_as_checked: string; claimant: string; status: ClaimStatus; verdict: string | null }>(
        sql`SELECT k.doc, c.id, c.article_id, a.title AS article_title, c.claim_as_checked, c.claimant, c.status, c.verdict
            FROM search_keys k JOIN claims c ON c.id = k.ref_id JOIN articles a ON a.id = c.article_id WHERE k.doc IN (${inList(r.docs)})`,
      )
    : [];
  return {
    kind: "claims",
    total: r.total,
    capped: r.capped,
    page: r.page,
    pageCount: r.pageCount,
    hits: inOrder(r.docs, rows).map((c) => ({
      id: c.id,
      href: `/articles/${c.article_id}?claim=${c.id}`,
      articleId: c.article_id,
      articleTitle: c.article_title,
      claimAsChecked: c.claim_as_checked,
      claimant: c.claimant,
      status: c.status,
      verdict: c.verdict,
      snippet: r.snippets.get(Number(c.doc)) ?? [],
    })),
  };
}

async function sourceGroup(q: SearchQuery, clauses: Clause[], pageSize: number, page: number): Promise<SearchGroup<SourceHit>> {
  const r = await rank("sources", q, clauses, pageSize, page);
  const rows = r.docs.length
    ? await (await getDb()).all<{ doc: number; id: string; claim_id: string; article_id: string; article_title: string; claim_as_checked: string; title: string; url: string; publisher: string }>(
        sql`SELECT k.doc, s.id, s.claim_id, c.article_id, a.title AS article_title, c.claim_as_checked, s.title, s.url, s.publisher
            FROM search_keys k JOIN sources s ON s.id = k.ref_id JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id WHERE k.doc IN (${inList(r.docs)})`,
      )
    : [];
  return {
    kind: "sources",
    total: r.total,
    capped: r.capped,
    page: r.page,
    pageCount: r.pageCount,
    hits: inOrder(r.docs, rows).map((s) => ({
      id: s.id,
      href: `/articles/${s.article_id}?claim=${s.claim_id}`,
      claimId: s.claim_id,
      claimAsChecked: s.claim_as_checked,
      articleTitle: s.article_title,
      title: s.title,
      url: s.url,
      publisher: s.publisher,
      snippet: r.snippets.get(Number(s.doc)) ?? [],
    })),
  };
}

/**
 * Full-text search over articles (title, text, publisher, author), live
 * claims (quote, claim as checked, claimant, rationale) and sources (title,
 * publisher, URL, excerpt), ranked by BM25, grouped by kind. Every signed-in
 * role reads every article (db/queries/articles.ts), so every role searches
 * the whole desk. Without `kind` it returns the first few results of each
 * kind; with it, one kind, paginated.
 */
export async function search({ actor, input }: { actor: SessionUser | null; input: unknown }): Promise<SearchResult> {
  if (!actor) throw new AppError("unauthorized:auth");
  const query = searchQuerySchema.parse(input ?? {});
  const parsed = parseSearchQuery(query.q ?? "");
  if (parsed.status === "empty") return { status: "empty", query };
  if (parsed.status === "invalid") return { status: "invalid", query, message: parsed.message };
  const page = query.page ?? 1;
  const one = query.kind;
  const size = one ? SEARCH_PAGE_SIZE : SEARCH_OVERVIEW_SIZE;
  const pageOf = (kind: SearchKind) => (one === kind ? page : 1);
  const want = (kind: SearchKind) => !one || one === kind;
  const articleHits = want("articles") ? await articleGroup(query, parsed.clauses, size, pageOf("articles")) : null;
  await yieldToLoop();
  const claimHits = want("claims") ? await claimGroup(query, parsed.clauses, size, pageOf("claims")) : null;
  await yieldToLoop();
  const sourceHits = want("sources") ? await sourceGroup(query, parsed.clauses, size, pageOf("sources")) : null;
  const shownPage = one ? (articleHits ?? claimHits ?? sourceHits)!.page : 1;
  return { status: "ok", query: { ...query, page: shownPage }, terms: parsed.terms, articles: articleHits, claims: claimHits, sources: sourceHits };
}

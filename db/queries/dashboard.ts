import "server-only";
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb, type Db } from "@/db";
import { articles, articleStats, articleVerdictCounts, claims } from "@/db/schema";
import { anchorAll, createTextModel, type ClaimSelectors } from "@/lib/anchoring";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { ARTICLE_STATE_KEYS, rollUp, type ArticleRollup, type ArticleState, type StatusCounts, type VerdictCount } from "@/lib/summary";
import { ISO_DATE_FORMAT } from "@/lib/format";
import { isoDateSchema } from "@/lib/validation";
import { CLAIM_STATUS_KEYS, type ClaimStatus, type Role, type VerdictScale } from "@/lib/verdicts";
import { getVerdictScale } from "./verdict-scale";

/** Who may see the desk dashboard (reviewers work from their articles). */
export const DASHBOARD_ROLES: readonly Role[] = ["editor", "admin"];
export const DASHBOARD_PAGE_SIZE = 25;

export const DASHBOARD_SORTS = ["date", "imported", "title", "publisher", "claims", "progress", "activity"] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

/** A URL parameter: "" and invalid values mean "not set", so a hand-edited URL never breaks the page (the search page's filters use it too). */
export const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, schema.optional()).catch(undefined);

const DATE_FILTER_LABELS = { from: "Article date from", to: "Article date to" } as const;

/**
 * Date filters in the URL that are not ISO dates ("01/11/2024" typed into a
 * link): the query schema ignores them so the page still loads, and this says
 * which, so the page can tell the user instead of showing unfiltered results
 * as if they were filtered.
 */
export function unreadableDateFilters(input: Record<string, string | string[] | undefined>): string[] {
  const messages: string[] = [];
  for (const key of ["from", "to"] as const) {
    const raw = input[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value && !isoDateSchema.safeParse(value).success) {
      messages.push(`“${DATE_FILTER_LABELS[key]}” was not applied: “${value.slice(0, 40)}” is not a date. Use the format ${ISO_DATE_FORMAT}, e.g. 2024-11-01.`);
    }
  }
  return messages;
}

export const dashboardQuerySchema = z.object({
  /** Article state (lib/summary `articleState`). */
  state: param(z.enum(ARTICLE_STATE_KEYS)),
  /** Articles with at least one live claim in this status. */
  status: param(z.enum(CLAIM_STATUS_KEYS)),
  /** Articles with at least one live claim with this verdict key (any key: the scale is editable). */
  verdict: param(z.string().trim().min(1).max(64)),
  /** A user id: articles assigned to them, or with claims assigned to them. */
  reviewer: param(z.uuid()),
  publisher: param(z.string().trim().min(1).max(200)),
  /** Article date range (published date, else import day), inclusive, YYYY-MM-DD. */
  from: param(isoDateSchema),
  to: param(isoDateSchema),
  sort: param(z.enum(DASHBOARD_SORTS)),
  dir: param(z.enum(["asc", "desc"])),
  page: param(z.coerce.number().int().min(1).max(1_000_000)),
});
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

/** The default direction of each sort: newest / most first, names A→Z. */
export function defaultDirection(sort: DashboardSort): "asc" | "desc" {
  return sort === "title" || sort === "publisher" ? "asc" : "desc";
}

/** The article's date for the dashboard: the publisher's date, or the import day. Matches index articles_date_idx. */
export const articleDate = sql`coalesce(${articles.publishedOn}, substr(${articles.createdAt}, 1, 10))`;

/** SQL mirror of lib/summary `articleState` over article_stats (kept equal by a DB test). */
export const articleStateSql = sql<ArticleState>`(CASE
  WHEN ${articleStats.total} = 0 THEN 'no_claims'
  WHEN ${articleStats.approved} = ${articleStats.total} THEN 'complete'
  WHEN ${articleStats.open} = ${articleStats.total} AND ${articleStats.checked} = 0 THEN 'not_started'
  WHEN ${articleStats.approved} + ${articleStats.verdictProposed} = ${articleStats.total} AND ${articleStats.verdictProposed} > 0 THEN 'awaiting_approval'
  ELSE 'in_progress' END)`;

const STATUS_COLUMN: Record<ClaimStatus, SQL> = {
  open: sql`${articleStats.open}`,
  in_review: sql`${articleStats.inReview}`,
  verdict_proposed: sql`${articleStats.verdictProposed}`,
  approved: sql`${articleStats.approved}`,
};

function whereOf(q: DashboardQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (q.state) conditions.push(sql`${articleStateSql} = ${q.state}`);
  if (q.status) conditions.push(sql`${STATUS_COLUMN[q.status]} > 0`);
  if (q.verdict) {
    conditions.push(
      // Rows at zero are deleted by the triggers, so the (verdict, article_id) index answers alone.
      sql`${articles.id} IN (SELECT ${articleVerdictCounts.articleId} FROM ${articleVerdictCounts} WHERE ${articleVerdictCounts.verdict} = ${q.verdict})`,
    );
  }
  if (q.reviewer) {
    // One pass over the partial index claims_assignee_article_idx, not a scan per article.
    conditions.push(
      sql`(${articles.assigneeId} = ${q.reviewer} OR ${articles.id} IN (SELECT article_id FROM claims WHERE assignee_id = ${q.reviewer} AND deleted_at IS NULL))`,
    );
  }
  if (q.publisher) conditions.push(sql`${articles.publisher} = ${q.publisher}`);
  if (q.from) conditions.push(sql`${articleDate} >= ${q.from}`);
  if (q.to) conditions.push(sql`${articleDate} <= ${q.to}`);
  return conditions.length ? and(...conditions) : undefined;
}

type SortKey = { expr: SQL; desc: boolean };

/**
 * The sort's keys, in order, each with its direction; the id comes last and
 * breaks ties, so the order is total (pages never repeat or skip a row).
 * No key is ever NULL, so a keyset cursor can compare with = and < on every one.
 */
function sortKeys(sort: DashboardSort, dir: "asc" | "desc"): SortKey[] {
  const desc = dir === "desc";
  const keys: Record<DashboardSort, SortKey[]> = {
    date: [{ expr: articleDate, desc }],
    imported: [{ expr: sql`${articles.createdAt}`, desc }],
    title: [{ expr: sql`${articles.title} COLLATE NOCASE`, desc }],
    // Articles without a publisher last, whichever the direction.
    publisher: [
      { expr: sql`(${articles.publisher} IS NULL)`, desc: false },
      { expr: sql`coalesce(${articles.publisher}, '') COLLATE NOCASE`, desc },
    ],
    claims: [{ expr: sql`${articleStats.total}`, desc }],
    progress: [{ expr: sql`(CASE WHEN ${articleStats.total} = 0 THEN -1 ELSE ${articleStats.approved} * 1.0 / ${articleStats.total} END)`, desc }],
    activity: [{ expr: sql`${articleStats.lastActivityAt}`, desc }],
  };
  return [...keys[sort], { expr: sql`${articles.id}`, desc }];
}

function orderOf(sort: DashboardSort, dir: "asc" | "desc"): SQL {
  return sql.join(
    sortKeys(sort, dir).map((k) => sql`${k.expr} ${k.desc ? sql`DESC` : sql`ASC`}`),
    sql`, `,
  );
}

/** Rows strictly after `values` in the keys' order: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … (< for a descending key). */
function afterKeyset(keys: SortKey[], values: readonly (string | number)[]): SQL {
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => sql`${k.expr} = ${values[j]}`);
    const beyond = key.desc ? sql`${key.expr} < ${values[i]}` : sql`${key.expr} > ${values[i]}`;
    return sql`(${sql.join([...equal, beyond], sql` AND `)})`;
  });
  return sql`(${sql.join(branches, sql` OR `)})`;
}

export type DashboardRow = {
  id: string;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  importedAt: string;
  lastActivityAt: string;
  assignee: { id: string; name: string } | null;
  rollup: ArticleRollup;
};

export type DashboardTotals = {
  articles: number;
  claims: StatusCounts;
  /** Live claims by verdict key over the filtered articles (all approved or not). */
  byVerdict: VerdictCount[];
};

export type VerdictMonth = { month: string; counts: Record<string, number> };

export type DashboardData = {
  query: DashboardQuery & { sort: DashboardSort; dir: "asc" | "desc"; page: number };
  rows: DashboardRow[];
  totals: DashboardTotals;
  pageCount: number;
  /** Approved claims per month of approval and verdict, months with data in the last 24, oldest first. */
  overTime: VerdictMonth[];
  options: { publishers: string[]; reviewers: { id: string; name: string; role: Role }[] };
};

const n = (v: unknown) => Number(v ?? 0);

/** The chart covers the last 24 months (this one included): its cost stays bounded however long the desk's history. */
const CHART_FROM = sql`strftime('%Y-%m', 'now', 'start of month', '-23 months')`;

/**
 * The embedded libSQL driver runs each statement synchronously on the event
 * loop. Yielding between the dashboard's statements lets other requests (and
 * timers) run in between, so one dashboard view blocks the loop for one
 * statement at a time instead of all of them.
 */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function statusCounts(r: Record<string, unknown>): StatusCounts {
  return { total: n(r.total), open: n(r.open), inReview: n(r.in_review), verdictProposed: n(r.verdict_proposed), approved: n(r.approved), checked: n(r.checked) };
}

/**
 * The desk dashboard. Every figure comes from the summary tables kept by the
 * triggers of migration 0002: the page reads 25 article rows, one aggregate
 * over ≤ 10,000 article_stats rows, one over article_verdict_counts and one
 * over verdict_month_counts — never the claims table, except through the
 * reviewer filter's covering index.
 */
export async function getDashboard({ actor, input }: { actor: SessionUser; input: unknown }): Promise<DashboardData> {
  if (!DASHBOARD_ROLES.includes(actor.role)) throw new AppError("forbidden:dashboard");
  const parsed = dashboardQuerySchema.parse(input ?? {});
  const sort = parsed.sort ?? "date";
  const dir = parsed.dir ?? defaultDirection(sort);
  const where = whereOf(parsed);
  const whereSql = where ? sql`WHERE ${where}` : sql``;
  const filtered = sql`FROM ${articles} JOIN ${articleStats} ON ${articleStats.articleId} = ${articles.id} ${whereSql}`;
  const db = await getDb();

  // Unfiltered, the totals come from article_stats alone and the desk-wide tables (a few dozen rows);
  // filtered, from the summary rows of the matching articles only.
  const [totalsRow] = await db.all<Record<string, unknown>>(sql`SELECT count(*) AS articles,
      sum(${articleStats.total}) AS total, sum(${articleStats.open}) AS open, sum(${articleStats.inReview}) AS in_review,
      sum(${articleStats.verdictProposed}) AS verdict_proposed, sum(${articleStats.approved}) AS approved, sum(${articleStats.checked}) AS checked
    ${where ? filtered : sql`FROM ${articleStats}`}`);
  const articleCount = n(totalsRow?.articles);
  const pageCount = Math.max(1, Math.ceil(articleCount / DASHBOARD_PAGE_SIZE));
  const page = Math.min(parsed.page ?? 1, pageCount);

  const filteredIds = sql`SELECT ${articles.id} ${filtered}`;
  // The sort runs over (key, id) pairs only; the 25 rows are read afterwards, by primary key.
  await yieldToLoop();
  const idRows = await db.all<{ id: string }>(
    sql`SELECT ${articles.id} AS id ${filtered} ORDER BY ${orderOf(sort, dir)} LIMIT ${DASHBOARD_PAGE_SIZE} OFFSET ${(page - 1) * DASHBOARD_PAGE_SIZE}`,
  );
  const ids = idRows.map((r) => r.id);
  await yieldToLoop();
  const pageRows = await detailRowsOf(db, ids);
  await yieldToLoop();
  const verdictRows = where
    ? await db.all<Record<string, unknown>>(sql`SELECT verdict, sum(n) AS n, sum(approved) AS approved FROM article_verdict_counts WHERE article_id IN (${filteredIds}) GROUP BY verdict`)
    : await db.all<Record<string, unknown>>(sql`SELECT verdict, n, approved FROM desk_verdict_counts`);
  await yieldToLoop();
  const monthRows = where
    ? await db.all<Record<string, unknown>>(sql`SELECT month, verdict, sum(n) AS n FROM verdict_month_counts WHERE article_id IN (${filteredIds}) AND month >= ${CHART_FROM} GROUP BY month, verdict ORDER BY month`)
    : await db.all<Record<string, unknown>>(sql`SELECT month, verdict, n FROM desk_verdict_months WHERE month >= ${CHART_FROM} ORDER BY month`);
  await yieldToLoop();
  const scale = await getVerdictScale();
  const options = await filterOptions();

  const verdictsByArticle = await verdictsOf(db, ids);

  const months = new Map<string, Record<string, number>>();
  for (const r of monthRows) {
    const month = String(r.month);
    const counts = months.get(month) ?? {};
    counts[String(r.verdict)] = n(r.n);
    months.set(month, counts);
  }

  return {
    query: { ...parsed, sort, dir, page },
    rows: pageRows.map((r) => dashboardRow(r, verdictsByArticle, scale)),
    totals: {
      articles: articleCount,
      claims: statusCounts(totalsRow ?? {}),
      byVerdict: verdictRows.map((r) => ({ verdict: String(r.verdict), n: n(r.n), approved: n(r.approved) })),
    },
    pageCount,
    overTime: [...months.entries()].map(([month, counts]) => ({ month, counts })),
    options,
  };
}

/** The page's article rows with their summaries, by primary key, in the order of `ids`. */
async function detailRowsOf(db: Db, ids: string[]): Promise<Record<string, unknown>[]> {
  if (!ids.length) return [];
  const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const detailRows = await db.all<Record<string, unknown>>(sql`SELECT ${articles.id} AS id, ${articles.title} AS title, ${articles.publisher} AS publisher,
        ${articles.publishedOn} AS published_on, ${articles.createdAt} AS created_at, ${articles.assigneeId} AS assignee_id,
        users.name AS assignee_name,
        ${articleStats.total} AS total, ${articleStats.open} AS open, ${articleStats.inReview} AS in_review,
        ${articleStats.verdictProposed} AS verdict_proposed, ${articleStats.approved} AS approved, ${articleStats.checked} AS checked,
        ${articleStats.lastActivityAt} AS last_activity_at
      FROM ${articles} JOIN ${articleStats} ON ${articleStats.articleId} = ${articles.id}
      LEFT JOIN users ON users.id = ${articles.assigneeId}
      WHERE ${articles.id} IN (${idList})`);
  const byId = new Map(detailRows.map((r) => [String(r.id), r]));
  return ids.map((id) => byId.get(id)).filter((r): r is Record<string, unknown> => !!r);
}

async function verdictsOf(db: Db, ids: string[]): Promise<Map<string, VerdictCount[]>> {
  const verdictsByArticle = new Map<string, VerdictCount[]>();
  if (!ids.length) return verdictsByArticle;
  const pageVerdicts = await db
    .select({ articleId: articleVerdictCounts.articleId, verdict: articleVerdictCounts.verdict, n: articleVerdictCounts.n, approved: articleVerdictCounts.approved })
    .from(articleVerdictCounts)
    .where(inArray(articleVerdictCounts.articleId, ids));
  for (const v of pageVerdicts) {
    const list = verdictsByArticle.get(v.articleId) ?? [];
    list.push({ verdict: v.verdict, n: v.n, approved: v.approved });
    verdictsByArticle.set(v.articleId, list);
  }
  return verdictsByArticle;
}

function dashboardRow(r: Record<string, unknown>, verdictsByArticle: Map<string, VerdictCount[]>, scale: VerdictScale): DashboardRow {
  return {
    id: String(r.id),
    title: String(r.title),
    publisher: (r.publisher as string | null) ?? null,
    publishedOn: (r.published_on as string | null) ?? null,
    importedAt: String(r.created_at),
    lastActivityAt: String(r.last_activity_at),
    assignee: r.assignee_id ? { id: String(r.assignee_id), name: String(r.assignee_name ?? "Unknown user") } : null,
    rollup: rollUp(statusCounts(r), verdictsByArticle.get(String(r.id)) ?? [], scale),
  };
}

/** Where a keyset page starts: just after the row with these sort values and this id (from a previous page's `next`). */
export type DashboardKeyset = { values: (string | number)[]; id: string };

const keysetSchema = z.object({ values: z.array(z.union([z.string().max(2000), z.number()])).min(1).max(3), id: z.string().min(1).max(64) });

export type DashboardKeysetPage = {
  query: DashboardQuery & { sort: DashboardSort; dir: "asc" | "desc" };
  rows: DashboardRow[];
  /** Articles matching the filters (all pages). */
  total: number;
  /** Where the next page starts; null on the last. */
  next: DashboardKeyset | null;
};

/**
 * The dashboard's list (same roles, filters and order), one page after a
 * keyset instead of at an offset: the page is the rows that sort strictly
 * after the last one seen (its sort values and id), so an article imported
 * or deleted between two pages shifts nothing, and no row is repeated or
 * skipped. (An article whose own sort value changes meanwhile, its claims or
 * activity, moves in the order and may be seen again or not at all, as in
 * any keyset listing.) The API's article list uses it; the dashboard keeps
 * its page numbers.
 */
export async function listDashboardAfter({ actor, input, after, limit = DASHBOARD_PAGE_SIZE }: { actor: SessionUser; input: unknown; after?: unknown; limit?: number }): Promise<DashboardKeysetPage> {
  if (!DASHBOARD_ROLES.includes(actor.role)) throw new AppError("forbidden:dashboard");
  const parsed = dashboardQuerySchema.parse(input ?? {});
  const sort = parsed.sort ?? "date";
  const dir = parsed.dir ?? defaultDirection(sort);
  const keys = sortKeys(sort, dir);
  let start: DashboardKeyset | null = null;
  if (after !== undefined && after !== null) {
    const checked = keysetSchema.safeParse(after);
    // One value per sort key before the id: a keyset of another sort is refused, never compared wrongly.
    if (!checked.success || checked.data.values.length !== keys.length - 1) {
      throw new AppError("bad_request:dashboard", "This page position is not valid for this sort. Start again from the first page.");
    }
    start = checked.data;
  }
  const where = whereOf(parsed);
  const conditions = [where, start ? afterKeyset(keys, [...start.values, start.id]) : undefined].filter((c): c is SQL => !!c);
  const join = sql`FROM ${articles} JOIN ${articleStats} ON ${articleStats.articleId} = ${articles.id}`;
  const db = await getDb();
  const [counted] = await db.all<{ n: number }>(sql`SELECT count(*) AS n ${where ? sql`${join} WHERE ${where}` : sql`FROM ${articleStats}`}`);
  await yieldToLoop();
  const keyColumns = sql.join(
    keys.slice(0, -1).map((k, i) => sql`${k.expr} AS ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
  const idRows = await db.all<Record<string, string | number>>(
    sql`SELECT ${articles.id} AS id, ${keyColumns} ${join} ${conditions.length ? sql`WHERE ${and(...conditions)}` : sql``} ORDER BY ${orderOf(sort, dir)} LIMIT ${limit + 1}`,
  );
  const pageIds = idRows.slice(0, limit);
  const ids = pageIds.map((r) => String(r.id));
  await yieldToLoop();
  const [details, verdicts, scale] = [await detailRowsOf(db, ids), await verdictsOf(db, ids), await getVerdictScale()];
  const last = pageIds.at(-1);
  return {
    query: { ...parsed, sort, dir },
    rows: details.map((r) => dashboardRow(r, verdicts, scale)),
    total: n(counted?.n),
    next: idRows.length > limit && last ? { values: keys.slice(0, -1).map((_, i) => last[`k${i}`]!), id: String(last.id) } : null,
  };
}

/** The choices of the publisher and reviewer filters (the dashboard's and the search page's). */
export async function filterOptions(): Promise<DashboardData["options"]> {
  const db = await getDb();
  const publishers = await db.all<{ publisher: string }>(sql`SELECT DISTINCT publisher FROM articles WHERE publisher IS NOT NULL ORDER BY publisher LIMIT 500`);
  await yieldToLoop();
  const reviewers = await db.all<{ id: string; name: string; role: Role }>(sql`SELECT id, name, role FROM users WHERE disabled = 0 ORDER BY name LIMIT 500`);
  return { publishers: publishers.map((p) => p.publisher), reviewers };
}

export type ClaimRef = { id: string; claimAsChecked: string; status: ClaimStatus; verdict: string | null; updatedAt: string };

export type ArticleSummary = {
  article: { id: string; title: string; publisher: string | null; publishedOn: string | null };
  rollup: ArticleRollup;
  lastActivityAt: string;
  /** The scale the roll-up was made with: the page shows its badges with this one. */
  scale: VerdictScale;
};

/** The compact summary of one article (the strip on the article page): two indexed reads, no claims scanned. */
export async function getArticleSummary({ articleId }: { articleId: string }): Promise<ArticleSummary> {
  if (!z.uuid().safeParse(articleId).success) throw new AppError("not_found:article");
  const db = await getDb();
  const [row] = await db
    .select({
      id: articles.id,
      title: articles.title,
      publisher: articles.publisher,
      publishedOn: articles.publishedOn,
      stats: articleStats,
    })
    .from(articles)
    .leftJoin(articleStats, eq(articleStats.articleId, articles.id))
    .where(eq(articles.id, articleId));
  if (!row) throw new AppError("not_found:article");
  const [verdicts, scale] = await Promise.all([
    db
      .select({ verdict: articleVerdictCounts.verdict, n: articleVerdictCounts.n, approved: articleVerdictCounts.approved })
      .from(articleVerdictCounts)
      .where(eq(articleVerdictCounts.articleId, articleId)),
    getVerdictScale(),
  ]);
  const s = row.stats;
  const counts: StatusCounts = s
    ? { total: s.total, open: s.open, inReview: s.inReview, verdictProposed: s.verdictProposed, approved: s.approved, checked: s.checked }
    : { total: 0, open: 0, inReview: 0, verdictProposed: 0, approved: 0, checked: 0 };
  return {
    article: { id: row.id, title: row.title, publisher: row.publisher, publishedOn: row.publishedOn },
    rollup: rollUp(counts, verdicts, scale),
    lastActivityAt: s?.lastActivityAt ?? "",
    scale,
  };
}

/** How many unresolved claims the summary page lists before "and N more". */
export const UNRESOLVED_LIST_LIMIT = 200;

/**
 * The full summary view: the roll-up, the claims not yet approved (first
 * {@link UNRESOLVED_LIST_LIMIT} in document order) and the orphans — claims
 * whose quote can no longer be found in the article's text, anchored on the
 * server with the same `anchorAll` the editor uses.
 */
export async function getArticleSummaryDetail({ articleId }: { articleId: string }) {
  const summary = await getArticleSummary({ articleId });
  const db = await getDb();
  const [article] = await db.select({ plainText: articles.plainText }).from(articles).where(eq(articles.id, articleId));
  const live = await db
    .select({
      id: claims.id,
      claimAsChecked: claims.claimAsChecked,
      status: claims.status,
      verdict: claims.verdict,
      updatedAt: claims.updatedAt,
      quoteExact: claims.quoteExact,
      quotePrefix: claims.quotePrefix,
      quoteSuffix: claims.quoteSuffix,
      positionStart: claims.positionStart,
      positionEnd: claims.positionEnd,
      anchorState: claims.anchorState,
    })
    .from(claims)
    .where(and(eq(claims.articleId, articleId), isNull(claims.deletedAt)))
    .orderBy(asc(claims.positionStart), asc(claims.positionEnd));
  const selectors: ClaimSelectors[] = live.map((c) => ({
    quote: { type: "TextQuoteSelector", exact: c.quoteExact, prefix: c.quotePrefix, suffix: c.quoteSuffix },
    position: { type: "TextPositionSelector", start: c.positionStart, end: c.positionEnd },
  }));
  const anchored = anchorAll(createTextModel(article?.plainText ?? ""), selectors);
  const ref = (c: (typeof live)[number]): ClaimRef => ({ id: c.id, claimAsChecked: c.claimAsChecked, status: c.status, verdict: c.verdict, updatedAt: c.updatedAt });
  const unresolvedAll = live.filter((c) => c.status !== "approved");
  return {
    ...summary,
    unresolved: unresolvedAll.slice(0, UNRESOLVED_LIST_LIMIT).map(ref),
    unresolvedCount: unresolvedAll.length,
    // A claim a text revision orphaned is an orphan whatever its old quote still matches.
    orphans: live.filter((c, i) => c.anchorState === "orphaned" || anchored[i]?.status === "orphan").map(ref),
  };
}

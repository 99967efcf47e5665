import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDatabase } from "@/db/seed";
import { GROUP, ORGS, PEOPLE, PERIOD, PLACES, TOPICS, TREND } from "./generate";
import { log } from "./env";
import { ms } from "./stats";

/** `json_extract` of one entry of a word list, chosen by an SQL integer expression. */
const pick = (list: readonly string[], index: string) => `json_extract('${JSON.stringify(list).replace(/'/g, "''")}', printf('$[%d]', (${index}) % ${list.length}))`;

// Searchable text (searchText: true), varied by the article number i and the claim number j.
const sentence = (k: string) =>
  `printf('%s said that %s had %s by %d per cent %s in %s. ', ${pick(PEOPLE, `${k} * 7`)}, ${pick(TOPICS, `${k} * 11 + 3`)}, ${pick(TREND, `${k} * 13 + 1`)}, 1 + (${k} * 37) % 89, ${pick(PERIOD, `${k} * 5`)}, ${pick(PLACES, `${k} * 17 + 2`)})`;
const articleText = `(${[0, 1, 2, 3, 4, 5, 6, 7].map((n) => sentence(`i * 8 + ${n}`)).join(" || ")})`;
const claimQuote = `printf('%s had %s by %d per cent in %s', ${pick(TOPICS, "i * 5 + j * 11")}, ${pick(TREND, "i * 3 + j * 7")}, 1 + (i * 31 + j * 17) % 89, ${pick(PLACES, "i + j * 13")})`;
const claimText = `printf('%s %s by %d%% %s, according to %s', ${pick(TOPICS, "i * 5 + j * 11")}, ${pick(TREND, "i * 3 + j * 7")}, 1 + (i * 31 + j * 17) % 89, ${pick(PERIOD, "i + j * 3")}, ${pick(ORGS, "i * 7 + j")})`;
const claimant = pick(PEOPLE, "i * 11 + j * 3");
const rationale = `CASE WHEN (i + j) % 3 = 0 THEN printf('Figures from %s for %s do not support this; %s were affected.', ${pick(ORGS, "i + j * 5")}, ${pick(PLACES, "i * 3 + j")}, ${pick(GROUP, "i + j")}) ELSE '' END`;

const PUBLISHERS = ["Daily Ledger", "Morning Post", "Evening Standard", "City Tribune", "Northern Echo", "Coastal Times", "Capital Herald", "Valley News", "Metro Gazette", "Harbour Chronicle", "National Observer", "Riverside Journal"];
const REVIEWERS = 10;

export type DeskDataOptions = {
  articles: number;
  claimsPerArticle: number;
  /**
   * Give articles and claims news-like text built from bench/lib/generate.ts's
   * word lists (bench:search) instead of the dashboard's fixed one-liners. The
   * shape of the desk (publishers, dates, verdicts, statuses, assignees,
   * deletions) is the same either way.
   */
  searchText?: boolean;
};

/**
 * The benchmark desk of bench:dashboard: migrates the temporary database the
 * caller pointed DATABASE_URL at, seeds the demo accounts, then bulk-inserts
 * the articles and claims with recursive CTEs through every trigger (summary
 * tables, and the search indexes since migration 0004), soft-deletes and
 * re-statuses some claims so the UPDATE triggers run too, and checks that
 * article_stats equals a GROUP BY over the claims.
 */
export async function seedDesk({ articles: ARTICLES, claimsPerArticle: PER_ARTICLE, searchText = false }: DeskDataOptions) {
  const db = await getDb();
  await runMigrations();
  await seedDatabase({});
  const t0 = performance.now();
  // Reviewers to assign work to.
  await db.run(sql.raw(`WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < ${REVIEWERS})
    INSERT INTO users (id, email, name, password_hash, role)
    SELECT printf('00000000-0000-4000-9000-%012d', i), printf('bench-reviewer-%d@claimdesk.test', i), printf('Reviewer %02d', i), 'x', 'reviewer' FROM r`));
  const publishers = PUBLISHERS.map((p) => JSON.stringify(p)).join(",");
  // Articles over ~2 years; one in ten has no publisher date (the import day is used instead).
  await db.run(sql.raw(`WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < ${ARTICLES}),
      pubs(p, name) AS (SELECT key, value FROM json_each('[${publishers}]'))
    INSERT INTO articles (id, title, publisher, published_on, content, plain_text, text_hash, assignee_id, created_at, updated_at)
    SELECT printf('%08x-0000-4000-8000-%012x', i, i),
      printf('Bench article %05d: %s', i, CASE i % 4 WHEN 0 THEN 'budget figures' WHEN 1 THEN 'health claims' WHEN 2 THEN 'election promises' ELSE 'climate data' END),
      (SELECT name FROM pubs WHERE p = i % ${PUBLISHERS.length}),
      CASE WHEN i % 10 = 0 THEN NULL ELSE date('2025-01-01', printf('+%d days', (i * 7919) % 700)) END,
      '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Bench article."}]}]}',
      ${searchText ? articleText : "'Bench article.'"}, 'x',
      CASE WHEN i % 3 = 0 THEN NULL ELSE printf('00000000-0000-4000-9000-%012d', 1 + i % ${REVIEWERS}) END,
      strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d minutes', i * 97)),
      strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d minutes', i * 97))
    FROM a`));
  const tArticles = performance.now();
  log(`${ARTICLES.toLocaleString("en")} articles in ${ms(tArticles - t0)}`);

  // Claims in chunks of 100 articles per statement, through the INSERT triggers.
  const scale = await db.all<{ key: string }>(sql`SELECT key FROM verdict_scale ORDER BY position`);
  const verdicts = `json('[${scale.map((v) => `"${v.key}"`).join(",")}]')`;
  const chunk = 500;
  for (let first = 1; first <= ARTICLES; first += chunk) {
    const last = Math.min(ARTICLES, first + chunk - 1);
    await db.run(sql.raw(`WITH RECURSIVE a(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM a WHERE i < ${last}),
        c(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM c WHERE j < ${PER_ARTICLE - 1}),
        x AS (SELECT i, j, (i * 1000003 + j * 7919) % 1000 AS h FROM a, c)
      INSERT INTO claims (id, article_id, quote_exact, quote_prefix, quote_suffix, position_start, position_end, claim_as_checked,
        claimant, rationale, verdict, status, assignee_id, approved_at, created_at, updated_at)
      SELECT printf('%08x-%04x-4000-8000-000000000000', i, j), printf('%08x-0000-4000-8000-%012x', i, i), ${searchText ? claimQuote : "'Bench'"}, '', ' article.', 0, 5,
        ${searchText ? claimText : "printf('Claim %d of article %d', j, i)"},
        ${searchText ? claimant : "''"}, ${searchText ? rationale : "''"},
        CASE WHEN h < 350 THEN NULL ELSE json_extract(${verdicts}, printf('$[%d]', h % ${scale.length})) END,
        CASE WHEN h < 250 THEN 'open' WHEN h < 350 THEN 'in_review' WHEN h < 500 THEN 'verdict_proposed' ELSE 'approved' END,
        CASE WHEN h % 5 = 0 THEN printf('00000000-0000-4000-9000-%012d', 1 + (i + j) % ${REVIEWERS}) END,
        CASE WHEN h >= 500 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d hours', (i * 31 + j * 17) % 16000)) END,
        strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d minutes', i * 97 + j)),
        strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', printf('+%d minutes', i * 97 + j * 13))
      FROM x`));
  }
  const tClaims = performance.now();
  const total = ARTICLES * PER_ARTICLE;
  log(`${total.toLocaleString("en")} claims through the triggers in ${ms(tClaims - tArticles)} (${((total / (tClaims - tArticles)) * 1000).toFixed(0)} claims/s)`);
  // UPDATE triggers: soft-delete 2 %, move 3 % back to in_review with no verdict.
  await db.run(sql`UPDATE claims SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), version = version + 1 WHERE rowid % 50 = 7`);
  await db.run(sql`UPDATE claims SET status = 'in_review', verdict = NULL, approved_at = NULL, version = version + 1 WHERE rowid % 33 = 5 AND deleted_at IS NULL`);
  log(`soft-deleted and re-statused ~5 % of claims through the UPDATE triggers in ${ms(performance.now() - tClaims)}`);
  await db.run(sql`ANALYZE`);

  const [check] = await db.all<{ stats: number; direct: number; approved: number; approvedDirect: number }>(sql`SELECT
      (SELECT sum(total) FROM article_stats) AS stats, (SELECT count(*) FROM claims WHERE deleted_at IS NULL) AS direct,
      (SELECT sum(approved) FROM article_verdict_counts) AS approved,
      (SELECT count(*) FROM claims WHERE deleted_at IS NULL AND status = 'approved' AND verdict IS NOT NULL) AS approvedDirect`);
  if (!check || check.stats !== check.direct || check.approved !== check.approvedDirect) throw new Error(`summary tables disagree with the claims: ${JSON.stringify(check)}`);
  log(`summary tables agree with a GROUP BY over the claims (${check.direct.toLocaleString("en")} live claims)`);
}


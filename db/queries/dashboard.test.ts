import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle, getArticle } from "@/db/queries/articles";
import { createClaim, deleteClaim, getClaim, restoreClaim, saveClaim } from "@/db/queries/claims";
import { articleStateSql, DASHBOARD_SORTS, getArticleSummary, getArticleSummaryDetail, getDashboard, listDashboardAfter, type DashboardKeyset } from "@/db/queries/dashboard";
import { approveClaim, submitForApproval } from "@/db/queries/workflow";
import { articles, articleStats, claims } from "@/db/schema";
import type { ClaimFields } from "@/lib/claims";
import { AppError } from "@/lib/errors";
import { articleState, type StatusCounts } from "@/lib/summary";
import { openTestDesk } from "@/test/support/database";
import { createRng } from "@/test/support/random";

const desk = await openTestDesk("dashboard");
afterAll(desk.close);
const { reviewer, editor } = desk;
const { id: sampleId, plainText } = desk.sample;

/** The summary tables, and the same figures computed straight from the claims. */
async function summaryVsGroupBy() {
  const db = await getDb();
  const q = async (query: ReturnType<typeof sql>) => (await db.all<Record<string, unknown>>(query)).map((r) => JSON.stringify(r)).sort();
  return {
    stats: await q(sql`SELECT article_id, total, open, in_review, verdict_proposed, approved, checked FROM article_stats WHERE total > 0`),
    statsExpected: await q(sql`SELECT article_id, count(*) AS total, sum(status = 'open') AS open, sum(status = 'in_review') AS in_review,
        sum(status = 'verdict_proposed') AS verdict_proposed, sum(status = 'approved') AS approved, sum(verdict IS NOT NULL) AS checked
      FROM claims WHERE deleted_at IS NULL GROUP BY article_id`),
    verdicts: await q(sql`SELECT article_id, verdict, n, approved FROM article_verdict_counts`),
    verdictsExpected: await q(sql`SELECT article_id, verdict, count(*) AS n, sum(status = 'approved') AS approved
      FROM claims WHERE deleted_at IS NULL AND verdict IS NOT NULL GROUP BY article_id, verdict`),
    months: await q(sql`SELECT article_id, month, verdict, n FROM verdict_month_counts`),
    monthsExpected: await q(sql`SELECT article_id, substr(coalesce(approved_at, updated_at), 1, 7) AS month, verdict, count(*) AS n
      FROM claims WHERE deleted_at IS NULL AND verdict IS NOT NULL AND status = 'approved' GROUP BY 1, 2, 3`),
    desk: await q(sql`SELECT verdict, n, approved FROM desk_verdict_counts`),
    deskExpected: await q(sql`SELECT verdict, count(*) AS n, sum(status = 'approved') AS approved FROM claims WHERE deleted_at IS NULL AND verdict IS NOT NULL GROUP BY verdict`),
    deskMonths: await q(sql`SELECT month, verdict, n FROM desk_verdict_months`),
    deskMonthsExpected: await q(sql`SELECT substr(coalesce(approved_at, updated_at), 1, 7) AS month, verdict, count(*) AS n
      FROM claims WHERE deleted_at IS NULL AND verdict IS NOT NULL AND status = 'approved' GROUP BY 1, 2`),
    orphanStats: await q(sql`SELECT article_id FROM article_stats WHERE total < 0 OR open < 0 OR approved < 0 OR checked < 0`),
    missingStats: await q(sql`SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_stats)`),
  };
}

function expectConsistent(s: Awaited<ReturnType<typeof summaryVsGroupBy>>) {
  expect(s.stats).toEqual(s.statsExpected);
  expect(s.verdicts).toEqual(s.verdictsExpected);
  expect(s.months).toEqual(s.monthsExpected);
  expect(s.desk).toEqual(s.deskExpected);
  expect(s.deskMonths).toEqual(s.deskMonthsExpected);
  expect(s.orphanStats).toEqual([]);
  expect(s.missingStats).toEqual([]);
}

/** A verdict approved the way the desk does it: the reviewer proposes, an editor approves. */
async function approveVerdict(claimId: string, claimAsChecked: string, verdict: string) {
  const saved = await saveClaim({ actor: reviewer, input: { claimId, baseVersion: 1, fields: { claimAsChecked, claimant: "", verdict, rationale: "", sources: [] } } });
  if (saved.status !== "saved") throw new Error("setup: save failed");
  const proposed = await submitForApproval({ actor: reviewer, input: { claimId, version: saved.claim.version } });
  if (proposed.status !== "done") throw new Error("setup: submit failed");
  const approved = await approveClaim({ actor: editor, input: { claimId, version: proposed.claim.version } });
  if (approved.status !== "done") throw new Error("setup: approve failed");
}

describe("summary tables", () => {
  it("count a deleted approved claim out and its restore back in, as verdict proposed", async () => {
    const quote = "Iran-supported militias";
    const start = plainText.indexOf(quote);
    const claim = await createClaim({ actor: reviewer, input: { articleId: sampleId, start, end: start + quote.length, exact: quote } });
    await approveVerdict(claim.id, quote, "misleading");
    const stats = async () => (await getArticleSummary({ articleId: sampleId })).rollup.counts;
    const before = await stats();
    expectConsistent(await summaryVsGroupBy());

    const approved = await getClaim({ claimId: claim.id });
    const gone = await deleteClaim({ actor: editor, input: { claimId: claim.id, version: approved.version, reason: "Quoted the wrong sentence" } });
    if (gone.status !== "deleted") throw new Error("delete failed");
    expectConsistent(await summaryVsGroupBy());
    expect(await stats()).toMatchObject({ total: before.total - 1, approved: before.approved - 1 });

    const back = await restoreClaim({ actor: editor, input: { claimId: claim.id, version: gone.deleted.version } });
    expect(back.status).toBe("verdict_proposed");
    expectConsistent(await summaryVsGroupBy());
    expect(await stats()).toMatchObject({ total: before.total, approved: before.approved - 1, verdictProposed: before.verdictProposed + 1 });
  });

  it("stay equal to a GROUP BY over the claims after a random mix of writes", async () => {
    const random = createRng(20261125).next;
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const second = await createArticle({ actor: reviewer, input: { title: "Stats second", format: "markdown", body: "One claim here. Another claim there. A third claim everywhere." } });
    const targets = [
      { id: sampleId, text: plainText },
      { id: second.id, text: (await getArticle({ articleId: second.id })).plainText },
    ];
    const words = (text: string) => [...text.matchAll(/[A-Za-z]{4,}/g)].slice(0, 400);
    const live: string[] = [];
    const deleted: string[] = [];
    const verdicts = [null, "true", "false", "half_true", "unverifiable", "misleading"];
    const statuses = ["open", "in_review", "verdict_proposed", "approved"] as const;
    const db = await getDb();
    for (let step = 0; step < 160; step++) {
      const roll = random();
      if (roll < 0.3 || live.length < 3) {
        const t = pick(targets);
        const m = pick(words(t.text));
        const claim = await createClaim({ actor: reviewer, input: { articleId: t.id, start: m.index!, end: m.index! + m[0].length, exact: m[0] } });
        live.push(claim.id);
      } else if (roll < 0.75) {
        const id = pick(live);
        const current = await getClaim({ claimId: id });
        const fields: ClaimFields = {
          claimAsChecked: current.claimAsChecked,
          claimant: "",
          verdict: pick(verdicts),
          rationale: `step ${step}`,
          sources: [],
        };
        const result = await saveClaim({ actor: editor, input: { claimId: id, baseVersion: current.version, fields } });
        expect(result.status).toBe("saved");
        // Status moves as the workflow writes them (one guarded UPDATE of status, version and dates).
        const status = pick(statuses);
        await db.run(sql`UPDATE claims SET status = ${status}, version = version + 1 WHERE id = ${id}`);
      } else if (roll < 0.85) {
        // Paths other engineers add (workflow approval with a date in another month, an admin's verdict remap)
        // write claims directly: the triggers must cover them too.
        const id = pick(live);
        if (random() < 0.5) {
          await db.run(sql`UPDATE claims SET status = 'approved', verdict = coalesce(verdict, 'true'), approved_at = ${`2026-0${1 + Math.floor(random() * 9)}-15T10:00:00.000Z`}, version = version + 1 WHERE id = ${id}`);
        } else {
          await db.run(sql`UPDATE claims SET verdict = 'false', version = version + 1 WHERE verdict = 'misleading'`);
        }
      } else if (deleted.length && random() < 0.4) {
        // Restore: back to its status (approved comes back proposed), counted again.
        const id = deleted.splice(Math.floor(random() * deleted.length), 1)[0]!;
        const [row] = await db.select({ version: claims.version }).from(claims).where(sql`${claims.id} = ${id}`);
        await restoreClaim({ actor: editor, input: { claimId: id, version: row!.version } });
        live.push(id);
      } else {
        const id = live.splice(Math.floor(random() * live.length), 1)[0]!;
        // An editor, with a reason: some of these claims are approved.
        await deleteClaim({ actor: editor, input: { claimId: id, version: (await getClaim({ claimId: id })).version, reason: "Duplicate" } });
        deleted.push(id);
      }
      if (step % 40 === 39) expectConsistent(await summaryVsGroupBy());
    }
    expectConsistent(await summaryVsGroupBy());

    // A hard delete (the article and its claims going away by cascade) leaves nothing behind.
    await db.delete(articles).where(sql`${articles.id} = ${second.id}`);
    expectConsistent(await summaryVsGroupBy());
    const leftovers = await db.all(sql`SELECT article_id FROM article_verdict_counts WHERE article_id = ${second.id} UNION ALL SELECT article_id FROM verdict_month_counts WHERE article_id = ${second.id}`);
    expect(leftovers).toEqual([]);
  }, 120_000);

  it("computes the same article state in SQL as lib/summary", async () => {
    const db = await getDb();
    const rows = await db
      .select({ state: articleStateSql, total: articleStats.total, open: articleStats.open, inReview: articleStats.inReview, verdictProposed: articleStats.verdictProposed, approved: articleStats.approved, checked: articleStats.checked })
      .from(articleStats);
    const combos: StatusCounts[] = [
      { total: 0, open: 0, inReview: 0, verdictProposed: 0, approved: 0, checked: 0 },
      { total: 2, open: 2, inReview: 0, verdictProposed: 0, approved: 0, checked: 0 },
      { total: 2, open: 2, inReview: 0, verdictProposed: 0, approved: 0, checked: 1 },
      { total: 2, open: 0, inReview: 0, verdictProposed: 1, approved: 1, checked: 2 },
      { total: 2, open: 0, inReview: 0, verdictProposed: 0, approved: 2, checked: 2 },
      { total: 3, open: 1, inReview: 0, verdictProposed: 1, approved: 1, checked: 2 },
    ];
    for (const c of combos) {
      const [row] = await db.all<{ state: string }>(sql`SELECT ${sql.raw(
        articleStateSqlText(c),
      )} AS state`);
      expect(row!.state, JSON.stringify(c)).toBe(articleState(c));
    }
    for (const r of rows) expect(r.state).toBe(articleState(r));
  });
});

/** articleStateSql with the columns replaced by literals, to test combinations no table holds. */
function articleStateSqlText(c: StatusCounts) {
  return `(CASE WHEN ${c.total} = 0 THEN 'no_claims' WHEN ${c.approved} = ${c.total} THEN 'complete'
    WHEN ${c.open} = ${c.total} AND ${c.checked} = 0 THEN 'not_started'
    WHEN ${c.approved} + ${c.verdictProposed} = ${c.total} AND ${c.verdictProposed} > 0 THEN 'awaiting_approval' ELSE 'in_progress' END)`;
}

describe("dashboard queries", () => {
  it("is refused to reviewers", async () => {
    await expect(getDashboard({ actor: reviewer, input: {} })).rejects.toMatchObject({ code: "forbidden:dashboard" } satisfies Partial<AppError>);
  });

  it("filters by publisher, verdict, reviewer, state and date, sorts and pages", async () => {
    const a = await createArticle({ actor: editor, input: { title: "Alpha report", publisher: "Dash Gazette", publishedOn: "2025-03-02", format: "text", body: "Alpha says the sky is green today." } });
    const b = await createArticle({ actor: editor, input: { title: "Beta report", publisher: "Dash Tribune", publishedOn: "2025-06-10", format: "text", body: "Beta says water is dry today." } });
    const text = (await getArticle({ articleId: a.id })).plainText;
    const claim = await createClaim({ actor: reviewer, input: { articleId: a.id, start: 0, end: text.indexOf(" today"), exact: text.slice(0, text.indexOf(" today")) } });
    await approveVerdict(claim.id, claim.claimAsChecked, "false");
    const db = await getDb();
    await db.run(sql`UPDATE claims SET assignee_id = ${reviewer.id} WHERE id = ${claim.id}`);

    const titles = async (input: Record<string, string>) => (await getDashboard({ actor: editor, input })).rows.map((r) => r.title);
    expect(await titles({ publisher: "Dash Gazette" })).toEqual(["Alpha report"]);
    expect(await titles({ verdict: "false", publisher: "Dash Gazette" })).toEqual(["Alpha report"]);
    expect(await titles({ verdict: "true", publisher: "Dash Gazette" })).toEqual([]);
    expect(await titles({ reviewer: reviewer.id, from: "2025-01-01", to: "2025-12-31" })).toEqual(["Alpha report"]);
    expect(await titles({ state: "complete", from: "2025-01-01", to: "2025-12-31" })).toEqual(["Alpha report"]);
    expect(await titles({ state: "no_claims", from: "2025-01-01", to: "2025-12-31" })).toEqual(["Beta report"]);
    expect(await titles({ from: "2025-06-01", to: "2025-06-30" })).toEqual(["Beta report"]);
    expect(await titles({ from: "2025-01-01", to: "2025-12-31", sort: "date", dir: "asc" })).toEqual(["Alpha report", "Beta report"]);
    expect(await titles({ from: "2025-01-01", to: "2025-12-31", sort: "date", dir: "desc" })).toEqual(["Beta report", "Alpha report"]);
    expect(await titles({ from: "2025-01-01", to: "2025-12-31", sort: "claims" })).toEqual(["Alpha report", "Beta report"]);
    // Bad URL values are ignored, not errors.
    expect((await getDashboard({ actor: editor, input: { page: "-3", sort: "drop table", verdict: "" } })).query).toMatchObject({ page: 1, sort: "date" });

    const filtered = await getDashboard({ actor: editor, input: { publisher: "Dash Gazette" } });
    expect(filtered.totals.articles).toBe(1);
    expect(filtered.totals.claims).toMatchObject({ total: 1, approved: 1, checked: 1 });
    expect(filtered.totals.byVerdict).toEqual([{ verdict: "false", n: 1, approved: 1 }]);
    expect(filtered.overTime.reduce((s, m) => s + (m.counts.false ?? 0), 0)).toBe(1);
    expect(filtered.rows[0]!.rollup.worstApproved?.key).toBe("false");
    expect(filtered.rows[0]!.rollup.state).toBe("complete");
    void b;
  });

  it("pages 25 at a time with stable order", async () => {
    for (let i = 0; i < 27; i++) {
      await createArticle({ actor: editor, input: { title: `Paged ${String(i).padStart(2, "0")}`, publisher: "Paged Press", format: "text", body: "Text." } });
    }
    const first = await getDashboard({ actor: editor, input: { publisher: "Paged Press", sort: "title" } });
    const second = await getDashboard({ actor: editor, input: { publisher: "Paged Press", sort: "title", page: "2" } });
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(25);
    expect(second.rows.map((r) => r.title)).toEqual(["Paged 25", "Paged 26"]);
    const beyond = await getDashboard({ actor: editor, input: { publisher: "Paged Press", page: "99" } });
    expect(beyond.query.page).toBe(2);
  });
});

describe("keyset pages (listDashboardAfter, the API's article list)", () => {
  const YEAR = { from: "2031-01-01", to: "2031-12-31" };
  const walk = async (input: Record<string, string>, limit: number) => {
    const ids: string[] = [];
    let after: DashboardKeyset | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page = await listDashboardAfter({ actor: editor, input, after, limit });
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      ids.push(...page.rows.map((r) => r.id));
      if (!page.next) return ids;
      after = page.next;
    }
    throw new Error("no last page");
  };

  it("walk every sort, both ways, in exactly the dashboard's order: ties (same title but for case, no publisher, no claims) broken by id", async () => {
    const specs = [
      { title: "alpha", publisher: "Keyset Weekly", publishedOn: "2031-02-01" },
      { title: "Alpha", publisher: null, publishedOn: "2031-02-01" },
      { title: "Beta", publisher: "keyset daily", publishedOn: "2031-03-01" },
      { title: "gamma", publisher: null, publishedOn: "2031-03-01" },
      { title: "Delta", publisher: "Keyset Weekly", publishedOn: "2031-01-15" },
      { title: "epsilon", publisher: "Keyset Daily", publishedOn: "2031-04-01" },
      { title: "Zeta", publisher: null, publishedOn: "2031-02-01" },
    ];
    const made: string[] = [];
    for (const spec of specs) made.push((await createArticle({ actor: editor, input: { ...spec, format: "text", body: "The port said exports rose 40% in a year." } })).id);
    // Claims on some, one of them approved, so the claims and progress sorts have ties and differences.
    for (const [i, count] of [[0, 2], [2, 1], [5, 1]] as const) {
      const text = (await getArticle({ articleId: made[i]! })).plainText;
      for (let c = 0; c < count; c++) {
        const exact = c === 0 ? "exports rose 40%" : "in a year";
        const claim = await createClaim({ actor: reviewer, input: { articleId: made[i]!, start: text.indexOf(exact), end: text.indexOf(exact) + exact.length, exact } });
        if (i === 2) await approveVerdict(claim.id, claim.claimAsChecked, "false");
      }
    }
    for (const sort of DASHBOARD_SORTS) {
      for (const dir of ["asc", "desc"]) {
        const input = { ...YEAR, sort, dir };
        const expected = (await getDashboard({ actor: editor, input })).rows.map((r) => r.id);
        expect(expected, `${sort} ${dir}`).toHaveLength(specs.length);
        expect(await walk(input, 2), `${sort} ${dir}`).toEqual(expected);
        expect(await walk(input, 3), `${sort} ${dir}`).toEqual(expected);
      }
    }
    const first = await listDashboardAfter({ actor: editor, input: YEAR, limit: 100 });
    expect(first.total).toBe(specs.length);
    expect(first.next).toBeNull();
  });

  it("neither repeat nor skip an item when an article is imported between two pages", async () => {
    const input = { from: "2032-01-01", to: "2032-12-31" }; // newest first, by article date
    for (let day = 10; day < 16; day++) {
      await createArticle({ actor: editor, input: { title: `Keyset insert ${day}`, publishedOn: `2032-05-${day}`, format: "text", body: "Text." } });
    }
    const first = await listDashboardAfter({ actor: editor, input, limit: 3 });
    expect(first.rows.map((r) => r.title)).toEqual(["Keyset insert 15", "Keyset insert 14", "Keyset insert 13"]);
    // One before the cursor (it would push "13" onto page 2 of an offset list) and one after it (it belongs on a later page).
    await createArticle({ actor: editor, input: { title: "Keyset insert newest", publishedOn: "2032-05-20", format: "text", body: "Text." } });
    await createArticle({ actor: editor, input: { title: "Keyset insert oldest", publishedOn: "2032-05-01", format: "text", body: "Text." } });
    const second = await listDashboardAfter({ actor: editor, input, after: first.next, limit: 3 });
    expect(second.rows.map((r) => r.title)).toEqual(["Keyset insert 12", "Keyset insert 11", "Keyset insert 10"]);
    expect(second.total).toBe(8);
    const third = await listDashboardAfter({ actor: editor, input, after: second.next, limit: 3 });
    expect(third.rows.map((r) => r.title)).toEqual(["Keyset insert oldest"]);
    expect(third.next).toBeNull();
    // The page-numbered dashboard, for contrast, shows "13" again on page 2 now.
    const offset = await getDashboard({ actor: editor, input: { ...input, page: "1" } });
    expect(offset.rows.map((r) => r.title).slice(0, 4)).toEqual(["Keyset insert newest", "Keyset insert 15", "Keyset insert 14", "Keyset insert 13"]);
  });

  it("refuse a position of another sort, and reviewers", async () => {
    const page = await listDashboardAfter({ actor: editor, input: { sort: "publisher" }, limit: 1 });
    expect(page.next?.values).toHaveLength(2);
    await expect(listDashboardAfter({ actor: editor, input: { sort: "title" }, after: page.next })).rejects.toMatchObject({ code: "bad_request:dashboard" });
    await expect(listDashboardAfter({ actor: editor, input: {}, after: { values: [{}], id: "x" } })).rejects.toMatchObject({ code: "bad_request:dashboard" });
    await expect(listDashboardAfter({ actor: reviewer, input: {} })).rejects.toMatchObject({ code: "forbidden:dashboard" });
  });
});

describe("article summary", () => {
  it("lists unresolved claims and finds orphans whose quote left the text", async () => {
    const { id } = await createArticle({ actor: reviewer, input: { title: "Orphan test", format: "text", body: "The first sentence stays.\n\nThe second sentence will be rewritten entirely by the publisher." } });
    const text = (await getArticle({ articleId: id })).plainText;
    const q1 = "The first sentence stays.";
    const q2 = "The second sentence will be rewritten entirely by the publisher.";
    const c1 = await createClaim({ actor: reviewer, input: { articleId: id, start: text.indexOf(q1), end: text.indexOf(q1) + q1.length, exact: q1 } });
    const c2 = await createClaim({ actor: reviewer, input: { articleId: id, start: text.indexOf(q2), end: text.indexOf(q2) + q2.length, exact: q2 } });
    await approveVerdict(c1.id, q1, "true");
    const before = await getArticleSummaryDetail({ articleId: id });
    expect(before.orphans).toEqual([]);
    expect(before.unresolved.map((c) => c.id)).toEqual([c2.id]);
    expect(before.rollup).toMatchObject({ counts: { total: 2, approved: 1, checked: 1 }, state: "in_progress", score: 1 });

    // The publisher rewrote the second paragraph (an article re-import would do this).
    const db = await getDb();
    const edited = text.replace(q2, "Nothing of the kind was ever said here at all, the desk was told.");
    await db.run(sql`UPDATE articles SET plain_text = ${edited} WHERE id = ${id}`);
    const after = await getArticleSummaryDetail({ articleId: id });
    expect(after.orphans.map((c) => c.id)).toEqual([c2.id]);

    await expect(getArticleSummary({ articleId: "not-a-uuid" })).rejects.toMatchObject({ code: "not_found:article" });
    await expect(getArticleSummary({ articleId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found:article" });
  });
});

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle } from "@/db/queries/articles";
import { deleteClaim, restoreClaim, saveClaim } from "@/db/queries/claims";
import { search, SEARCH_OVERVIEW_SIZE, type SearchResult } from "@/db/queries/search";
import { articles, claims } from "@/db/schema";
import type { ClaimDto } from "@/lib/claims";
import { normaliseForSearch, normaliseSql, SEARCH_CHAR_MAP } from "@/lib/search/normalise";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("search");
afterAll(desk.close);

/** A word no other test uses, so each test reads only its own rows. */
const word = () => `zq${randomUUID().replace(/[-\d]/g, "").slice(0, 10)}`;

async function find(q: string, filters: Record<string, string> = {}) {
  const result = await search({ actor: desk.reviewer, input: { q, ...filters } });
  if (result.status !== "ok") throw new Error(`search ${q}: ${JSON.stringify(result)}`);
  return result;
}
const ok = (r: SearchResult) => {
  if (r.status !== "ok") throw new Error(JSON.stringify(r));
  return r;
};
const articleIds = async (q: string, f?: Record<string, string>) => (await find(q, { kind: "articles", ...f })).articles!.hits.map((h) => h.id);
const claimIds = async (q: string, f?: Record<string, string>) => (await find(q, { kind: "claims", ...f })).claims!.hits.map((h) => h.id);
const sourceIds = async (q: string, f?: Record<string, string>) => (await find(q, { kind: "sources", ...f })).sources!.hits.map((h) => h.id);

async function article(body: string, extra: Record<string, string> = {}) {
  return (await createArticle({ actor: desk.editor, input: { title: extra.title ?? `Article ${word()}`, format: "text", body, ...extra } })).id;
}

async function save(claim: ClaimDto, fields: Partial<{ claimAsChecked: string; claimant: string; verdict: string | null; rationale: string; sources: unknown[] }>) {
  const saved = await saveClaim({
    actor: desk.reviewer,
    input: { claimId: claim.id, baseVersion: claim.version, fields: { claimAsChecked: claim.claimAsChecked, claimant: "", verdict: null, rationale: "", sources: [], ...fields } },
  });
  if (saved.status !== "saved") throw new Error("save failed");
  return saved.claim;
}

const source = (over: Record<string, string> = {}) => ({ id: randomUUID(), url: "https://example.org/report", title: "", publisher: "", excerpt: "", stance: "context", accessedOn: null, ...over });

describe("index normalisation", () => {
  it("the migration's triggers apply exactly lib/search/normalise.ts normaliseSql", () => {
    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0004_search.sql"), "utf8");
    for (const column of ["NEW.title", "NEW.plain_text", "coalesce(NEW.publisher, '')", "NEW.claim_as_checked", "NEW.rationale", "NEW.excerpt", "NEW.url"]) {
      expect(migration).toContain(normaliseSql(column));
    }
  });

  it("stores text exactly as the query side normalises it, for every mapped character", async () => {
    const every = SEARCH_CHAR_MAP.map(([from]) => `x${from}y`).join(" ");
    const body = `كَتَبَ أحمدُ الرسالةَ ـــ ${every} Iraq’s`;
    const id = await article(body);
    const db = await getDb();
    const [row] = await db.all<{ body: string }>(sql`SELECT body FROM search_articles WHERE rowid = (SELECT doc FROM search_keys WHERE kind = 'article' AND ref_id = ${id})`);
    const [stored] = await db.select({ plainText: articles.plainText }).from(articles).where(eq(articles.id, id));
    expect(row!.body).toBe(normaliseForSearch(stored!.plainText));
  });
});

describe("matching", () => {
  it("finds “Iraq’s provinces” with a straight apostrophe, in the article and its claim", async () => {
    const claim = await desk.mark("The vast majority of Iraq’s provinces");
    expect(await articleIds("Iraq's provinces")).toContain(desk.sample.id);
    expect(await claimIds("Iraq's provinces")).toContain(claim.id);
    expect(await claimIds('"Iraq\'s provinces"')).toContain(claim.id);
  });

  it("marks the matched words in the snippet", async () => {
    const result = await find("Iraq's provinces", { kind: "articles" });
    const hit = result.articles!.hits.find((h) => h.id === desk.sample.id)!;
    const marked = hit.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase());
    expect(marked).toContain("provinces");
    expect(marked.some((m) => m.startsWith("iraq"))).toBe(true);
    expect(hit.snippet.map((s) => s.text).join("")).toContain("Iraq’s provinces");
  });

  it("matches prefixes: “milit” finds militias", async () => {
    expect(await articleIds("milit")).toContain(desk.sample.id);
    const w = word();
    const id = await article(`The ${w}militias were seen.`);
    expect(await articleIds(`${w}milit`)).toEqual([id]);
  });

  it("matches a prefix that stands for many indexed words", async () => {
    const w = word();
    const id = await article(Array.from({ length: 45 }, (_, i) => `${w}${String.fromCharCode(97 + (i % 26))}${i}`).join(" "));
    expect(await articleIds(w)).toEqual([id]);
    expect(await articleIds(`${w}b1`)).toEqual([id]);
  });

  it("keeps quoted phrases exact", async () => {
    const w = word();
    const id = await article(`${w} vast majority of voters. Another ${w} majority, vast.`);
    const other = await article(`${w} majority vast and voters of.`);
    expect(await articleIds(`"${w} vast majority"`)).toEqual([id]);
    expect((await articleIds(`${w} vast majority`)).sort()).toEqual([id, other].sort());
    expect(await articleIds(`"${w} majority vast and"`)).toEqual([other]);
  });

  it("folds case and diacritics", async () => {
    const w = word();
    const id = await article(`${w} Café Société in São Paulo`);
    expect(await articleIds(`${w} cafe SOCIETE sao`)).toEqual([id]);
    expect(await articleIds(`${w.toUpperCase()} "café société"`)).toEqual([id]);
  });

  it("folds Arabic alef and yeh forms, tatweel and harakat", async () => {
    const w = word();
    const id = await article(`${w} كَتَبَ أحمدُ إلى مستشفى المدينة كـــتاب`);
    expect(await articleIds(`${w} كتب احمد`)).toEqual([id]);
    expect(await articleIds(`${w} الي مستشفي`)).toEqual([id]);
    expect(await articleIds(`${w} كتاب`)).toEqual([id]);
    expect(await articleIds(`${w} "كَتَبَ أَحمد"`)).toEqual([id]);
  });

  it("matches numbers with and without separators", async () => {
    const w = word();
    const grouped = await article(`${w} said 1,000 people and 2 500 000 euros.`);
    const plain = await article(`${w} said 1000 people.`);
    expect((await articleIds(`${w} 1000`)).sort()).toEqual([grouped, plain].sort());
    expect((await articleIds(`${w} 1,000`)).sort()).toEqual([grouped, plain].sort());
    expect(await articleIds(`${w} 2500000`)).toEqual([grouped]);
  });

  it("matches dashes and curly quotes like their plain forms", async () => {
    const w = word();
    const id = await article(`${w} the well–known “Iran‑backed” groups`);
    expect(await articleIds(`${w} well-known "Iran-backed"`)).toEqual([id]);
  });

  it("searches title, publisher and author", async () => {
    const [t, p, a] = [word(), word(), word()];
    const id = await article("Body text.", { title: `Title ${t}`, publisher: `Publisher ${p}`, author: `Author ${a}` });
    for (const w of [t, p, a]) expect(await articleIds(w)).toEqual([id]);
  });
});

describe("the indexes follow every write", () => {
  it("articles: insert, update and delete", async () => {
    const [before, after] = [word(), word()];
    const id = await article(`Text with ${before}.`);
    expect(await articleIds(before)).toEqual([id]);
    const db = await getDb();
    await db.update(articles).set({ title: `Renamed ${after}` }).where(eq(articles.id, id));
    expect(await articleIds(after)).toEqual([id]);
    expect(await articleIds(before)).toEqual([id]);
    await db.update(articles).set({ plainText: "Other text." }).where(eq(articles.id, id));
    expect(await articleIds(before)).toEqual([]);
    await db.delete(articles).where(eq(articles.id, id));
    expect(await articleIds(after)).toEqual([]);
  });

  it("claims: create, save, soft delete and restore", async () => {
    const w = word();
    const id = await article(`The minister said unemployment ${w} fell.`);
    const claim = await desk.mark(`unemployment ${w} fell`, { articleId: id });
    expect(await claimIds(w)).toEqual([claim.id]);
    const [claimant, rationale] = [word(), word()];
    const saved = await save(claim, { claimAsChecked: "Unemployment fell", claimant: `Minister ${claimant}`, rationale: `Figures ${rationale}.` });
    expect(await claimIds(claimant)).toEqual([claim.id]);
    expect(await claimIds(rationale)).toEqual([claim.id]);
    const gone = await deleteClaim({ actor: desk.reviewer, input: { claimId: claim.id, version: saved.version } });
    if (gone.status !== "deleted") throw new Error("delete failed");
    expect(await claimIds(w)).toEqual([]);
    expect(await claimIds(rationale)).toEqual([]);
    await restoreClaim({ actor: desk.editor, input: { claimId: claim.id, version: gone.deleted.version } });
    expect(await claimIds(rationale)).toEqual([claim.id]);
  });

  it("sources: added, changed, removed, and hidden while their claim is deleted", async () => {
    const id = await article("A claim about grain exports.");
    const claim = await desk.mark("grain exports", { articleId: id });
    const [title, excerpt, changed] = [word(), word(), word()];
    const s = source({ title: `Report ${title}`, publisher: "Statistics office", excerpt: `Exports ${excerpt} rose.`, url: `https://stats.example.org/${title}` });
    let saved = await save(claim, { sources: [s] });
    const [sourceId] = await sourceIds(title);
    expect(sourceId).toBeDefined();
    expect(await sourceIds(excerpt)).toEqual([sourceId]);
    const result = await find(excerpt, { kind: "sources" });
    expect(result.sources!.hits[0]).toMatchObject({ claimId: claim.id, href: `/articles/${id}?claim=${claim.id}` });
    saved = await save(saved, { sources: [{ ...s, excerpt: `Now ${changed}.` }] });
    expect(await sourceIds(excerpt)).toEqual([]);
    expect(await sourceIds(changed)).toHaveLength(1);
    const gone = await deleteClaim({ actor: desk.reviewer, input: { claimId: claim.id, version: saved.version } });
    if (gone.status !== "deleted") throw new Error("delete failed");
    expect(await sourceIds(changed)).toEqual([]);
    await restoreClaim({ actor: desk.editor, input: { claimId: claim.id, version: gone.deleted.version } });
    expect(await sourceIds(changed)).toHaveLength(1);
  });

  it("hard-deleting an article removes its claims and sources from the index", async () => {
    const w = word();
    const id = await article(`Text ${w} here.`);
    const claim = await desk.mark(`${w} here`, { articleId: id });
    await save(claim, { sources: [source({ title: w })] });
    await (await getDb()).delete(articles).where(eq(articles.id, id));
    expect(await claimIds(w)).toEqual([]);
    expect(await sourceIds(w)).toEqual([]);
    const db = await getDb();
    const [orphans] = await db.all<{ n: number }>(sql`SELECT
      (SELECT count(*) FROM search_keys k WHERE k.kind = 'claim' AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = k.ref_id)) +
      (SELECT count(*) FROM search_keys k WHERE k.kind = 'source' AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = k.ref_id)) AS n`);
    expect(orphans!.n).toBe(0);
  });

  it("holds one index row per article, per live claim and per source", async () => {
    const db = await getDb();
    const [row] = await db.all<Record<string, number>>(sql`SELECT
      (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM search_articles) AS indexedArticles,
      (SELECT count(*) FROM claims WHERE deleted_at IS NULL) AS claims, (SELECT count(*) FROM search_claims) AS indexedClaims,
      (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM search_sources) AS indexedSources`);
    expect(row!.indexedArticles).toBe(row!.articles);
    expect(row!.indexedClaims).toBe(row!.claims);
    expect(row!.indexedSources).toBe(row!.sources);
  });
});

describe("filters, grouping and pages", () => {
  it("filters claims by verdict, status, reviewer, publisher and date", async () => {
    const w = word();
    const reviewer = await desk.addUser("reviewer");
    const a1 = await article(`${w} alpha. ${w} beta.`, { publisher: `Pub ${w}`, publishedOn: "2024-03-01" });
    const a2 = await article(`${w} gamma.`, { publisher: "Elsewhere", publishedOn: "2025-06-01" });
    const c1 = await save(await desk.mark(`${w} alpha`, { articleId: a1 }), { verdict: "false" });
    const c2 = await desk.mark(`${w} beta`, { articleId: a1 });
    const c3 = await desk.mark(`${w} gamma`, { articleId: a2 });
    await (await getDb()).update(claims).set({ assigneeId: reviewer.id, status: "verdict_proposed" }).where(eq(claims.id, c3.id));
    const sorted = (ids: string[]) => [...ids].sort();
    expect(sorted(await claimIds(w))).toEqual(sorted([c1.id, c2.id, c3.id]));
    expect(await claimIds(w, { verdict: "false" })).toEqual([c1.id]);
    expect(await claimIds(w, { status: "verdict_proposed" })).toEqual([c3.id]);
    expect(await claimIds(w, { reviewer: reviewer.id })).toEqual([c3.id]);
    expect(sorted(await claimIds(w, { publisher: `Pub ${w}` }))).toEqual(sorted([c1.id, c2.id]));
    expect(await claimIds(w, { from: "2025-01-01" })).toEqual([c3.id]);
    expect(sorted(await claimIds(w, { to: "2024-12-31" }))).toEqual(sorted([c1.id, c2.id]));
    // Articles: those with a live claim matching the filter, as on the dashboard.
    expect(await articleIds(w, { verdict: "false" })).toEqual([a1]);
    expect(await articleIds(w, { status: "verdict_proposed" })).toEqual([a2]);
    expect(await articleIds(w, { reviewer: reviewer.id })).toEqual([a2]);
    expect(await articleIds(w, { publisher: "Elsewhere" })).toEqual([a2]);
    // Invalid filter values are ignored, as on the dashboard.
    expect(sorted(await claimIds(w, { status: "bogus", reviewer: "not-a-uuid", from: "yesterday" }))).toEqual(sorted([c1.id, c2.id, c3.id]));
  });

  it("groups by kind, links claims to their place, and paginates one kind", async () => {
    const w = word();
    const id = await article(Array.from({ length: 25 }, (_, i) => `Sentence ${i} ${w}.`).join(" "));
    const marked: string[] = [];
    for (let i = 0; i < 23; i++) marked.push((await desk.mark(`Sentence ${i} ${w}`, { articleId: id })).id);
    const overview = await find(w);
    expect(overview.articles!.hits.map((h) => h.id)).toEqual([id]);
    expect(overview.claims!.total).toBe(23);
    expect(overview.claims!.hits).toHaveLength(SEARCH_OVERVIEW_SIZE);
    expect(overview.claims!.hits[0]!.href).toBe(`/articles/${id}?claim=${overview.claims!.hits[0]!.id}`);
    expect(overview.sources!.total).toBe(0);
    const page1 = await find(w, { kind: "claims" });
    const page2 = await find(w, { kind: "claims", page: "2" });
    expect(page1.claims!.pageCount).toBe(2);
    expect(page1.articles).toBeNull();
    expect(page2.claims!.page).toBe(2);
    const all = [...page1.claims!.hits, ...page2.claims!.hits].map((h) => h.id);
    expect(all.sort()).toEqual([...marked].sort());
    const beyond = await find(w, { kind: "claims", page: "99" });
    expect(beyond.claims!.page).toBe(2);
  });
});

describe("hostile queries", () => {
  const hostile = [
    '"', '""', '"unclosed', "'", "*", "**", "^", ":", "()", "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR(", "a OR", "NOT a", "a AND NOT b",
    "title:x", "body:Iraq", "{title body}:x", "-x", "+x", "x*", "*x", "^x", "x:y:z", "NEAR(a b, 2)", "a + b", "'); DROP TABLE articles; --",
    "\u0000", "\u0002\u0003", "\\", "%", "_", "%_%", "[", "]", "💥", "ـ", "َ", "1,,000", "1,0000", "..", "-", "–", "—",
    "x".repeat(199), "Iraq ".repeat(12),
  ];

  it("never throw, and answer a readable message or results", async () => {
    for (const q of hostile) {
      const result = await search({ actor: desk.reviewer, input: { q } });
      expect(["ok", "empty", "invalid"], q).toContain(result.status);
    }
    const long = await search({ actor: desk.reviewer, input: { q: "x".repeat(500) } });
    expect(long).toMatchObject({ status: "invalid", message: "Keep the search under 200 characters." });
    const many = await search({ actor: desk.reviewer, input: { q: "Iraq ".repeat(13) } });
    expect(many).toMatchObject({ status: "invalid" });
    // Operators are words: "OR" does not widen the search, "NOT" does not exclude.
    const w = word();
    const id = await article(`${w} alpha and not beta.`);
    expect(ok(await search({ actor: desk.reviewer, input: { q: `${w} OR nothing${w}` } })).articles!.total).toBe(0);
    expect(ok(await search({ actor: desk.reviewer, input: { q: `${w} NOT alpha` } })).articles!.hits.map((h) => h.id)).toEqual([id]);
    expect((await search({ actor: desk.reviewer, input: { q: ["Iraq", "x"] } })).status).toBe("ok");
    expect((await search({ actor: desk.reviewer, input: { q: 42 } })).status).toBe("empty");
  });

  it("requires a signed-in user", async () => {
    await expect(search({ actor: null, input: { q: "Iraq" } })).rejects.toMatchObject({ code: "unauthorized:auth" });
  });
});

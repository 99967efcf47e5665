/**
 * The /api/v1 handlers called as Next calls them (a Request and the route's
 * params), over a real temp database with real tokens: authentication,
 * scopes, roles, conditional requests, validation and the rate limit.
 * test/reliability/api-contract.test.ts checks the same endpoints over HTTP
 * against `next start` and the OpenAPI document.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("api-v1");
afterAll(desk.close);

const { getDb } = await import("@/db");
const schema = await import("@/db/schema");
const { createToken } = await import("@/db/queries/tokens");
const { setAccountDisabled } = await import("@/db/queries/users");
const articlesRoute = await import("./articles/route");
const articleRoute = await import("./articles/[id]/route");
const claimsRoute = await import("./articles/[id]/claims/route");
const exportRoute = await import("./articles/[id]/export/[format]/route");
const claimRoute = await import("./claims/[id]/route");
const submitRoute = await import("./claims/[id]/submit/route");
const approveRoute = await import("./claims/[id]/approve/route");
const returnRoute = await import("./claims/[id]/return/route");
const commentsRoute = await import("./claims/[id]/comments/route");
const searchRoute = await import("./search/route");
const revisionsRoute = await import("./articles/[id]/revisions/route");
const revisionRoute = await import("./articles/[id]/revisions/[number]/route");
const { startPageServer } = await import("@/test/support/page-server");

// Fixture web pages on loopback, let through the outbound guard for the `url` bodies.
const pages = await startPageServer();
const previousAllow = process.env.URL_IMPORT_ALLOW_HOSTS;
process.env.URL_IMPORT_ALLOW_HOSTS = pages.hostPort;
afterAll(async () => {
  if (previousAllow === undefined) delete process.env.URL_IMPORT_ALLOW_HOSTS;
  else process.env.URL_IMPORT_ALLOW_HOSTS = previousAllow;
  await pages.close();
});

const BASE = "http://localhost:3999";

async function tokenFor(actor: typeof desk.reviewer, scope: "read" | "write" = "write") {
  return (await createToken({ actor, input: { name: `test ${scope}`, scope, expiresInDays: 7 } })).secret;
}

function req(path: string, { token, method = "GET", body, type = "application/json", headers = {} }: { token?: string; method?: string; body?: unknown; type?: string; headers?: Record<string, string> } = {}) {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h["content-type"] = type;
  return new Request(`${BASE}${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

const reviewerWrite = await tokenFor(desk.reviewer);
const reviewerRead = await tokenFor(desk.reviewer, "read");
const editorWrite = await tokenFor(desk.editor);

afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  delete process.env.URL_FETCH_LIMIT;
});

describe("authentication and scope", () => {
  it("no token, a wrong one and a disabled owner's are 401 problem+json", async () => {
    const claim = await desk.mark("militias");
    const none = await claimRoute.GET(req(`/api/v1/claims/${claim.id}`), ctx({ id: claim.id }));
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await none.json()).code).toBe("unauthorized:token");
    expect((await claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token: "cdk_forged" }), ctx({ id: claim.id }))).status).toBe(401);

    const owner = await desk.addUser("editor");
    const token = await tokenFor(owner);
    expect((await claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token }), ctx({ id: claim.id }))).status).toBe(200);
    await setAccountDisabled({ actor: desk.admin, input: { userId: owner.id, disabled: true } });
    const dead = await claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token }), ctx({ id: claim.id }));
    expect(dead.status).toBe(401);
  });

  it("a read token reads but cannot write", async () => {
    const claim = await desk.mark("provinces");
    const got = await claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token: reviewerRead }), ctx({ id: claim.id }));
    expect(got.status).toBe(200);
    expect(got.headers.get("ratelimit-limit")).toBe("600");
    const patch = await claimRoute.PATCH(
      req(`/api/v1/claims/${claim.id}`, { token: reviewerRead, method: "PATCH", body: { rationale: "x" }, type: "application/merge-patch+json", headers: { "if-match": got.headers.get("etag")! } }),
      ctx({ id: claim.id }),
    );
    expect(patch.status).toBe(403);
    expect((await patch.json()).code).toBe("forbidden:token");
  });

  it("roles are the UI's: a reviewer's token cannot approve, an editor's can", async () => {
    const claim = await desk.mark("controlled");
    const etagOf = (r: Response) => r.headers.get("etag")!;
    let r = await claimRoute.PATCH(
      req(`/api/v1/claims/${claim.id}`, { token: reviewerWrite, method: "PATCH", body: { verdict: "false" }, type: "application/merge-patch+json", headers: { "if-match": `"v${claim.version}"` } }),
      ctx({ id: claim.id }),
    );
    expect(r.status).toBe(200);
    r = await submitRoute.POST(req(`/api/v1/claims/${claim.id}/submit`, { token: reviewerWrite, method: "POST", headers: { "if-match": etagOf(r) } }), ctx({ id: claim.id }));
    expect(r.status).toBe(200);
    expect((await r.clone().json()).status).toBe("verdict_proposed");
    const tag = etagOf(r);
    const refused = await approveRoute.POST(req(`/api/v1/claims/${claim.id}/approve`, { token: reviewerWrite, method: "POST", headers: { "if-match": tag } }), ctx({ id: claim.id }));
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toBe("Only an editor can approve a verdict.");
    const returned = await returnRoute.POST(
      req(`/api/v1/claims/${claim.id}/return`, { token: editorWrite, method: "POST", body: { reason: "Needs a second source." }, headers: { "if-match": tag } }),
      ctx({ id: claim.id }),
    );
    expect(returned.status).toBe(200);
    expect((await returned.json()).status).toBe("in_review");
  });

  it("counts requests per token and answers 429 with Retry-After past the limit", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "2";
    const token = await tokenFor(desk.reviewer, "read");
    const claim = await desk.mark("majority");
    const call = () => claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token }), ctx({ id: claim.id }));
    expect((await call()).status).toBe(200);
    expect((await call()).headers.get("ratelimit-remaining")).toBe("0");
    const third = await call();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await third.json()).code).toBe("rate_limited:token");
  });
});

describe("conditional requests on claims", () => {
  it("GET has the version as ETag; If-None-Match with it is 304", async () => {
    const claim = await desk.mark("Iraq");
    const r = await claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token: reviewerRead }), ctx({ id: claim.id }));
    expect(r.headers.get("etag")).toBe(`"v${claim.version}"`);
    const again = await claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token: reviewerRead, headers: { "if-none-match": r.headers.get("etag")! } }), ctx({ id: claim.id }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("PATCH needs If-Match (428); a stale one is 412 with the current claim, and nothing is lost", async () => {
    const claim = await desk.mark("vast majority");
    const patch = (body: unknown, ifMatch?: string, type = "application/merge-patch+json") =>
      claimRoute.PATCH(req(`/api/v1/claims/${claim.id}`, { token: reviewerWrite, method: "PATCH", body, type, headers: ifMatch ? { "if-match": ifMatch } : {} }), ctx({ id: claim.id }));

    const missing = await patch({ rationale: "A" });
    expect(missing.status).toBe(428);
    expect((await missing.json()).code).toBe("precondition_required:claim");
    expect((await patch({ rationale: "A" }, "*")).status).toBe(428);

    const first = await patch({ rationale: "First save." }, `"v${claim.version}"`);
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe(`"v${claim.version + 1}"`);

    // A second client still holding the old tag: refused, shown the first save.
    const stale = await patch({ rationale: "Second save." }, `"v${claim.version}"`);
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(`"v${claim.version + 1}"`);
    const problem = await stale.json();
    expect(problem.code).toBe("precondition_failed:claim");
    expect(problem.current.rationale).toBe("First save.");
    const row = await (await getDb()).query.claims.findFirst({ where: eq(schema.claims.id, claim.id) });
    expect(row).toMatchObject({ rationale: "First save.", version: claim.version + 1 });
  });

  it("PATCH refuses unknown fields, a wrong media type, bad values and the status (which moves only by workflow)", async () => {
    const claim = await desk.mark("second paragraph", { articleId: (await seedArticle()).id });
    const tag = `"v${claim.version}"`;
    const patch = (body: unknown, type = "application/merge-patch+json") =>
      claimRoute.PATCH(req(`/api/v1/claims/${claim.id}`, { token: reviewerWrite, method: "PATCH", body, type, headers: { "if-match": tag } }), ctx({ id: claim.id }));
    const unknown = await patch({ rationale: "x", colour: "red" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).detail).toMatch(/colour|Unrecognized/i);
    expect((await patch({ status: "approved" })).status).toBe(400);
    expect((await patch({ rationale: "x" }, "application/json")).status).toBe(415);
    expect((await patch({ verdict: "no-such-verdict" })).status).toBe(400);
    expect((await patch({ sources: [{ url: "javascript:alert(1)" }] })).status).toBe(400);
    expect((await patch("{not json")).status).toBe(400);
    const ok = await patch({ sources: [{ url: "https://example.org/report", title: "Report" }], claimant: "Officials" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).sources[0]).toMatchObject({ url: "https://example.org/report", title: "Report", stance: "context" });
  });

  it("DELETE needs If-Match and deletes on that version only", async () => {
    const claim = await desk.mark("provinces are");
    const del = (ifMatch?: string) => claimRoute.DELETE(req(`/api/v1/claims/${claim.id}`, { token: reviewerWrite, method: "DELETE", headers: ifMatch ? { "if-match": ifMatch } : {} }), ctx({ id: claim.id }));
    expect((await del()).status).toBe(428);
    expect((await del('"v99"')).status).toBe(412);
    expect((await del(`"v${claim.version}"`)).status).toBe(204);
    expect((await claimRoute.GET(req(`/api/v1/claims/${claim.id}`, { token: reviewerRead }), ctx({ id: claim.id }))).status).toBe(404);
  });
});

async function seedArticle(title = "API article", publisher = "API Desk") {
  const r = await articlesRoute.POST(
    req("/api/v1/articles", { token: reviewerWrite, method: "POST", body: { title, publisher, format: "markdown", body: "# Heading\n\nOfficials said the vote was fair.\n\nA second paragraph, and the vote was fair again." } }),
  );
  expect(r.status).toBe(201);
  return (await r.json()) as { id: string; plainText: string };
}

describe("articles and claims", () => {
  it("POST /articles imports through the import path; GET has an ETag and honours If-None-Match", async () => {
    const r = await articlesRoute.POST(req("/api/v1/articles", { token: reviewerWrite, method: "POST", body: { title: "From the CMS", format: "html", body: "<p>Hello <script>alert(1)</script><b>world</b></p>" } }));
    expect(r.status).toBe(201);
    const article = await r.json();
    expect(r.headers.get("location")).toBe(`/api/v1/articles/${article.id}`);
    expect(article.plainText).toBe("Hello world");
    const got = await articleRoute.GET(req(`/api/v1/articles/${article.id}`, { token: reviewerRead }), ctx({ id: article.id }));
    expect(got.headers.get("etag")).toBe(r.headers.get("etag"));
    const again = await articleRoute.GET(req(`/api/v1/articles/${article.id}`, { token: reviewerRead, headers: { "if-none-match": got.headers.get("etag")! } }), ctx({ id: article.id }));
    expect(again.status).toBe(304);
    expect((await articlesRoute.POST(req("/api/v1/articles", { token: reviewerWrite, method: "POST", body: { title: "x", format: "pdf", body: "x" } }))).status).toBe(400);
    expect((await articlesRoute.POST(req("/api/v1/articles", { token: reviewerWrite, method: "POST", body: { title: "x", format: "text", body: "x", importedBy: desk.admin.id } }))).status).toBe(400);
    expect((await articleRoute.GET(req(`/api/v1/articles/not-an-id`, { token: reviewerRead }), ctx({ id: "not-an-id" }))).status).toBe(404);
  });

  it("an article carries its language, detected at import", async () => {
    const r = await articlesRoute.POST(
      req("/api/v1/articles", { token: reviewerWrite, method: "POST", body: { title: "Desde el CMS", format: "text", body: "El ministro dijo que las exportaciones crecieron un 40 % el año pasado, según las cifras oficiales publicadas por el gobierno." } }),
    );
    expect(r.status).toBe(201);
    expect((await r.json()).language).toBe("es");
  });

  it("POST claims by quote (prefix to choose among repeats) or by code-point range", async () => {
    const article = await seedArticle();
    const post = (body: unknown) => claimsRoute.POST(req(`/api/v1/articles/${article.id}/claims`, { token: reviewerWrite, method: "POST", body }), ctx({ id: article.id }));
    const ambiguous = await post({ quote: "the vote was fair" });
    expect(ambiguous.status).toBe(400);
    expect((await ambiguous.json()).detail).toMatch(/occurs 2 times/);
    const second = await post({ quote: "the vote was fair", prefix: "and " });
    expect(second.status).toBe(201);
    const claim = await second.json();
    expect(claim.selectors.position.start).toBe([...article.plainText].length - "the vote was fair again.".length);
    expect(second.headers.get("etag")).toBe('"v1"');
    const byRange = await post({ start: 0, end: 7 });
    expect((await byRange.json()).selectors.quote.exact).toBe("Heading");
    const both = await post({ start: 0, end: 7, quote: "x" });
    expect(both.status).toBe(400);
    expect((await both.json()).detail).toMatch(/either/);
    const list = await claimsRoute.GET(req(`/api/v1/articles/${article.id}/claims`, { token: reviewerRead }), ctx({ id: article.id }));
    expect((await list.json()).items.map((c: { id: string }) => c.id)).toContain(claim.id);
  });

  it("GET /articles: the dashboard's list, for editors, with filters and cursor pages", async () => {
    const publisher = `Cursor Desk ${Date.now()}`;
    for (let i = 0; i < 27; i++) {
      const { createArticle } = await import("@/db/queries/articles");
      await createArticle({ actor: desk.editor, input: { title: `Cursor ${String(i).padStart(2, "0")}`, publisher, format: "text", body: "Text." } });
    }
    const list = (query: string, token = editorWrite) => articlesRoute.GET(req(`/api/v1/articles?${query}`, { token }));
    expect((await list(`publisher=${encodeURIComponent(publisher)}`, reviewerRead)).status).toBe(403);
    const first = await (await list(`publisher=${encodeURIComponent(publisher)}&sort=title`)).json();
    expect(first.total).toBe(27);
    expect(first.items).toHaveLength(25);
    expect(first.items[0]).toMatchObject({ title: "Cursor 00", publisher, state: "no_claims" });
    // An article imported between the two requests, sorting before the cursor: a page-numbered list would now repeat "Cursor 24".
    const { createArticle } = await import("@/db/queries/articles");
    await createArticle({ actor: desk.editor, input: { title: "Cursor 00 (late)", publisher, format: "text", body: "Text." } });
    const second = await (await list(`publisher=${encodeURIComponent(publisher)}&sort=title&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((a: { title: string }) => a.title)).toEqual(["Cursor 25", "Cursor 26"]);
    expect(second.nextCursor).toBeNull();
    expect((await list(`publisher=${encodeURIComponent(publisher)}&sort=date&cursor=${first.nextCursor}`)).status).toBe(400);
    expect((await list("colour=red")).status).toBe(400);
    expect((await list("status=nonsense")).status).toBe(400);
  });
});

describe("comments, search and exports", () => {
  it("comments: add and list as the token's owner", async () => {
    const claim = await desk.mark("Iraq’s provinces");
    const added = await commentsRoute.POST(req(`/api/v1/claims/${claim.id}/comments`, { token: reviewerWrite, method: "POST", body: { body: "Checked the UN report." } }), ctx({ id: claim.id }));
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ body: "Checked the UN report.", authorName: desk.reviewer.name, mine: true });
    const list = await (await commentsRoute.GET(req(`/api/v1/claims/${claim.id}/comments`, { token: editorWrite }), ctx({ id: claim.id }))).json();
    expect(list.items.at(-1)).toMatchObject({ body: "Checked the UN report.", mine: false });
    expect((await commentsRoute.POST(req(`/api/v1/claims/${claim.id}/comments`, { token: reviewerWrite, method: "POST", body: { body: " " } }), ctx({ id: claim.id }))).status).toBe(400);
  });

  it("search answers as the search page; a malformed query is a 400", async () => {
    const r = await searchRoute.GET(req(`/api/v1/search?q=militias&kind=claims`, { token: reviewerRead }));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.status).toBe("ok");
    expect(body.claims.total).toBeGreaterThan(0);
    expect((await searchRoute.GET(req(`/api/v1/search?q=x&colour=red`, { token: reviewerRead }))).status).toBe(400);
  });

  it("exports render the download's file", async () => {
    const r = await exportRoute.GET(req(`/api/v1/articles/${desk.sample.id}/export/json?scope=all`, { token: reviewerRead }), ctx({ id: desk.sample.id, format: "json" }));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/json/);
    expect(JSON.parse(await r.text()).article.id).toBe(desk.sample.id);
    expect((await exportRoute.GET(req(`/api/v1/articles/${desk.sample.id}/export/pdf`, { token: reviewerRead }), ctx({ id: desk.sample.id, format: "pdf" }))).status).toBe(404);
  });
});

describe("POST /api/v1/articles/{id}/revisions", () => {
  const BODY = "The mayor said unemployment fell to 3% last year.\n\nOfficials claimed the new bridge cost nothing at all.\n\nA spokesperson added that every school now has a nurse.";

  it("If-Match on the article's ETag: 428 without, 412 with a stale one; dryRun writes nothing; 201 with the new ETag and each claim's anchor; reviewers 403", async () => {
    const created = await articlesRoute.POST(req("/api/v1/articles", { token: editorWrite, method: "POST", body: { title: "Revised by API", format: "text", body: BODY } }));
    const article = await created.json();
    const tag = created.headers.get("etag")!;
    expect(article.revision).toBe(1);
    const unchanged = await desk.mark("unemployment fell to 3%", { articleId: article.id });
    const changed = await desk.mark("the new bridge cost nothing", { articleId: article.id });
    const orphaned = await desk.mark("every school now has a nurse", { articleId: article.id });
    const path = `/api/v1/articles/${article.id}/revisions`;
    const content = "# Update\n\nFigures came on Monday. The mayor said unemployment fell to 3% last year.\n\nOfficials claimed the new *tunnel* cost nothing at all.";
    const post = (body: unknown, headers: Record<string, string> = {}, token = editorWrite) =>
      revisionsRoute.POST(req(path, { token, method: "POST", body, headers }), ctx({ id: article.id }));

    expect((await post({ format: "markdown", content })).status).toBe(428);
    expect((await post({ format: "markdown", content }, { "if-match": tag }, reviewerWrite)).status).toBe(403);
    expect((await post({ format: "markdown", content, extra: 1 }, { "if-match": tag })).status).toBe(400);

    const dry = await post({ format: "markdown", content, dryRun: true }, { "if-match": tag });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ baseRevision: 1, number: 2, counts: { unchanged: 1, changed: 1, orphaned: 1 } });
    const still = await articleRoute.GET(req(`/api/v1/articles/${article.id}`, { token: reviewerRead }), ctx({ id: article.id }));
    expect(still.headers.get("etag")).toBe(tag);

    const saved = await post({ format: "markdown", content, note: "Site update" }, { "if-match": tag });
    expect(saved.status).toBe(201);
    const body = await saved.json();
    const newTag = saved.headers.get("etag")!;
    expect(newTag).not.toBe(tag);
    expect(body.article).toMatchObject({ id: article.id, revision: 2 });
    expect(body.article.plainText).toContain("new tunnel cost");
    expect(body.revision).toMatchObject({ number: 2, note: "Site update", authorName: desk.editor.name });
    expect(body.counts).toEqual({ unchanged: 1, changed: 1, orphaned: 1 });
    const byClaim = Object.fromEntries(body.anchors.map((a: { claimId: string; state: string; quote: string }) => [a.claimId, [a.state, a.quote]]));
    expect(byClaim).toEqual({
      [unchanged.id]: ["unchanged", "unemployment fell to 3%"],
      [changed.id]: ["changed", "the new tunnel cost nothing"],
      [orphaned.id]: ["orphaned", ""],
    });
    const got = await articleRoute.GET(req(`/api/v1/articles/${article.id}`, { token: reviewerRead }), ctx({ id: article.id }));
    expect(got.headers.get("etag")).toBe(newTag);

    // The old tag is stale now: 412 with the article as it is, and nothing written.
    const stale = await post({ format: "text", content: "Something else entirely." }, { "if-match": tag });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(newTag);
    expect((await stale.json()).current).toMatchObject({ id: article.id, revision: 2 });

    const list = await revisionsRoute.GET(req(path, { token: reviewerRead }), ctx({ id: article.id }));
    expect((await list.json()).items).toMatchObject([
      { number: 1, source: "import" },
      { number: 2, source: "outside", note: "Site update" },
    ]);
  });

  it("201 carries the Location of the new revision, and GET there gives its number, note, author, date and plain text", async () => {
    const created = await articlesRoute.POST(req("/api/v1/articles", { token: editorWrite, method: "POST", body: { title: "Located revision", format: "text", body: BODY } }));
    const article = await created.json();
    const path = `/api/v1/articles/${article.id}/revisions`;
    const saved = await revisionsRoute.POST(
      req(path, { token: editorWrite, method: "POST", body: { format: "text", content: `${BODY}\n\nA correction was added.`, note: "Added the correction" }, headers: { "if-match": created.headers.get("etag")! } }),
      ctx({ id: article.id }),
    );
    expect(saved.status).toBe(201);
    expect(saved.headers.get("location")).toBe(`${path}/2`);
    const get = (n: string, token = reviewerRead) => revisionRoute.GET(req(`${path}/${n}`, { token }), ctx({ id: article.id, number: n }));
    const second = await get("2");
    expect(second.status).toBe(200);
    const revision = await second.json();
    expect(revision).toMatchObject({ number: 2, note: "Added the correction", authorName: desk.editor.name, source: "outside" });
    expect(revision.plainText).toBe((await saved.json()).article.plainText);
    expect(Date.parse(revision.createdAt)).not.toBeNaN();
    expect(await (await get("1")).json()).toMatchObject({ number: 1, source: "import", plainText: BODY });
    for (const n of ["3", "0", "-1", "two", "1e3"]) {
      const missing = await get(n);
      expect(missing.status, n).toBe(404);
      expect((await missing.json()).code).toBe("not_found:article");
    }
    expect((await get("1", "cdk_forged")).status).toBe(401);
  });

  it("takes {url}: the page fetched through the import guard becomes the next revision; a refused page is a 400 on errors.url; reviewers 403", async () => {
    const created = await articlesRoute.POST(req("/api/v1/articles", { token: editorWrite, method: "POST", body: { url: `${pages.origin}/news` } }));
    expect(created.status).toBe(201);
    const article = await created.json();
    const tag = created.headers.get("etag")!;
    const kept = await desk.mark("bills in the city would remain below the national average", { articleId: article.id });
    const path = `/api/v1/articles/${article.id}/revisions`;
    const post = (body: unknown, token = editorWrite, headers: Record<string, string> = { "if-match": tag }) =>
      revisionsRoute.POST(req(path, { token, method: "POST", body, headers }), ctx({ id: article.id }));
    const updated = `${pages.origin}/local/2024/03/water-rates-rise`;

    expect((await post({ url: updated }, editorWrite, {})).status).toBe(428);
    expect((await post({ url: updated }, reviewerWrite)).status).toBe(403);
    expect((await post({ url: updated, format: "html" })).status).toBe(400);
    const pdf = await post({ url: `${pages.origin}/report.pdf` });
    expect(pdf.status).toBe(400);
    expect((await pdf.json()).errors.url).toMatch(/^That address is not a web page \(application\/pdf\)/);
    const loopback = await post({ url: `${pages.origin}/to-loopback` });
    expect((await loopback.json()).errors.url).toMatch(/private network/);

    const dry = await post({ url: updated, dryRun: true });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ baseRevision: 1, number: 2 });
    const saved = await post({ url: updated, note: "Refreshed from the site" });
    expect(saved.status).toBe(201);
    expect(saved.headers.get("location")).toBe(`${path}/2`);
    const body = await saved.json();
    expect(body.article.plainText).toContain("30 votes to 10");
    expect(body.revision).toMatchObject({ number: 2, note: "Refreshed from the site" });
    expect(body.anchors.find((a: { claimId: string }) => a.claimId === kept.id)).toMatchObject({ state: "unchanged" });
  });

  it("counts {url} bodies against the owner's page-fetch limit: 429 problem+json with Retry-After past it", async () => {
    process.env.URL_FETCH_LIMIT = "1";
    const editor = await desk.addUser("editor");
    const token = await tokenFor(editor);
    const created = await articlesRoute.POST(req("/api/v1/articles", { token, method: "POST", body: { title: "Fetch-limited", format: "text", body: BODY } }));
    const { id } = await created.json();
    const post = () =>
      revisionsRoute.POST(req(`/api/v1/articles/${id}/revisions`, { token, method: "POST", body: { url: `${pages.origin}/news`, dryRun: true }, headers: { "if-match": created.headers.get("etag")! } }), ctx({ id }));
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(600);
    const problem = await refused.json();
    expect(problem.code).toBe("rate_limited:import");
    expect(problem.detail).toMatch(/^Too many page fetches; try again in (\d+ minutes|1 minute)\./);
    // The same person's import from a URL is a page fetch too.
    expect((await articlesRoute.POST(req("/api/v1/articles", { token, method: "POST", body: { url: `${pages.origin}/news` } }))).status).toBe(429);
  });

  it("format claimdesk-json: the export's article document becomes the next revision; the file's claims are not brought in", async () => {
    const make = async (title: string, body: string) => {
      const created = await articlesRoute.POST(req("/api/v1/articles", { token: editorWrite, method: "POST", body: { title, format: "text", body } }));
      return { article: await created.json(), tag: created.headers.get("etag")! };
    };
    const { article, tag } = await make("Revised from a JSON export", BODY);
    const kept = await desk.mark("unemployment fell to 3%", { articleId: article.id });
    // Another copy, edited elsewhere and exported with a claim of its own.
    const { article: other } = await make("The edited copy", BODY.replace("the new bridge", "the new tunnel"));
    await desk.mark("every school now has a nurse", { articleId: other.id });
    const exported = await exportRoute.GET(req(`/api/v1/articles/${other.id}/export/json`, { token: reviewerRead }), ctx({ id: other.id, format: "json" }));
    expect(exported.status).toBe(200);
    const file = await exported.text();

    const path = `/api/v1/articles/${article.id}/revisions`;
    const post = (body: unknown) => revisionsRoute.POST(req(path, { token: editorWrite, method: "POST", body, headers: { "if-match": tag } }), ctx({ id: article.id }));
    expect((await post({ format: "claimdesk-json", content: "{not json" })).status).toBe(400);
    const saved = await post({ format: "claimdesk-json", content: file, note: "From the desk's export" });
    expect(saved.status).toBe(201);
    const body = await saved.json();
    expect(body.article).toMatchObject({ id: article.id, revision: 2 });
    expect(body.article.plainText).toContain("the new tunnel cost nothing");
    expect(body.counts).toEqual({ unchanged: 1, changed: 0, orphaned: 0 });
    // Only this article's own claim: the file's claim stayed out.
    const claims = await claimsRoute.GET(req(`/api/v1/articles/${article.id}/claims`, { token: reviewerRead }), ctx({ id: article.id }));
    expect((await claims.json()).items.map((c: { id: string }) => c.id)).toEqual([kept.id]);
  });
});

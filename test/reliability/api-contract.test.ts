/**
 * API contract tests: the built app (`next start`, fresh database) called
 * over HTTP with real tokens created through the account page's own server
 * action, and every response checked against the OpenAPI document the server
 * itself serves (/api/v1/openapi.json): its status is one the operation
 * declares, its media type is the declared one, its body validates against
 * the declared schema (ajv, JSON Schema 2020-12) and the declared headers
 * (ETag, RateLimit-*) are there.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/api-contract.test.ts
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_POLICY } from "@/lib/security-headers";
import { startPageServer, type PageServer } from "@/test/support/page-server";
import { DEMO, HttpClient, killOnExit, startApp, type App } from "@/test/support/server";

const TOKEN_ACTIONS = "app/(auth)/account/password/token-actions.ts";

let app: App;
let pages: PageServer;
killOnExit(() => app?.server);

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};
let doc: Doc;
let ajv: Ajv2020;
const tokens: Record<string, string> = {};
const FETCH_LIMIT = 12;

async function tokenFor(who: keyof typeof DEMO, scope: "read" | "write"): Promise<string> {
  const client = new HttpClient(app.url);
  expect(await client.signIn(DEMO[who])).toBe(true);
  const result = (await client.action(TOKEN_ACTIONS, "createTokenAction", [{ name: `contract ${who} ${scope}`, scope, expiresInDays: 7 }], "/account/password")) as {
    ok: boolean;
    data: { secret: string };
  };
  expect(result.ok).toBe(true);
  return result.data.secret;
}

beforeAll(async () => {
  // URL import's fixture pages, on loopback: the app lets exactly this host:port through its outbound guard.
  pages = await startPageServer();
  // A low page-fetch limit, so the 429 of the limit is checked too; each test's fetches stay under it, per person.
  app = await startApp({ env: { URL_IMPORT_ALLOW_HOSTS: pages.hostPort, URL_FETCH_LIMIT: String(FETCH_LIMIT) } });
  const served = await fetch(`${app.url}/api/v1/openapi.json`);
  expect(served.status).toBe(200);
  doc = (await served.json()) as Doc;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "openapi", components: doc.components });
  for (const [who, scope] of [
    ["reviewer", "write"],
    ["reviewer", "read"],
    ["editor", "write"],
    ["admin", "write"],
  ] as const) {
    tokens[`${who}:${scope}`] = await tokenFor(who, scope);
  }
});
afterAll(async () => {
  await app?.close();
  await pages?.close();
});

/** Calls the API and checks the response against the document's operation `template` (e.g. "/api/v1/claims/{id}"). */
async function call(
  method: string,
  template: string,
  path: string,
  { token, body, type = "application/json", headers = {} }: { token?: string; body?: unknown; type?: string; headers?: Record<string, string> } = {},
) {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h["content-type"] = type;
  const response = await fetch(`${app.url}${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the document`).toBeDefined();
  const declared = operation!.responses[String(response.status)];
  const text = await response.text();
  expect(declared, `${method} ${path} answered ${response.status}, which the document does not declare: ${text.slice(0, 300)}`).toBeDefined();
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!;
  let json: unknown = undefined;
  if (declared!.content) {
    const [mediaType, { schema }] = Object.entries(declared!.content)[0]!;
    expect(contentType, `${method} ${path} ${response.status} media type`).toBe(mediaType);
    json = JSON.parse(text);
    const validate = ajv.compile({ $ref: `openapi${(schema as { $ref: string }).$ref}` });
    expect(validate(json), `${method} ${path} ${response.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  for (const header of Object.keys(declared!.headers ?? {})) {
    if (header === "Location" && response.status !== 201) continue;
    if (header === "Retry-After" && response.status !== 429) continue;
    expect(response.headers.get(header), `${method} ${path} ${response.status} header ${header}`).not.toBeNull();
  }
  // The body has just been validated against the document's schema; the test reads it loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, json: json as Record<string, any> };
}

describe("the API against its OpenAPI document", () => {
  it("serves a 3.1 document with the components the handlers validate with", () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Claim", "ClaimMergePatch", "Problem", "ArticleList"]));
  });

  it("articles: import, get (ETag, 304), list with filters and a cursor", async () => {
    const created = await call("POST", "/api/v1/articles", "/api/v1/articles", {
      token: tokens["reviewer:write"],
      body: { title: "Contract article", publisher: "Contract Desk", format: "markdown", body: "# Contract\n\nThe minister said exports rose 40% last year.\n\nExports rose 40% is the claim." },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/articles/${created.json.id}`);
    const id = created.json.id as string;
    const got = await call("GET", "/api/v1/articles/{id}", `/api/v1/articles/${id}`, { token: tokens["reviewer:read"] });
    expect(got.status).toBe(200);
    expect(got.headers.get("etag")).toBe(created.headers.get("etag"));
    const notModified = await call("GET", "/api/v1/articles/{id}", `/api/v1/articles/${id}`, { token: tokens["reviewer:read"], headers: { "if-none-match": got.headers.get("etag")! } });
    expect(notModified.status).toBe(304);

    const list = await call("GET", "/api/v1/articles", "/api/v1/articles?publisher=Contract%20Desk", { token: tokens["editor:write"] });
    expect(list.status).toBe(200);
    expect(list.json.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(list.json.nextCursor).toBeNull();
    expect((await call("GET", "/api/v1/articles", "/api/v1/articles", { token: tokens["reviewer:read"] })).status).toBe(403);
    expect((await call("GET", "/api/v1/articles", "/api/v1/articles?colour=red", { token: tokens["editor:write"] })).status).toBe(400);
  });

  it("articles: import from a web page's URL, with overrides; a refused page is a problem with errors.url", async () => {
    const created = await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["reviewer:write"], body: { url: `${pages.origin}/redirect/2`, publisher: "Contract Courier" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      title: "Port city water rates to rise 12% next year",
      author: "Maria Okafor and Tom Lindqvist",
      publisher: "Contract Courier",
      publishedOn: "2024-03-05",
      sourceUrl: `${pages.origin}/local/2024/03/water-rates-rise`,
    });
    for (const [path, status, message] of [
      ["/to-loopback", 400, /^That address is on a private network/],
      ["/huge", 413, /^The page is larger than 5 MB/],
      ["/report.pdf", 400, /^That address is not a web page \(application\/pdf\)/],
      ["/no-article", 400, /could not find an article/],
    ] as const) {
      const refused = await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["reviewer:write"], body: { url: `${pages.origin}${path}` } });
      expect(refused.status, path).toBe(status);
      expect(refused.json.errors?.url ?? refused.json.detail, path).toMatch(message);
    }
    // Each form's own fields: `format` belongs to the text form, so with `url` it is an unknown field.
    const mixed = await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["reviewer:write"], body: { url: `${pages.origin}/news`, format: "html" } });
    expect(mixed.status).toBe(400);
    expect((await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["reviewer:read"], body: { url: `${pages.origin}/news` } })).status).toBe(403);
  });

  it("claims: create by quote, conditional PATCH (428, 412 with current, 200), workflow, comments, delete", async () => {
    const article = await call("POST", "/api/v1/articles", "/api/v1/articles", {
      token: tokens["reviewer:write"],
      body: { title: "Contract claims", format: "text", body: "The minister said exports rose 40% last year. Critics said exports fell." },
    });
    const articleId = article.json.id as string;
    const created = await call("POST", "/api/v1/articles/{id}/claims", `/api/v1/articles/${articleId}/claims`, { token: tokens["reviewer:write"], body: { quote: "exports rose 40%" } });
    expect(created.status).toBe(201);
    const claimId = created.json.id as string;
    const v1 = created.headers.get("etag")!;
    expect(v1).toBe('"v1"');
    const ambiguous = await call("POST", "/api/v1/articles/{id}/claims", `/api/v1/articles/${articleId}/claims`, { token: tokens["reviewer:write"], body: { quote: "exports" } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.json.code).toBe("bad_request:claim");

    const path = `/api/v1/claims/${claimId}`;
    const patch = (body: unknown, headers: Record<string, string> = {}, token = tokens["reviewer:write"]) =>
      call("PATCH", "/api/v1/claims/{id}", path, { token, body, type: "application/merge-patch+json", headers });
    expect((await patch({ rationale: "x" })).status).toBe(428);
    expect((await patch({ rationale: "x" }, { "if-match": v1 }, tokens["reviewer:read"])).status).toBe(403);
    const unknownField = await patch({ rationale: "x", score: 3 }, { "if-match": v1 });
    expect(unknownField.status).toBe(400);
    const saved = await patch({ verdict: "false", rationale: "Customs data show a 2% fall." }, { "if-match": v1 });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe('"v2"');
    const stale = await patch({ rationale: "Overwrite?" }, { "if-match": v1 });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"v2"');
    expect(stale.json.current.rationale).toBe("Customs data show a 2% fall.");
    expect((await call("GET", "/api/v1/claims/{id}", path, { token: tokens["reviewer:read"], headers: { "if-none-match": '"v2"' } })).status).toBe(304);

    const submitted = await call("POST", "/api/v1/claims/{id}/submit", `${path}/submit`, { token: tokens["reviewer:write"], headers: { "if-match": '"v2"' } });
    expect(submitted.status).toBe(200);
    expect(submitted.json.status).toBe("verdict_proposed");
    const notEditor = await call("POST", "/api/v1/claims/{id}/approve", `${path}/approve`, { token: tokens["reviewer:write"], headers: { "if-match": '"v3"' } });
    expect(notEditor.status).toBe(403);
    const approved = await call("POST", "/api/v1/claims/{id}/approve", `${path}/approve`, { token: tokens["editor:write"], headers: { "if-match": '"v3"' } });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe("approved");

    const comment = await call("POST", "/api/v1/claims/{id}/comments", `${path}/comments`, { token: tokens["editor:write"], body: { body: "Approved with the customs source." } });
    expect(comment.status).toBe(201);
    const comments = await call("GET", "/api/v1/claims/{id}/comments", `${path}/comments`, { token: tokens["reviewer:read"] });
    expect(comments.json.items.map((c: { body: string }) => c.body)).toContain("Approved with the customs source.");

    const list = await call("GET", "/api/v1/articles/{id}/claims", `/api/v1/articles/${articleId}/claims`, { token: tokens["reviewer:read"] });
    expect(list.json.items).toHaveLength(1);

    const exported = await fetch(`${app.url}/api/v1/articles/${articleId}/export/json?scope=approved`, { headers: { authorization: `Bearer ${tokens["reviewer:read"]}` } });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain("Customs data show a 2% fall.");

    const search = await call("GET", "/api/v1/search", "/api/v1/search?q=customs&kind=claims", { token: tokens["reviewer:read"] });
    expect(search.status).toBe(200);
    expect(search.json.claims.hits.map((h: { id: string }) => h.id)).toContain(claimId);

    const before = await call("GET", "/api/v1/checked-before", `/api/v1/checked-before?text=${encodeURIComponent("The minister claimed exports rose 40% last year")}`, { token: tokens["reviewer:read"] });
    expect(before.status).toBe(200);
    expect(before.json.items.map((m: { claimId: string }) => m.claimId)).toContain(claimId);
    const differentFact = await call("GET", "/api/v1/checked-before", `/api/v1/checked-before?text=${encodeURIComponent("The minister claimed exports fell 40% last year")}`, { token: tokens["reviewer:read"] });
    expect(differentFact.json.items.map((m: { claimId: string }) => m.claimId)).not.toContain(claimId);
    expect((await call("GET", "/api/v1/checked-before", "/api/v1/checked-before?text=ab", { token: tokens["reviewer:read"] })).status).toBe(400);

    // An approved claim needs a reason to be deleted (the UI's rule, from the domain layer).
    expect((await call("DELETE", "/api/v1/claims/{id}", path, { token: tokens["editor:write"], headers: { "if-match": '"v4"' } })).status).toBe(400);
    const deleted = await fetch(`${app.url}${path}?reason=${encodeURIComponent("Duplicate of another claim.")}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${tokens["editor:write"]}`, "if-match": '"v4"' },
    });
    expect(deleted.status).toBe(204);
    expect((await call("GET", "/api/v1/claims/{id}", path, { token: tokens["reviewer:read"] })).status).toBe(404);
  });

  it("revisions: a new version from outside (428, dryRun 200, 201 with the new ETag and anchors, 412 with the current article), listed", async () => {
    const article = await call("POST", "/api/v1/articles", "/api/v1/articles", {
      token: tokens["editor:write"],
      body: { title: "Contract revisions", format: "text", body: "The minister said exports rose 40% last year.\n\nCritics said the port was closed all winter." },
    });
    const articleId = article.json.id as string;
    expect(article.json.revision).toBe(1);
    const claim = await call("POST", "/api/v1/articles/{id}/claims", `/api/v1/articles/${articleId}/claims`, { token: tokens["reviewer:write"], body: { quote: "exports rose 40%" } });
    const gone = await call("POST", "/api/v1/articles/{id}/claims", `/api/v1/articles/${articleId}/claims`, { token: tokens["reviewer:write"], body: { quote: "the port was closed" } });
    const tag = article.headers.get("etag")!;
    const path = `/api/v1/articles/${articleId}/revisions`;
    const content = "<p>On Monday the minister said exports rose 40% last year.</p><script>alert(1)</script>";
    const post = (body: unknown, headers: Record<string, string> = {}, token = tokens["editor:write"]) => call("POST", "/api/v1/articles/{id}/revisions", path, { token, body, headers });

    expect((await post({ format: "html", content })).status).toBe(428);
    expect((await post({ format: "html", content }, { "if-match": tag }, tokens["reviewer:write"])).status).toBe(403);
    const dry = await post({ format: "html", content, dryRun: true }, { "if-match": tag });
    expect(dry.status).toBe(200);
    expect(dry.json.counts).toEqual({ unchanged: 1, changed: 0, orphaned: 1 });
    const saved = await post({ format: "html", content, note: "From the site" }, { "if-match": tag });
    expect(saved.status).toBe(201);
    expect(saved.headers.get("etag")).not.toBe(tag);
    expect(saved.headers.get("location")).toBe(`${path}/2`);
    const revision = await call("GET", "/api/v1/articles/{id}/revisions/{number}", saved.headers.get("location")!, { token: tokens["reviewer:read"] });
    expect(revision.status).toBe(200);
    expect(revision.json).toMatchObject({ number: 2, note: "From the site", source: "outside", plainText: "On Monday the minister said exports rose 40% last year." });
    expect((await call("GET", "/api/v1/articles/{id}/revisions/{number}", `${path}/9`, { token: tokens["reviewer:read"] })).status).toBe(404);
    expect(saved.json.article).toMatchObject({ revision: 2, plainText: "On Monday the minister said exports rose 40% last year." });
    expect(saved.json.anchors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ claimId: claim.json.id, state: "unchanged", method: "diff", quote: "exports rose 40%" }),
        expect.objectContaining({ claimId: gone.json.id, state: "orphaned", quote: "" }),
      ]),
    );
    const stale = await post({ format: "text", content: "Another text." }, { "if-match": tag });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(saved.headers.get("etag"));
    expect(stale.json.current.revision).toBe(2);
    const same = await post({ format: "text", content: "On Monday the minister said exports rose 40% last year." }, { "if-match": saved.headers.get("etag")! });
    expect(same.status).toBe(400);
    expect(same.json.detail).toMatch(/^This version is the same as revision 2\./);

    const list = await call("GET", "/api/v1/articles/{id}/revisions", path, { token: tokens["reviewer:read"] });
    expect(list.status).toBe(200);
    expect(list.json.items.map((r: { number: number; source: string; note: string }) => [r.number, r.source, r.note])).toEqual([
      [1, "import", ""],
      [2, "outside", "From the site"],
    ]);
  });

  it("revisions: {url} fetches the new version from a page (201 with Location); page fetches past URL_FETCH_LIMIT are 429 with Retry-After", async () => {
    const article = await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["editor:write"], body: { url: `${pages.origin}/news` } });
    expect(article.status).toBe(201);
    const path = `/api/v1/articles/${article.json.id}/revisions`;
    const saved = await call("POST", "/api/v1/articles/{id}/revisions", path, {
      token: tokens["editor:write"],
      body: { url: `${pages.origin}/local/2024/03/water-rates-rise`, note: "Refreshed" },
      headers: { "if-match": article.headers.get("etag")! },
    });
    expect(saved.status).toBe(201);
    expect(saved.headers.get("location")).toBe(`${path}/2`);
    expect(saved.json.article.plainText).toContain("30 votes to 10");
    const refused = await call("POST", "/api/v1/articles/{id}/revisions", path, { token: tokens["editor:write"], body: { url: `${pages.origin}/report.pdf` }, headers: { "if-match": saved.headers.get("etag")! } });
    expect(refused.status).toBe(400);
    expect(refused.json.errors.url).toMatch(/not a web page/);

    // The admin's own fetches: every attempt counts, a refused page too.
    for (let i = 0; i < FETCH_LIMIT; i++) {
      expect((await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["admin:write"], body: { url: `${pages.origin}/report.pdf` } })).status).toBe(400);
    }
    const limited = await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["admin:write"], body: { url: `${pages.origin}/news` } });
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe("rate_limited:import");
    expect(limited.json.detail).toMatch(/^Too many page fetches; try again in (\d+ minutes|1 minute)\./);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other people are not held back, and the admin's text imports go on.
    expect((await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["admin:write"], body: { title: "Pasted meanwhile", format: "text", body: "Text." } })).status).toBe(201);
  });

  it("refuses without a token, with a forged one, an oversized body and a wrong media type, all as problem+json", async () => {
    const anon = await call("GET", "/api/v1/search", "/api/v1/search?q=x");
    expect(anon.status).toBe(401);
    expect(anon.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await call("GET", "/api/v1/search", "/api/v1/search?q=x", { token: "cdk_forged" })).status).toBe(401);
    const big = await call("POST", "/api/v1/articles", "/api/v1/articles", {
      token: tokens["reviewer:write"],
      body: { title: "Too big", format: "text", body: "x".repeat(6 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
    const crossSite = await call("POST", "/api/v1/articles", "/api/v1/articles", {
      token: tokens["reviewer:write"],
      headers: { origin: "https://evil.example" },
      body: { title: "From another site", format: "text", body: "Text." },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("content-type")).toBe("application/problem+json");
    const wrongType = await call("POST", "/api/v1/articles", "/api/v1/articles", { token: tokens["reviewer:write"], body: "title=x", type: "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);
  });

  it("API answers carry the API policy; the reference page /api/docs is a page under the app's nonce policy", async () => {
    const api = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(api.headers.get("content-security-policy")).toBe(API_POLICY);
    const docs = await fetch(`${app.url}/api/docs`);
    expect(docs.status).toBe(200);
    const policy = docs.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).not.toContain("sandbox");
    const html = await docs.text();
    expect(html).toContain("PATCH");
    expect(html).toContain("/api/v1/claims/{id}");
  });
});

import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { importClaimdeskJson } from "@/db/queries/article-transfer";
import { createArticle, getArticle } from "@/db/queries/articles";
import { deleteClaim, saveClaim } from "@/db/queries/claims";
import { loadExportBundle } from "@/db/queries/export";
import { approveClaim, submitForApproval } from "@/db/queries/workflow";
import { auditEvents, claimEvents, claims } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { EXPORT_FORMATS } from "@/lib/export";
import { renderJson } from "@/lib/export/json";
import { claimFragment } from "@/lib/claim-fragment";
import { claimFieldsOf } from "@/lib/claims";
import { toClaimReviewJsonLd } from "@/lib/export/claimreview";
import { renderAnnotatedArticle, renderAnnotatedHtml } from "@/lib/export/html";
import { toWebAnnotationCollection } from "@/lib/export/web-annotation";
import { getPublishedBundle, publishArticle } from "@/db/queries/publishing";
import { parseHTML } from "linkedom";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("export");
afterAll(desk.close);
const { reviewer, editor } = desk;

const ORIGIN = "http://localhost:3000";

const Q1 = "The vast majority of Iraq’s provinces are controlled by Iran-supported militias";

// A copy of the sample with an emoji and a flag early on, so code points and UTF-16 differ.
const { id: articleId } = await createArticle({
  actor: reviewer,
  input: {
    title: "Middle East Tensions 🌍 <copy>",
    sourceUrl: "https://example.com/middle-east",
    publisher: "Example",
    author: "A. Writer",
    publishedOn: "2024-11-01",
    format: "text",
    body: `Flags 🇮🇶 and 🌍 first.\n\n${desk.sample.plainText}`,
  },
});
const mark = (quote: string) => desk.mark(quote, { articleId });

// Claims in every state the exports must handle.
{
  const c1 = await mark(Q1);
  const saved = await saveClaim({
    actor: reviewer,
    input: {
      claimId: c1.id,
      baseVersion: c1.version,
      fields: {
        claimAsChecked: "Most of Iraq's provinces are controlled by Iran-backed militias",
        claimant: "The article",
        verdict: "mostly_false",
        rationale: "Line 1\n\nLine 2 with \"quotes\", commas & <tags>",
        sources: [
          { id: crypto.randomUUID(), url: "https://example.org/report?a=1&b=2", title: "Report", publisher: "Think tank", excerpt: "An excerpt", stance: "refutes", accessedOn: "2024-11-05" },
          { id: crypto.randomUUID(), url: "https://example.org/other", title: "", publisher: "", excerpt: "", stance: "context", accessedOn: null },
        ],
      },
    },
  });
  if (saved.status !== "saved") throw new Error("setup: save failed");
  const proposed = await submitForApproval({ actor: reviewer, input: { claimId: c1.id, version: saved.claim.version } });
  if (proposed.status !== "done") throw new Error("setup: submit failed");
  const approved = await approveClaim({ actor: editor, input: { claimId: c1.id, version: proposed.claim.version } });
  if (approved.status !== "done") throw new Error("setup: approve failed");
  // A fixed approval date, so the exported documents can be compared.
  await (await getDb()).update(claims).set({ approvedAt: "2024-11-06T10:00:00.000Z", approvedBy: editor.id }).where(eq(claims.id, c1.id));
  const c2 = await mark("Flags 🇮🇶 and 🌍");
  await saveClaim({
    actor: reviewer,
    input: { claimId: c2.id, baseVersion: c2.version, fields: { claimAsChecked: "Flags", claimant: "", verdict: "unverifiable", rationale: "", sources: [] } },
  });
  await mark("🌍 first");
  const gone = await mark("Iraq");
  await deleteClaim({ actor: reviewer, input: { claimId: gone.id, version: gone.version } });
}

describe("loadExportBundle", () => {
  it("loads the article, its live claims in document order, names and the scale", async () => {
    const bundle = await loadExportBundle({ articleId, scope: "all", origin: `${ORIGIN}/`, now: new Date("2026-11-25T12:00:00Z") });
    expect(bundle.article.title).toBe("Middle East Tensions 🌍 <copy>");
    expect(bundle.claims.map((c) => c.quote.exact)).toEqual(["Flags 🇮🇶 and 🌍", "🌍 first", Q1]);
    expect(bundle.claims[2]!.createdByName).toBe(reviewer.name);
    expect(bundle.claims[2]!.approvedByName).toBe(editor.name);
    expect(bundle.claims[2]!.sources.map((s) => s.url)).toEqual(["https://example.org/report?a=1&b=2", "https://example.org/other"]);
    expect(bundle.scale.length).toBeGreaterThan(3);
    expect(bundle.origin).toBe(ORIGIN);
    expect(bundle.publishedUrl).toBe(`${ORIGIN}/published/${articleId}`);
    expect(bundle.organization).toEqual({ name: "Claimdesk", url: ORIGIN });
    expect(bundle.workflow).toBe(true);
    expect(bundle.exportedAt).toBe("2026-11-25T12:00:00.000Z");
    // Stored positions are code points: the code-point slice is the quote.
    for (const c of bundle.claims) expect([...bundle.article.plainText].slice(c.position.start, c.position.end).join("")).toBe(c.quote.exact);
  });

  it("keeps only approved claims for scope approved", async () => {
    const bundle = await loadExportBundle({ articleId, scope: "approved", origin: ORIGIN });
    expect(bundle.scope).toBe("approved");
    expect(bundle.claims.map((c) => c.quote.exact)).toEqual([Q1]);
  });

  it("reads the organisation and workflow from the environment", async () => {
    process.env.ORGANIZATION_NAME = "Desk Fact Check";
    process.env.ORGANIZATION_URL = "https://factcheck.example.org";
    process.env.APPROVAL_WORKFLOW = "off";
    try {
      const bundle = await loadExportBundle({ articleId, scope: "all", origin: ORIGIN });
      expect(bundle.organization).toEqual({ name: "Desk Fact Check", url: "https://factcheck.example.org/" });
      expect(bundle.workflow).toBe(false);
    } finally {
      delete process.env.ORGANIZATION_NAME;
      delete process.env.ORGANIZATION_URL;
      delete process.env.APPROVAL_WORKFLOW;
    }
  });

  it("reports unknown or malformed article ids as not found", async () => {
    for (const id of [crypto.randomUUID(), "not-a-uuid", "../etc"]) {
      await expect(loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN })).rejects.toMatchObject({ code: "not_found:article" });
    }
  });

  it("renders every format from a real article", async () => {
    const bundle = await loadExportBundle({ articleId, scope: "all", origin: ORIGIN });
    for (const [key, spec] of Object.entries(EXPORT_FORMATS)) expect(spec.render(bundle).length, key).toBeGreaterThan(200);
  });
});

/**
 * The export with ids, timestamps and the things derived from them taken out,
 * and the workflow state too: an import never carries approval (see
 * article-transfer.test.ts), so that part is compared separately.
 */
function comparable(json: string) {
  const doc = JSON.parse(json);
  delete doc.exportedAt;
  for (const key of ["id", "createdAt", "updatedAt", "publishedUrl", "publishedAt", "textHash"]) delete doc.article[key];
  for (const c of doc.claims) for (const key of ["id", "createdAt", "updatedAt", "status", "approvedAt", "approvedByName"]) delete c[key];
  return doc;
}

describe("importClaimdeskJson", () => {
  it("round-trips: export → import → export gives the same document apart from ids, timestamps and approval", async () => {
    const first = renderJson(await loadExportBundle({ articleId, scope: "all", origin: ORIGIN }));
    const { id } = await importClaimdeskJson({ actor: reviewer, input: { text: first } });
    expect(id).not.toBe(articleId);
    const second = renderJson(await loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN }));
    expect(comparable(second)).toEqual(comparable(first));
    const before = JSON.parse(first);
    const after = JSON.parse(second);
    expect(after.claims.map((c: { id: string }) => c.id)).not.toEqual(before.claims.map((c: { id: string }) => c.id));
    // The approved claim comes back as work to review: proposed by the importer, approved by nobody yet.
    type Workflow = { status: string; approvedByName: string | null; approvedAt: string | null };
    const workflow = (c: Workflow) => [c.status, c.approvedByName, c.approvedAt];
    expect(before.claims.map(workflow)).toEqual([["in_review", null, null], ["open", null, null], ["approved", editor.name, "2024-11-06T10:00:00.000Z"]]);
    expect(after.claims.map(workflow)).toEqual([["in_review", null, null], ["open", null, null], ["verdict_proposed", null, null]]);

    const db = await getDb();
    const events = await db.select().from(claimEvents).where(eq(claimEvents.articleId, id));
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.type === "created" && e.actorId === reviewer.id)).toBe(true);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audit.map((a) => a.type)).toEqual(["imported"]);
  });

  it("re-anchors a claim whose position moved, and rejects one whose quote is gone", async () => {
    const json = JSON.parse(renderJson(await loadExportBundle({ articleId, scope: "all", origin: ORIGIN })));
    json.claims[2].position = { start: 0, end: 5 };
    const { id } = await importClaimdeskJson({ actor: reviewer, input: { text: JSON.stringify(json) } });
    const reloaded = await loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN });
    expect(reloaded.claims.map((c) => c.quote.exact)).toContain(Q1);

    json.claims[2].quote = { exact: "A sentence that is not in this article at all, anywhere.", prefix: "", suffix: "" };
    const error = await importClaimdeskJson({ actor: reviewer, input: { text: JSON.stringify(json) } }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("bad_request:import");
    expect(error.message).toMatch(/1 claim \(number 3 in the file\) no longer match/);
  });

  it("names verdicts the desk's scale does not have", async () => {
    const json = JSON.parse(renderJson(await loadExportBundle({ articleId, scope: "all", origin: ORIGIN })));
    json.claims[0].verdict = "pants_on_fire";
    json.claims[1].verdict = "four_pinocchios";
    const error = await importClaimdeskJson({ actor: reviewer, input: { text: JSON.stringify(json) } }).catch((e) => e);
    expect(error.code).toBe("bad_request:import");
    expect(error.message).toContain("“pants_on_fire”, “four_pinocchios”");
  });

  it("refuses files that are not a Claimdesk export, damaged or too large, with clear messages", async () => {
    const attempt = (text: unknown): Promise<AppError> =>
      importClaimdeskJson({ actor: reviewer, input: { text } }).then(
        () => {
          throw new Error("the import should have been refused");
        },
        (e: AppError) => e,
      );
    expect((await attempt("{nope")).message).toMatch(/not valid JSON/);
    expect((await attempt(JSON.stringify({ hello: 1 }))).message).toMatch(/not a Claimdesk JSON export/);
    expect((await attempt(JSON.stringify({ format: "claimdesk-article", version: 9 }))).message).toMatch(/version 9/);
    const bad = JSON.parse(renderJson(await loadExportBundle({ articleId, scope: "all", origin: ORIGIN })));
    bad.claims[0].sources[0] = { url: "javascript:alert(1)" };
    const badSource = await attempt(JSON.stringify(bad));
    expect(badSource.code).toBe("bad_request:import");
    // An export is bigger than its article (a 100,000-word article with 2,000 claims is ~3 MB): 3 MB passes the size gate…
    expect((await attempt("x".repeat(3 * 1024 * 1024))).message).toMatch(/not valid JSON/);
    // …10 MB does not.
    const big = await attempt("x".repeat(10 * 1024 * 1024 + 1));
    expect(big.code).toBe("too_large:import");
    expect(big.message).toMatch(/10 MB/);
    expect((await attempt(42)).code).toBe("bad_request:import");
  });

  it("passes the document through the importer's allow-list", async () => {
    const json = JSON.parse(renderJson(await loadExportBundle({ articleId, scope: "approved", origin: ORIGIN })));
    json.article.content.content.unshift({ type: "paragraph", content: [{ type: "text", text: "Click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] });
    json.article.content.content.push({ type: "script", content: [{ type: "text", text: "alert(1)" }] });
    const { id } = await importClaimdeskJson({ actor: reviewer, input: { text: JSON.stringify(json) } });
    const article = await getArticle({ articleId: id });
    expect(JSON.stringify(article.content)).not.toContain("javascript:");
    expect(article.plainText).not.toContain("alert(1)");
    const reloaded = await loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN });
    expect(reloaded.claims.map((c) => c.quote.exact)).toEqual([Q1]);
  });
});

describe("configuredOrigin", () => {
  it("is NEXTAUTH_URL's origin, else localhost on PORT", async () => {
    const { configuredOrigin } = await import("@/db/queries/export");
    const saved = { url: process.env.NEXTAUTH_URL, port: process.env.PORT };
    try {
      process.env.NEXTAUTH_URL = "https://desk.example.org/some/path";
      expect(configuredOrigin()).toBe("https://desk.example.org");
      delete process.env.NEXTAUTH_URL;
      process.env.PORT = "4321";
      expect(configuredOrigin()).toBe("http://localhost:4321");
    } finally {
      if (saved.url === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved.url;
      if (saved.port === undefined) delete process.env.PORT;
      else process.env.PORT = saved.port;
    }
  });
});

describe("links in exports (item 9)", () => {
  const reviewsOf = (bundle: Parameters<typeof toClaimReviewJsonLd>[0]) =>
    (toClaimReviewJsonLd(bundle) as unknown as { "@graph": { "@type": string; url: string; "@id": string; claimReviewed: string }[] })["@graph"].filter((n) => n["@type"] === "ClaimReview");

  it("names each claim by its id, the same in both scopes", async () => {
    const everything = await loadExportBundle({ articleId, scope: "all", origin: ORIGIN });
    const approvedOnly = await loadExportBundle({ articleId, scope: "approved", origin: ORIGIN });
    const approvedClaim = approvedOnly.claims[0]!;
    // Claim 3 of all, claim 1 of approved: one fragment.
    expect(everything.claims.findIndex((c) => c.id === approvedClaim.id)).toBe(2);
    for (const bundle of [everything, approvedOnly]) {
      const [review] = reviewsOf(bundle);
      expect(review!.url).toBe(`${ORIGIN}/articles/${articleId}#${claimFragment(approvedClaim.id)}`);
      const annotation = toWebAnnotationCollection(bundle).first.items.find((a) => a.target.selector[0].exact === Q1)!;
      expect(annotation.id.endsWith(`#${claimFragment(approvedClaim.id)}`)).toBe(true);
      // The article has a source URL: that is what the annotations are about.
      expect(annotation.target.source).toBe("https://example.com/middle-east");
      const { document } = parseHTML(renderAnnotatedHtml(bundle));
      expect(document.getElementById(claimFragment(approvedClaim.id))).not.toBeNull();
    }
  });

  it("targets the published page only once it exists, and the ClaimReview urls are ids on it", async () => {
    const { id } = await createArticle({ actor: editor, input: { title: "No source URL", format: "text", body: desk.sample.plainText } });
    const claim = await desk.mark(Q1, { articleId: id });
    const saved = await saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...claimFieldsOf(claim), verdict: "false" } } });
    if (saved.status !== "saved") throw new Error("setup: save");
    const proposed = await submitForApproval({ actor: reviewer, input: { claimId: claim.id, version: saved.claim.version } });
    if (proposed.status !== "done") throw new Error("setup: submit");
    await approveClaim({ actor: editor, input: { claimId: claim.id, version: proposed.claim.version } });

    const draft = await loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN });
    expect(toWebAnnotationCollection(draft).first.items[0]!.target.source).toBe(`${ORIGIN}/articles/${id}`);
    expect(reviewsOf(draft)[0]!.url).toBe(`${ORIGIN}/articles/${id}#${claimFragment(claim.id)}`);
    for (const format of Object.values(EXPORT_FORMATS)) expect(format.render(draft)).not.toContain("/published/");

    await publishArticle({ actor: editor, input: { articleId: id, scope: "approved" } });
    const live = await loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN });
    expect(toWebAnnotationCollection(live).first.items[0]!.target.source).toBe(`${ORIGIN}/published/${id}`);
    const page = await getPublishedBundle({ articleId: id, origin: ORIGIN });
    const { document } = parseHTML(`<!doctype html><html><body>${renderAnnotatedArticle(page, { audience: "public" }).html}</body></html>`);
    for (const bundle of [live, page]) {
      const [review] = reviewsOf(bundle);
      expect(review!.url).toBe(`${ORIGIN}/published/${id}#${claimFragment(claim.id)}`);
      expect(document.getElementById(review!.url.split("#")[1]!)).not.toBeNull();
    }
  });
});

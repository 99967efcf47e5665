import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle, getArticle, listArticles } from "@/db/queries/articles";
import { createClaim, deleteClaim, listClaimsForArticle, saveClaim } from "@/db/queries/claims";
import { claimEvents, users } from "@/db/schema";
import { DEMO_ACCOUNTS, seedDatabase } from "@/db/seed";
import type { ClaimFields } from "@/lib/claims";
import { AppError } from "@/lib/errors";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("claims");
afterAll(desk.close);
const { reviewer, editor } = desk;
const { id: articleId, plainText } = desk.sample;

const QUOTE = "The vast majority of Iraq’s provinces are controlled by Iran-supported militias";

async function mark(quote = QUOTE) {
  const start = plainText.indexOf(quote);
  return createClaim({ actor: reviewer, input: { articleId, start, end: start + quote.length, exact: quote } });
}

function fields(over: Partial<ClaimFields> = {}): ClaimFields {
  return { claimAsChecked: QUOTE, claimant: "", verdict: null, rationale: "", sources: [], ...over };
}

describe("seed", () => {
  it("creates the three demo accounts and the sample article once", async () => {
    const db = await getDb();
    expect((await db.select().from(users)).map((u) => u.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    expect((await seedDatabase({})).created).toBe("nothing");
    expect(plainText).toContain(QUOTE);
    expect(plainText).not.toContain("Leave a Reply");
    expect(plainText).not.toContain("Image credit");
  });
});

describe("claims", () => {
  it("stores W3C selectors computed by the server, in code points", async () => {
    const claim = await mark();
    expect(claim.selectors.quote.exact).toBe(QUOTE);
    expect(claim.selectors.quote.prefix.length).toBeLessThanOrEqual(32);
    expect(plainText.slice(0, plainText.indexOf(QUOTE)).endsWith(claim.selectors.quote.prefix)).toBe(true);
    expect(claim.selectors.position.end - claim.selectors.position.start).toBe([...QUOTE].length);
    expect(claim.claimAsChecked).toBe(QUOTE);
    expect(claim.version).toBe(1);
  });

  it("records who marked the claim from the session, and keeps it when someone else saves it", async () => {
    const start = plainText.indexOf(QUOTE);
    // A client naming another creator is not listened to: the session says who marked it.
    const claim = await createClaim({
      actor: reviewer,
      input: { articleId, start, end: start + QUOTE.length, exact: QUOTE, createdBy: editor.id, createdByName: "Eddie Editor" },
    });
    expect(claim.createdByName).toBe(reviewer.name);
    expect(Date.parse(claim.createdAt)).not.toBeNaN();
    const saved = await saveClaim({ actor: editor, input: { claimId: claim.id, baseVersion: 1, fields: fields({ rationale: "Checked." }) } });
    expect(saved.status).toBe("saved");
    if (saved.status !== "saved") return;
    expect(saved.claim).toMatchObject({ createdByName: reviewer.name, createdAt: claim.createdAt, updatedByName: editor.name });
    const listed = (await listClaimsForArticle({ articleId })).find((c) => c.id === claim.id);
    expect(listed).toMatchObject({ createdByName: reviewer.name, createdAt: claim.createdAt, updatedByName: editor.name });
  });

  it("refuses a selection that does not match the article text", async () => {
    const start = plainText.indexOf(QUOTE);
    await expect(
      createClaim({ actor: reviewer, input: { articleId, start, end: start + 10, exact: "Something else" } }),
    ).rejects.toMatchObject({ type: "conflict" });
    await expect(createClaim({ actor: reviewer, input: { articleId: "nope", start: 0, end: 1, exact: "x" } })).rejects.toBeInstanceOf(AppError);
  });

  it("saves fields and sources with a new version and an audit row in the same write", async () => {
    const claim = await mark();
    const sources = [
      { id: crypto.randomUUID(), url: "https://www.crisisgroup.org/iraq", title: "Iraq report", publisher: "Crisis Group", excerpt: "…", stance: "refutes" as const, accessedOn: "2024-11-02" },
      { id: crypto.randomUUID(), url: "https://www.bbc.com/news", title: "BBC", publisher: "BBC", excerpt: "", stance: "context" as const, accessedOn: null },
    ];
    const result = await saveClaim({
      actor: reviewer,
      input: { claimId: claim.id, baseVersion: 1, fields: fields({ verdict: "false", rationale: "No evidence.", sources }) },
    });
    expect(result.status).toBe("saved");
    if (result.status !== "saved") return;
    expect(result.claim.version).toBe(2);
    expect(result.claim.sources.map((s) => s.title)).toEqual(["Iraq report", "BBC"]);
    expect(result.claim.updatedByName).toBe(reviewer.name);

    const db = await getDb();
    const events = (await db.select().from(claimEvents)).filter((e) => e.claimId === claim.id);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ["created", 1],
      ["updated", 2],
    ]);
    expect(Object.keys(events[1]!.data as object).sort()).toEqual(["rationale", "sources", "status", "verdict"]); // the first edit starts the review
  });

  it("refuses a stale version and leaves the stored claim, its sources and the audit trail untouched", async () => {
    const claim = await mark();
    const first = await saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: 1, fields: fields({ rationale: "A" }) } });
    expect(first.status).toBe("saved");
    const stale = await saveClaim({
      actor: editor,
      input: {
        claimId: claim.id,
        baseVersion: 1,
        fields: fields({ rationale: "B", sources: [{ id: crypto.randomUUID(), url: "https://example.org", title: "", publisher: "", excerpt: "", stance: "supports", accessedOn: null }] }),
      },
    });
    expect(stale.status).toBe("conflict");
    if (stale.status !== "conflict") return;
    expect(stale.current.rationale).toBe("A");
    expect(stale.current.version).toBe(2);
    const stored = (await listClaimsForArticle({ articleId })).find((c) => c.id === claim.id)!;
    expect(stored.rationale).toBe("A");
    expect(stored.sources).toEqual([]);
    const db = await getDb();
    expect((await db.select().from(claimEvents)).filter((e) => e.claimId === claim.id)).toHaveLength(2);
  });

  it("rejects bad input with field errors and keeps the stored data", async () => {
    const claim = await mark();
    const bad = { id: crypto.randomUUID(), url: "javascript:alert(1)", title: "", publisher: "", excerpt: "", stance: "supports", accessedOn: null };
    await expect(
      saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: 1, fields: fields({ sources: [bad as never] }) } }),
    ).rejects.toMatchObject({ type: "bad_request", fieldErrors: { "fields.sources.0.url": expect.stringMatching(/http/) } });
    await expect(saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: "1", fields: {} } })).rejects.toMatchObject({ type: "bad_request" });
    await expect(saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: 1, fields: fields({ verdict: "pants_on_fire" as never }) } })).rejects.toMatchObject({
      type: "bad_request",
    });
    const stored = (await listClaimsForArticle({ articleId })).find((c) => c.id === claim.id)!;
    expect(stored.version).toBe(1);
  });

  it("rolls back a batch that fails half-way and keeps the client usable", async () => {
    const a = await mark();
    const b = await mark();
    const shared = { id: crypto.randomUUID(), url: "https://example.org/a", title: "A", publisher: "", excerpt: "", stance: "supports" as const, accessedOn: null };
    expect((await saveClaim({ actor: reviewer, input: { claimId: a.id, baseVersion: 1, fields: fields({ sources: [shared] }) } })).status).toBe("saved");
    // The same source id on another claim violates the primary key in the middle of the batch.
    await expect(
      saveClaim({ actor: reviewer, input: { claimId: b.id, baseVersion: 1, fields: fields({ rationale: "half-written", sources: [shared] }) } }),
    ).rejects.toMatchObject({ type: "bad_request" });
    const stored = (await listClaimsForArticle({ articleId })).find((c) => c.id === b.id)!;
    expect(stored.rationale).toBe("");
    expect(stored.version).toBe(1);
    const db = await getDb();
    expect((await db.select().from(claimEvents)).filter((e) => e.claimId === b.id)).toHaveLength(1);
    // Later writes on the same client still commit.
    expect((await saveClaim({ actor: reviewer, input: { claimId: b.id, baseVersion: 1, fields: fields({ rationale: "after" }) } })).status).toBe("saved");
  });

  it("takes no status from a save: an old client's status field is ignored", async () => {
    const claim = await mark();
    const saved = await saveClaim({
      actor: reviewer,
      input: { claimId: claim.id, baseVersion: 1, fields: { ...fields({ verdict: "false" }), status: "approved" } },
    });
    expect(saved.status).toBe("saved");
    if (saved.status !== "saved") return;
    // The first saved edit starts the review; approval only comes through the workflow.
    expect(saved.claim.status).toBe("in_review");
    expect(saved.claim.approvedAt).toBeNull();
  });

  it("soft-deletes: the claim leaves the article, the record stays", async () => {
    const claim = await mark();
    await deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } });
    expect((await listClaimsForArticle({ articleId })).some((c) => c.id === claim.id)).toBe(false);
    const db = await getDb();
    const events = (await db.select().from(claimEvents)).filter((e) => e.claimId === claim.id);
    expect(events.at(-1)?.type).toBe("deleted");
    await expect(saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: 2, fields: fields() } })).rejects.toMatchObject({ type: "not_found" });
  });

  it("counts claims per article and status in the list", async () => {
    const summary = (await listArticles({ pageSize: 1000 })).items.find((a) => a.id === articleId)!;
    const live = await listClaimsForArticle({ articleId });
    expect(summary.claimCounts.total).toBe(live.length);
    expect(summary.claimCounts.approved).toBe(live.filter((c) => c.status === "approved").length);
  });
});

describe("articles", () => {
  it("imports sanitised HTML and refuses empty or oversized input with a readable message", async () => {
    const { id } = await createArticle({
      actor: reviewer,
      input: { title: "Hostile", format: "html", body: '<p>Safe text</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>' },
    });
    const article = await getArticle({ articleId: id });
    expect(JSON.stringify(article.content)).not.toMatch(/script|javascript/);
    expect(article.plainText).toContain("Safe text");
    await expect(createArticle({ actor: reviewer, input: { title: "Empty", format: "text", body: "   " } })).rejects.toMatchObject({ type: "bad_request" });
    await expect(createArticle({ actor: reviewer, input: { title: "Big", format: "text", body: "a".repeat(2 * 1024 * 1024 + 1) } })).rejects.toMatchObject({
      message: expect.stringContaining("2 MB"),
    });
    await expect(createArticle({ actor: reviewer, input: { title: "", format: "text", body: "Text" } })).rejects.toMatchObject({
      fieldErrors: { title: expect.any(String) },
    });
  });

  it("reads an uploaded file by its extension and refuses binary files", async () => {
    const bytes = new TextEncoder().encode("# Heading\n\nA paragraph with a [link](https://example.org).");
    const { id } = await createArticle({ actor: reviewer, input: { title: "Upload" }, file: { name: "story.md", bytes } });
    expect((await getArticle({ articleId: id })).plainText).toBe("Heading\n\nA paragraph with a link.");
    await expect(
      createArticle({ actor: reviewer, input: { title: "Binary" }, file: { name: "photo.txt", bytes: new Uint8Array([0x89, 0x50, 0x00, 0x01]) } }),
    ).rejects.toMatchObject({ type: "bad_request" });
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { importClaimdeskJson, importedStatus } from "@/db/queries/article-transfer";
import { createArticle } from "@/db/queries/articles";
import { getClaim, saveClaim } from "@/db/queries/claims";
import { loadExportBundle } from "@/db/queries/export";
import { getPublishedBundle, publishArticle } from "@/db/queries/publishing";
import { approveClaim } from "@/db/queries/workflow";
import { auditEvents, claimEvents, claims } from "@/db/schema";
import { renderJson } from "@/lib/export/json";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("article-transfer");
afterAll(desk.close);
const { reviewer, editor } = desk;
const ORIGIN = "http://localhost:3000";

const BODY = [
  "The council said unemployment fell to 3% last year.",
  "",
  "Officials claimed the new bridge cost nothing.",
  "",
  "A spokesperson added that every school now has a nurse.",
].join("\n");
const QUOTES = ["unemployment fell to 3% last year", "the new bridge cost nothing", "every school now has a nurse"];

/** A genuine export of an article with three claims (two with a verdict), as a reviewer would download it. */
async function genuineExport(): Promise<string> {
  const { id } = await createArticle({ actor: reviewer, input: { title: "Council claims", format: "text", body: BODY } });
  for (const [i, quote] of QUOTES.entries()) {
    const claim = await desk.mark(quote, { articleId: id });
    const verdict = i === 2 ? null : i === 0 ? "false" : "mostly_true";
    const saved = await saveClaim({
      actor: reviewer,
      input: {
        claimId: claim.id,
        baseVersion: claim.version,
        fields: {
          claimAsChecked: `Claim ${i + 1}`,
          claimant: "The council",
          verdict,
          rationale: `Rationale ${i + 1}`,
          sources: [{ id: crypto.randomUUID(), url: `https://example.org/${i}`, title: "Source", publisher: "Stats office", excerpt: "", stance: "refutes", accessedOn: "2025-01-02" }],
        },
      },
    });
    if (saved.status !== "saved") throw new Error("setup: save failed");
  }
  return renderJson(await loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN }));
}

/** The same file edited by hand: every claim "approved" by the editor on a backdated day, and "created" by the editor. */
function forge(json: string): string {
  const file = JSON.parse(json);
  for (const c of file.claims) {
    c.status = "approved";
    c.approvedByName = editor.name;
    c.approvedAt = "2020-01-01T09:00:00.000Z";
    c.createdByName = editor.name;
    c.createdAt = "2019-12-31T09:00:00.000Z";
  }
  return JSON.stringify(file);
}

describe("importedStatus", () => {
  it("caps every status at 'verdict proposed', and at 'in review' without a verdict", () => {
    expect(importedStatus("approved", "false")).toBe("verdict_proposed");
    expect(importedStatus("approved", null)).toBe("in_review");
    expect(importedStatus("verdict_proposed", "false")).toBe("verdict_proposed");
    expect(importedStatus("verdict_proposed", null)).toBe("in_review");
    expect(importedStatus("in_review", "false")).toBe("in_review");
    expect(importedStatus("open", null)).toBe("open");
  });
});

describe("a forged Claimdesk JSON carries no authority", () => {
  it("stores 'approved by an editor' claims as proposed by the importer, keeping the file's word only as provenance", async () => {
    const before = Date.now();
    const { id } = await importClaimdeskJson({ actor: reviewer, input: { text: forge(await genuineExport()) } });
    const db = await getDb();
    const rows = await db.select().from(claims).where(eq(claims.articleId, id));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.status).toBe(row.verdict ? "verdict_proposed" : "in_review");
      expect(row.approvedBy).toBeNull();
      expect(row.approvedAt).toBeNull();
      expect(row.createdBy).toBe(reviewer.id);
      expect(row.updatedBy).toBe(reviewer.id);
      expect(row.proposedBy).toBe(row.verdict ? reviewer.id : null);
      if (row.verdict) expect(Date.parse(row.proposedAt!)).toBeGreaterThanOrEqual(before - 1000);
      else expect(row.proposedAt).toBeNull();
    }
    // The useful part of the round trip survives.
    const bundle = await loadExportBundle({ articleId: id, scope: "all", origin: ORIGIN });
    expect(bundle.claims.map((c) => [c.quote.exact, c.verdict, c.claimAsChecked, c.claimant, c.rationale, c.sources.map((s) => s.url)])).toEqual([
      [QUOTES[0], "false", "Claim 1", "The council", "Rationale 1", ["https://example.org/0"]],
      [QUOTES[1], "mostly_true", "Claim 2", "The council", "Rationale 2", ["https://example.org/1"]],
      [QUOTES[2], null, "Claim 3", "The council", "Rationale 3", ["https://example.org/2"]],
    ]);
    expect(bundle.claims.every((c) => c.createdByName === reviewer.name && c.approvedByName === null && c.approvedAt === null)).toBe(true);

    // What the file said is in the audit record, labelled as the file's statement.
    const events = await db.select().from(claimEvents).where(eq(claimEvents.articleId, id));
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(e).toMatchObject({ type: "created", actorId: reviewer.id });
      expect((e.data as { importedFrom: { fileSaid: unknown } }).importedFrom.fileSaid).toMatchObject({
        status: "approved",
        approvedByName: editor.name,
        approvedAt: "2020-01-01T09:00:00.000Z",
        createdByName: editor.name,
      });
    }
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.type, "imported")));
    expect(audit?.actorId).toBe(reviewer.id);
    expect(audit?.data).toMatchObject({
      claims: 3,
      storedStatuses: { approved: 0, verdict_proposed: 2, in_review: 1, open: 0 },
      fileSaid: { statuses: { approved: 3 }, approvedByNames: [editor.name], createdByNames: [editor.name] },
    });
  });

  it("an editor's default publish of the imported article shows none of its claims until an editor approves them", async () => {
    const { id } = await importClaimdeskJson({ actor: reviewer, input: { text: forge(await genuineExport()) } });
    await publishArticle({ actor: editor, input: { articleId: id } });
    expect((await getPublishedBundle({ articleId: id, origin: ORIGIN })).claims).toEqual([]);

    // Approval happens on this desk, through the approve action.
    const db = await getDb();
    const [first] = await db.select().from(claims).where(and(eq(claims.articleId, id), eq(claims.verdict, "false")));
    const done = await approveClaim({ actor: editor, input: { claimId: first!.id, version: first!.version } });
    expect(done.status).toBe("done");
    const published = await getPublishedBundle({ articleId: id, origin: ORIGIN });
    expect(published.claims.map((c) => [c.quote.exact, c.approvedByName])).toEqual([[QUOTES[0], editor.name]]);
  });

  it("an editor who imports a file cannot approve the verdicts it proposed (four-eyes rule)", async () => {
    const { id } = await importClaimdeskJson({ actor: editor, input: { text: forge(await genuineExport()) } });
    const db = await getDb();
    const proposed = await db.select().from(claims).where(and(eq(claims.articleId, id), eq(claims.status, "verdict_proposed")));
    expect(proposed).toHaveLength(2);
    const refused = await expectAppError(approveClaim({ actor: editor, input: { claimId: proposed[0]!.id, version: proposed[0]!.version } }), "forbidden:claim");
    expect(refused.message).toMatch(/four-eyes/);
    expect((await getClaim({ claimId: proposed[0]!.id })).status).toBe("verdict_proposed");
    // Another editor may.
    const colleague = await desk.addUser("editor");
    expect((await approveClaim({ actor: colleague, input: { claimId: proposed[0]!.id, version: proposed[0]!.version } })).status).toBe("done");
  });
});

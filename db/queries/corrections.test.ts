import { and, eq } from "drizzle-orm";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle } from "@/db/queries/articles";
import { importClaimdeskJson } from "@/db/queries/article-transfer";
import { loadExportBundle } from "@/db/queries/export";
import { listClaimsForArticle } from "@/db/queries/claims";
import { renderJson, type ClaimdeskJson } from "@/lib/export/json";
import { deleteClaim, getClaim, saveClaim } from "@/db/queries/claims";
import { discardCorrection, getCorrectionsPanel, listPublishedCorrections, publishCorrection } from "@/db/queries/corrections";
import { publishArticle, unpublishArticle } from "@/db/queries/publishing";
import { saveExternalRevision, saveTextRevision } from "@/db/queries/revisions";
import * as wh from "@/db/queries/webhooks";
import { articles, auditEvents, corrections, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText, type DocNode } from "@/lib/article-text";
import type { ClaimDto } from "@/lib/claims";
import type { CorrectionChange } from "@/lib/corrections";
import type { CorrectionPublishedData, WebhookEvent } from "@/lib/webhooks/events";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("corrections");
afterAll(desk.close);
const { reviewer, editor, admin } = desk;

const BODY = ["The mayor said unemployment fell to 3% last year.", "", "Officials claimed the new bridge cost nothing at all."].join("\n");
const A = "unemployment fell to 3% last year";
const B = "the new bridge cost nothing";

async function article() {
  const { id } = await createArticle({ actor: editor, input: { title: "Corrected story", format: "text", body: BODY } });
  return id;
}

const approved = (articleId: string, quote: string, verdict = "false") => desk.approve(quote, { articleId, verdict });

/** "bridge" → "tunnel" inside claim B, as the editor's steps. */
async function tunnelSteps(articleId: string) {
  const db = await getDb();
  const { content } = (await db.query.articles.findFirst({ where: eq(articles.id, articleId) }))!;
  const tr: Transaction = EditorState.create({ doc: getArticleSchema().nodeFromJSON(content) }).tr;
  const text = buildArticleText(content as DocNode);
  const at = text.textToPos(text.text.indexOf("bridge"), "start");
  tr.insertText("tunnel", at, at + "bridge".length);
  return tr.steps.map((s) => s.toJSON());
}

async function reviseText(articleId: string, baseRevision = 1) {
  const result = await saveTextRevision({ actor: editor, input: { articleId, baseRevision, steps: await tunnelSteps(articleId), note: "Tunnel" } });
  if (result.status !== "saved") throw new Error("expected saved");
}

async function changeVerdict(claim: ClaimDto, verdict: string) {
  const current = await getClaim({ claimId: claim.id });
  return saveClaim({
    actor: editor,
    input: { claimId: claim.id, baseVersion: current.version, fields: { claimAsChecked: current.claimAsChecked, claimant: "", verdict, rationale: current.rationale, sources: [] } },
  });
}

async function rows(articleId: string) {
  const db = await getDb();
  return db.select().from(corrections).where(eq(corrections.articleId, articleId));
}

async function draftOf(articleId: string) {
  return (await getCorrectionsPanel({ actor: editor, articleId })).draft;
}

describe("drafting a correction", () => {
  it("nothing is drafted before the article has been published: not for a revision, not for a verdict change", async () => {
    const id = await article();
    const b = await approved(id, B);
    await reviseText(id);
    const a = await approved(id, A);
    expect((await changeVerdict(a, "misleading")).status).toBe("saved");
    expect(await rows(id)).toEqual([]);
    void b;
  });

  it("once published, a text revision drafts an entry with its number and the changed claim's old and new words", async () => {
    const id = await article();
    const b = await approved(id, B);
    await publishArticle({ actor: editor, input: { articleId: id } });
    await reviseText(id);
    const draft = await draftOf(id);
    expect(draft).toMatchObject({ status: "draft", kind: null, note: "", imported: false });
    expect(draft!.changes).toEqual([
      { type: "text", at: expect.any(String), revision: 2, claims: [{ claimId: b.id, state: "changed", before: B, after: "the new tunnel cost nothing" }] },
    ]);
  });

  it("a change to an approved verdict adds old → new verdict to the open draft; a version from outside adds to it too", async () => {
    const id = await article();
    const a = await approved(id, A);
    await publishArticle({ actor: editor, input: { articleId: id } });
    const saved = await changeVerdict(a, "misleading");
    expect(saved.status === "saved" && saved.claim.status).toBe("verdict_proposed");
    await saveExternalRevision({ actor: editor, input: { articleId: id, baseRevision: 1, format: "text", content: BODY.replace("last year", "in 2024") } });
    const all = await rows(id);
    expect(all).toHaveLength(1);
    const changes = all[0]!.changes as CorrectionChange[];
    expect(changes[0]).toEqual({ type: "claim", at: expect.any(String), claimId: a.id, quote: A, verdict: { before: "false", after: "misleading" } });
    expect(changes[1]).toMatchObject({ type: "text", revision: 2, claims: [{ claimId: a.id, state: "changed", before: A, after: "unemployment fell to 3% in 2024" }] });
  });

  it("a verdict change of a claim that is not approved drafts nothing; a change that conflicts writes no draft either", async () => {
    const id = await article();
    const a = await desk.mark(A, { articleId: id });
    await publishArticle({ actor: editor, input: { articleId: id } });
    await saveClaim({ actor: reviewer, input: { claimId: a.id, baseVersion: a.version, fields: { claimAsChecked: A, claimant: "", verdict: "false", rationale: "", sources: [] } } });
    expect(await rows(id)).toEqual([]);
    const b = await approved(id, B);
    // A stale base version: the guarded write does nothing, and the draft statements with it.
    const stale = await saveClaim({ actor: editor, input: { claimId: b.id, baseVersion: b.version - 1, fields: { claimAsChecked: B, claimant: "", verdict: "true", rationale: "No.", sources: [] } } });
    expect(stale.status).toBe("conflict");
    expect(await rows(id)).toEqual([]);
  });

  it("deleting an approved claim of a published article drafts its withdrawal; deleting one that is not approved drafts nothing", async () => {
    const id = await article();
    const a = await approved(id, A);
    const b = await desk.mark(B, { articleId: id });
    await publishArticle({ actor: editor, input: { articleId: id } });
    expect((await deleteClaim({ actor: editor, input: { claimId: b.id, version: b.version, reason: "Not check-worthy" } })).status).toBe("deleted");
    expect(await rows(id)).toEqual([]);
    expect((await deleteClaim({ actor: editor, input: { claimId: a.id, version: a.version, reason: "The claim was never made" } })).status).toBe("deleted");
    const draft = await draftOf(id);
    expect(draft!.changes).toEqual([{ type: "claim", at: expect.any(String), claimId: a.id, quote: A, verdict: { before: "false", after: null }, withdrawn: true }]);
    const { describeChange } = await import("@/lib/corrections");
    expect(describeChange(draft!.changes[0]!, (k) => k ?? "No verdict")).toEqual({
      summary: `The claim “${A}” was withdrawn from the fact-check.`,
      details: [{ label: "Verdict", before: "false", after: "Withdrawn" }],
    });
  });

  it("after an unpublish, changes are still drafted (readers saw the old version)", async () => {
    const id = await article();
    await approved(id, B);
    await publishArticle({ actor: editor, input: { articleId: id } });
    await unpublishArticle({ actor: editor, input: { articleId: id } });
    await reviseText(id);
    expect((await draftOf(id))!.changes).toHaveLength(1);
  });
});

describe("publishing a correction", () => {
  beforeEach(async () => {
    const db = await getDb();
    await db.delete(webhookDeliveries);
    await db.delete(webhookEndpoints);
  });

  async function withDraft() {
    const id = await article();
    const a = await approved(id, A);
    await publishArticle({ actor: editor, input: { articleId: id } });
    await changeVerdict(a, "misleading");
    return { id, a, draft: (await draftOf(id))! };
  }

  it("an editor publishes it with the note and kind: it is in the public log, audited, and correction.published is queued with it", async () => {
    await wh.createWebhookEndpoint({ actor: admin, input: { url: "https://hooks.example.com/c", events: ["correction.published"] } });
    await wh.createWebhookEndpoint({ actor: admin, input: { url: "https://hooks.example.com/other", events: ["claim.approved"] } });
    const { id, a, draft } = await withDraft();
    const published = await publishCorrection({ actor: editor, input: { correctionId: draft.id, changeCount: 1, kind: "correction", note: "  We rated this False; it is Misleading.  " } });
    expect(published).toMatchObject({ status: "published", kind: "correction", note: "We rated this False; it is Misleading.", publishedByName: editor.name });
    expect(await listPublishedCorrections({ articleId: id })).toEqual([published]);
    expect((await getCorrectionsPanel({ actor: admin, articleId: id })).draft).toBeNull();

    const db = await getDb();
    const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, "correction.published"));
    expect(deliveries).toHaveLength(1);
    const event = JSON.parse(deliveries[0]!.payload) as WebhookEvent<"correction.published">;
    const data: CorrectionPublishedData = event.data;
    expect(event.timestamp).toBe(published.publishedAt);
    expect(data.article).toEqual({ id, title: "Corrected story", publishedUrl: `http://localhost:3000/published/${id}` });
    expect(data.correction).toMatchObject({
      id: draft.id,
      kind: "correction",
      note: "We rated this False; it is Misleading.",
      publishedAt: published.publishedAt,
      publishedBy: { id: editor.id, name: editor.name },
      changes: [{ type: "claim", claimId: a.id, verdict: { before: "false", after: "misleading" }, verdictLabels: { before: "False", after: "Misleading" } }],
    });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.type, "correction_published")));
    expect(audit).toHaveLength(1);

    // The next change starts a new draft; the published entry is not touched.
    await reviseText(id);
    const after = await rows(id);
    expect(after).toHaveLength(2);
    expect((after.find((r) => r.status === "published")!.changes as unknown[]).length).toBe(1);
  });

  it("reviewers cannot publish or discard (server-side), and nothing changes", async () => {
    await wh.createWebhookEndpoint({ actor: admin, input: { url: "https://hooks.example.com/c", events: ["correction.published"] } });
    const { id, draft } = await withDraft();
    await expectAppError(publishCorrection({ actor: reviewer, input: { correctionId: draft.id, changeCount: 1, kind: "correction", note: "x" } }), "forbidden:correction");
    await expectAppError(discardCorrection({ actor: reviewer, input: { correctionId: draft.id, changeCount: 1 } }), "forbidden:correction");
    await expectAppError(getCorrectionsPanel({ actor: reviewer, articleId: id }), "forbidden:correction");
    expect(await rows(id)).toMatchObject([{ status: "draft" }]);
    expect(await (await getDb()).select().from(webhookDeliveries)).toEqual([]);
  });

  it("a draft that gained a change since the editor looked is refused, with no delivery; a missing note or kind is refused", async () => {
    await wh.createWebhookEndpoint({ actor: admin, input: { url: "https://hooks.example.com/c", events: ["correction.published"] } });
    const { id, draft } = await withDraft();
    await reviseText(id);
    await expectAppError(publishCorrection({ actor: editor, input: { correctionId: draft.id, changeCount: 1, kind: "clarification", note: "Clearer." } }), "conflict:correction");
    await expectAppError(publishCorrection({ actor: editor, input: { correctionId: draft.id, changeCount: 2, kind: "clarification", note: "   " } }), "bad_request:correction");
    await expectAppError(publishCorrection({ actor: editor, input: { correctionId: draft.id, changeCount: 2, kind: "erratum", note: "Clearer." } }), "bad_request:correction");
    expect(await (await getDb()).select().from(webhookDeliveries)).toEqual([]);
    const ok = await publishCorrection({ actor: admin, input: { correctionId: draft.id, changeCount: 2, kind: "clarification", note: "Clearer." } });
    expect(ok.kind).toBe("clarification");
    expect(await (await getDb()).select().from(webhookDeliveries)).toHaveLength(1);
  });

  it("is refused while the article is unpublished", async () => {
    const { id, draft } = await withDraft();
    await unpublishArticle({ actor: editor, input: { articleId: id } });
    await expectAppError(publishCorrection({ actor: editor, input: { correctionId: draft.id, changeCount: 1, kind: "correction", note: "x" } }), "bad_request:correction");
  });

  it("an editor discards a draft: it is gone, its changes kept in the audit row", async () => {
    const { id, draft } = await withDraft();
    await discardCorrection({ actor: editor, input: { correctionId: draft.id, changeCount: 1 } });
    expect(await rows(id)).toEqual([]);
    const db = await getDb();
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.type, "correction_discarded")));
    expect((audit!.data as { changes: unknown[] }).changes).toHaveLength(1);
    await expectAppError(discardCorrection({ actor: editor, input: { correctionId: draft.id, changeCount: 1 } }), "not_found:correction");
  });
});

describe("Claimdesk JSON round trip", () => {
  it("keeps the log: entries marked imported, nobody named as publisher, claim ids mapped to the new claims", async () => {
    const id = await article();
    const a = await approved(id, A);
    await approved(id, B);
    await publishArticle({ actor: editor, input: { articleId: id } });
    await changeVerdict(a, "misleading");
    const first = await publishCorrection({ actor: editor, input: { correctionId: (await draftOf(id))!.id, changeCount: 1, kind: "correction", note: "It is Misleading, not False." } });
    await reviseText(id);
    const second = await publishCorrection({ actor: editor, input: { correctionId: (await draftOf(id))!.id, changeCount: 1, kind: "clarification", note: "A tunnel, not a bridge." } });

    const file = JSON.parse(renderJson(await loadExportBundle({ articleId: id, scope: "all", origin: "https://desk.example.org" }))) as ClaimdeskJson;
    expect(file.corrections.map((c) => c.note)).toEqual(["A tunnel, not a bridge.", "It is Misleading, not False."]);
    // Someone edits the file to name a publisher: it is provenance, never authority.
    file.corrections[0]!.publishedByName = "The Editor-in-Chief";

    const { id: copy } = await importClaimdeskJson({ actor: reviewer, input: { text: JSON.stringify(file) } });
    const imported = await listPublishedCorrections({ articleId: copy });
    expect(imported.map((c) => ({ kind: c.kind, note: c.note, publishedAt: c.publishedAt, imported: c.imported, publishedByName: c.publishedByName }))).toEqual([
      { kind: "clarification", note: "A tunnel, not a bridge.", publishedAt: second.publishedAt, imported: true, publishedByName: null },
      { kind: "correction", note: "It is Misleading, not False.", publishedAt: first.publishedAt, imported: true, publishedByName: null },
    ]);
    const db = await getDb();
    expect((await db.select().from(corrections).where(eq(corrections.articleId, copy))).every((r) => r.publishedBy === null && r.status === "published")).toBe(true);
    const newA = (await listClaimsForArticle({ articleId: copy })).find((c) => c.selectors.quote.exact.startsWith("unemployment"))!;
    expect(imported[1]!.changes).toEqual([{ type: "claim", at: expect.any(String), claimId: newA.id, quote: A, verdict: { before: "false", after: "misleading" } }]);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, copy), eq(auditEvents.type, "imported")));
    expect((audit!.data as { fileSaid: { correctionPublishedByNames: string[] } }).fileSaid.correctionPublishedByNames).toContain("The Editor-in-Chief");

    // And out again: the copy's export carries the same log.
    const again = JSON.parse(renderJson(await loadExportBundle({ articleId: copy, scope: "all", origin: "https://desk.example.org" }))) as ClaimdeskJson;
    expect(again.corrections.map((c) => [c.kind, c.note, c.imported])).toEqual([
      ["clarification", "A tunnel, not a bridge.", true],
      ["correction", "It is Misleading, not False.", true],
    ]);
  });

  it("a file with a malformed log is refused whole, and nothing is stored", async () => {
    const id = await article();
    const file = JSON.parse(renderJson(await loadExportBundle({ articleId: id, scope: "all", origin: "https://desk.example.org" }))) as Omit<ClaimdeskJson, "corrections"> & { corrections: unknown[] };
    file.corrections = [{ kind: "retraction", note: "x", publishedAt: "2026-01-01T00:00:00.000Z", changes: [] }];
    const db = await getDb();
    const before = (await db.select().from(articles)).length;
    await expectAppError(importClaimdeskJson({ actor: reviewer, input: { text: JSON.stringify(file) } }), "bad_request:import");
    expect((await db.select().from(articles)).length).toBe(before);
  });
});

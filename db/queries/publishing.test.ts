import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle, getArticle } from "@/db/queries/articles";
import { createClaim, saveClaim } from "@/db/queries/claims";
import { getPublishedBundle, publishArticle, unpublishArticle } from "@/db/queries/publishing";
import { approveClaim, submitForApproval } from "@/db/queries/workflow";
import { auditEvents } from "@/db/schema";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("publishing");
afterAll(desk.close);
const { reviewer, editor, admin } = desk;
const ORIGIN = "https://desk.example.org";

const BODY = "The minister said unemployment fell by half. Critics said it rose.";

async function newArticle() {
  const { id } = await createArticle({ actor: reviewer, input: { title: "Jobs figures", format: "text", body: BODY } });
  return id;
}

async function audit(articleId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "article"), eq(auditEvents.entityId, articleId)))
    .orderBy(auditEvents.id);
}

describe("publishing", () => {
  it("publishes with scope approved by default, recording who, when and an audit row", async () => {
    const articleId = await newArticle();
    const state = await publishArticle({ actor: editor, input: { articleId } });
    expect(state.publishedScope).toBe("approved");
    const article = await getArticle({ articleId });
    expect(article.publishedAt).toBe(state.publishedAt);
    expect(article.publishedBy).toBe(editor.id);
    expect(article.publishedScope).toBe("approved");
    const events = await audit(articleId);
    expect(events.map((e) => [e.type, e.actorId])).toEqual([["published", editor.id]]);
    expect(events[0]!.data).toMatchObject({ scope: "approved", previous: null });
  });

  it("lets an admin republish with all claims, and records the previous publication", async () => {
    const articleId = await newArticle();
    const first = await publishArticle({ actor: editor, input: { articleId } });
    await publishArticle({ actor: admin, input: { articleId, scope: "all" } });
    expect((await getArticle({ articleId })).publishedScope).toBe("all");
    const events = await audit(articleId);
    expect(events.at(-1)!.data).toMatchObject({ scope: "all", previous: { publishedAt: first.publishedAt, scope: "approved" } });
  });

  it("refuses reviewers, whatever they send, and changes nothing", async () => {
    const articleId = await newArticle();
    await expectAppError(publishArticle({ actor: reviewer, input: { articleId } }), "forbidden:publish");
    expect((await getArticle({ articleId })).publishedAt).toBeNull();
    await publishArticle({ actor: editor, input: { articleId } });
    await expectAppError(unpublishArticle({ actor: reviewer, input: { articleId } }), "forbidden:publish");
    expect((await getArticle({ articleId })).publishedAt).not.toBeNull();
    expect((await audit(articleId)).map((e) => e.type)).toEqual(["published"]);
  });

  it("validates its input: unknown article, bad id, bad scope", async () => {
    await expectAppError(publishArticle({ actor: editor, input: { articleId: crypto.randomUUID() } }), "not_found:article");
    await expectAppError(publishArticle({ actor: editor, input: { articleId: "../etc" } }), "bad_request:publish");
    await expectAppError(publishArticle({ actor: editor, input: { articleId: await newArticle(), scope: "everything" } }), "bad_request:publish");
  });

  it("unpublishes once: a second unpublish records nothing", async () => {
    const articleId = await newArticle();
    await publishArticle({ actor: editor, input: { articleId } });
    expect((await unpublishArticle({ actor: editor, input: { articleId } })).publishedAt).toBeNull();
    await unpublishArticle({ actor: editor, input: { articleId } });
    const article = await getArticle({ articleId });
    expect([article.publishedAt, article.publishedBy, article.publishedScope]).toEqual([null, null, null]);
    expect((await audit(articleId)).map((e) => e.type)).toEqual(["published", "unpublished"]);
  });
});

describe("the public page's data", () => {
  it("is not found until published and after unpublishing, and for unknown or malformed ids", async () => {
    const articleId = await newArticle();
    await expectAppError(getPublishedBundle({ articleId, origin: ORIGIN }), "not_found:publish");
    await expectAppError(getPublishedBundle({ articleId: crypto.randomUUID(), origin: ORIGIN }), "not_found:publish");
    await expectAppError(getPublishedBundle({ articleId: "not-an-id", origin: ORIGIN }), "not_found:publish");
    await publishArticle({ actor: editor, input: { articleId } });
    expect((await getPublishedBundle({ articleId, origin: ORIGIN })).article.id).toBe(articleId);
    await unpublishArticle({ actor: editor, input: { articleId } });
    await expectAppError(getPublishedBundle({ articleId, origin: ORIGIN }), "not_found:publish");
  });

  it("shows approved claims only unless the editor published all claims", async () => {
    const articleId = await newArticle();
    const { plainText } = await getArticle({ articleId });
    const mark = async (quote: string) => {
      const start = plainText.indexOf(quote);
      return createClaim({ actor: reviewer, input: { articleId, start, end: start + quote.length, exact: quote } });
    };
    const approved = await mark("unemployment fell by half");
    const pending = await mark("it rose");
    const base = { claimant: "", rationale: "", sources: [] };
    const saved = await saveClaim({
      actor: reviewer,
      input: { claimId: approved.id, baseVersion: 1, fields: { ...base, claimAsChecked: approved.claimAsChecked, verdict: "false" } },
    });
    if (saved.status !== "saved") throw new Error("setup: save failed");
    const proposed = await submitForApproval({ actor: reviewer, input: { claimId: approved.id, version: saved.claim.version } });
    if (proposed.status !== "done") throw new Error("setup: submit failed");
    expect((await approveClaim({ actor: editor, input: { claimId: approved.id, version: proposed.claim.version } })).status).toBe("done");
    await saveClaim({
      actor: reviewer,
      input: { claimId: pending.id, baseVersion: 1, fields: { ...base, claimAsChecked: pending.claimAsChecked, verdict: "true" } },
    });

    await publishArticle({ actor: editor, input: { articleId } });
    let bundle = await getPublishedBundle({ articleId, origin: ORIGIN });
    expect(bundle.scope).toBe("approved");
    expect(bundle.claims.map((c) => c.id)).toEqual([approved.id]);
    expect(bundle.publishedUrl).toBe(`${ORIGIN}/published/${articleId}`);

    await publishArticle({ actor: editor, input: { articleId, scope: "all" } });
    bundle = await getPublishedBundle({ articleId, origin: ORIGIN });
    expect(bundle.scope).toBe("all");
    expect(bundle.claims.map((c) => c.id).sort()).toEqual([approved.id, pending.id].sort());
  });
});

import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { importClaimdeskJson } from "@/db/queries/article-transfer";
import { createArticle, getArticle, setArticleLanguage } from "@/db/queries/articles";
import { loadExportBundle } from "@/db/queries/export";
import { auditEvents } from "@/db/schema";
import { renderJson } from "@/lib/export/json";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("article-language");
afterAll(desk.close);
const { reviewer, editor, admin } = desk;

const ARABIC = [
  "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة بحضور ممثلين عن الطرفين.",
  "",
  "The ministry said 40 people were hurt.",
  "",
  "وأكد المتحدث أن الهدنة صامدة منذ ثلاثة أيام، وأن المساعدات تصل إلى المدينة.",
].join("\n");

describe("the article's language", () => {
  it("is detected from the text at import", async () => {
    const ar = await createArticle({ actor: reviewer, input: { title: "محادثات", format: "text", body: ARABIC } });
    expect((await getArticle({ articleId: ar.id })).language).toBe("ar");
    const en = await createArticle({ actor: reviewer, input: { title: "Talks", format: "markdown", body: "The minister said on Tuesday that the talks would resume next week in Cairo." } });
    expect((await getArticle({ articleId: en.id })).language).toBe("en");
  });

  it("is changed by editors and admins, recorded, and carried into the exports", async () => {
    const { id } = await createArticle({ actor: reviewer, input: { title: "Talks", format: "text", body: ARABIC } });
    await expect(setArticleLanguage({ actor: editor, input: { articleId: id, language: "FA" } })).resolves.toEqual({ articleId: id, language: "fa" });
    await expect(setArticleLanguage({ actor: admin, input: { articleId: id, language: "ar" } })).resolves.toEqual({ articleId: id, language: "ar" });
    const db = await getDb();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audit.map((a) => [a.type, a.data])).toEqual([
      ["language_changed", { from: "ar", to: "fa" }],
      ["language_changed", { from: "fa", to: "ar" }],
    ]);
    const bundle = await loadExportBundle({ articleId: id, scope: "all", origin: "http://localhost:3000" });
    expect(JSON.parse(renderJson(bundle)).article.language).toBe("ar");
  });

  it("refuses reviewers, unknown articles and what is not a language tag, and changes nothing", async () => {
    const { id } = await createArticle({ actor: reviewer, input: { title: "Talks", format: "text", body: ARABIC } });
    await expectAppError(setArticleLanguage({ actor: reviewer, input: { articleId: id, language: "en" } }), "forbidden:auth");
    await expectAppError(setArticleLanguage({ actor: editor, input: { articleId: crypto.randomUUID(), language: "en" } }), "not_found:article");
    const error = await expectAppError(setArticleLanguage({ actor: editor, input: { articleId: id, language: "Arabic!" } }), "bad_request:article");
    expect(error.message).toMatch(/language tag/);
    await expectAppError(setArticleLanguage({ actor: editor, input: { articleId: id, language: 7 } }), "bad_request:article");
    expect((await getArticle({ articleId: id })).language).toBe("ar");
  });

  it("survives a Claimdesk JSON export and re-import; a file without one is detected", async () => {
    const { id } = await createArticle({ actor: reviewer, input: { title: "Talks", format: "text", body: ARABIC } });
    await setArticleLanguage({ actor: editor, input: { articleId: id, language: "ar-EG" } });
    const file = renderJson(await loadExportBundle({ articleId: id, scope: "all", origin: "http://localhost:3000" }));
    const copy = await importClaimdeskJson({ actor: reviewer, input: { text: file } });
    expect((await getArticle({ articleId: copy.id })).language).toBe("ar-EG");
    const parsed = JSON.parse(file);
    delete parsed.article.language;
    const detected = await importClaimdeskJson({ actor: reviewer, input: { text: JSON.stringify(parsed) } });
    expect((await getArticle({ articleId: detected.id })).language).toBe("ar");
  });
});

import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articles, articleStats, auditEvents } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { decodeUpload, detectFormat, ImportError, MAX_ARTICLE_BYTES } from "@/lib/import/format";
import { importDocument } from "@/lib/import/pool";
import type { DocumentResult } from "@/lib/import/tasks";
import { importArticleSchema } from "@/lib/import/article-input";
import { languageTagSchema } from "@/lib/language";
import { detectLanguage } from "@/lib/language-detect";
import { isEditorRole } from "@/lib/workflow";
import { parseInput } from "@/lib/validation";
import type { ClaimStatus } from "@/lib/verdicts";
import { listClaimsForArticle } from "./claims";
import { guardedWrite, insertWhen } from "./guarded-write";

export { importArticleSchema } from "@/lib/import/article-input";
export type ImportArticleInput = z.input<typeof importArticleSchema>;

export type ArticleSummary = {
  id: string;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  createdAt: string;
  claimCounts: Record<ClaimStatus, number> & { total: number };
};

/** An importer refusal as the error the user sees. */
export function importAppError(error: ImportError): AppError {
  const code = error.code === "too_large" ? "too_large:import" : error.code === "busy" ? "unavailable:import" : "bad_request:import";
  return new AppError(code, error.message);
}

export function hashText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Every signed-in role may read and import articles in this slice. */
export async function createArticle({
  actor,
  input,
  file,
}: {
  actor: SessionUser | null;
  input: unknown;
  /** An uploaded file replaces the pasted body; its extension decides the format. */
  file?: { name: string; bytes: Uint8Array };
}): Promise<{ id: string }> {
  let converted: DocumentResult;
  let data: z.output<typeof importArticleSchema>;
  try {
    if (file) {
      if (file.bytes.byteLength > MAX_ARTICLE_BYTES) {
        throw new ImportError("too_large", "The file is larger than 2 MB. Split the article or remove embedded material.");
      }
      const format = detectFormat(file.name);
      if (!format) throw new ImportError("unreadable", "Upload a .txt, .md or .html file.");
      input = { ...(input as object), format, body: decodeUpload(file.bytes) };
    }
    data = parseInput(importArticleSchema, input, "import");
    // Parsed and sanitised in the import worker, within its time and memory limits.
    converted = await importDocument({ format: data.format, body: data.body });
  } catch (error) {
    if (error instanceof ImportError) {
      if (!file && error.code === "empty") {
        // The importer's wording is about files; nothing was uploaded here.
        const message = "There is no article text to import. Paste the article into “Article body”, or choose a file to upload.";
        throw new AppError("bad_request:import", message, { body: message });
      }
      throw importAppError(error);
    }
    throw error;
  }
  const id = randomUUID();
  const db = await getDb();
  await db.insert(articles).values({
    id,
    title: data.title,
    sourceUrl: data.sourceUrl,
    publisher: data.publisher,
    author: data.author,
    publishedOn: data.publishedOn,
    // From the text (franc looks at its first 2,048 characters: well under a millisecond).
    language: detectLanguage(converted.plainText),
    // The worker's JSON text as is (see DocumentResult): no tree to rebuild and stringify on this thread.
    content: sql`${converted.docJson}`,
    plainText: converted.plainText,
    textHash: hashText(converted.plainText),
    importedBy: actor?.id ?? null,
  });
  return { id };
}

export const ARTICLES_PAGE_SIZE = 50;

export type ArticlePage = { items: ArticleSummary[]; page: number; pageCount: number; total: number; pageSize: number };

const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/**
 * The article list, newest first, one page at a time. Counts come from
 * article_stats (kept by triggers in the same transaction as every claim
 * write), so a view reads one row per article shown instead of grouping every
 * claim of the desk. A page past the end shows the last one.
 */
export async function listArticles({ page: requested, pageSize = ARTICLES_PAGE_SIZE }: { page?: unknown; pageSize?: number } = {}): Promise<ArticlePage> {
  const db = await getDb();
  const total = await countArticles();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pageSchema.parse(requested ?? 1), pageCount);
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      publisher: articles.publisher,
      publishedOn: articles.publishedOn,
      createdAt: articles.createdAt,
      total: articleStats.total,
      open: articleStats.open,
      inReview: articleStats.inReview,
      proposed: articleStats.verdictProposed,
      approved: articleStats.approved,
    })
    .from(articles)
    .leftJoin(articleStats, eq(articleStats.articleId, articles.id))
    .orderBy(desc(articles.createdAt), desc(articles.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    publisher: r.publisher,
    publishedOn: r.publishedOn,
    createdAt: r.createdAt,
    claimCounts: {
      total: r.total ?? 0,
      open: r.open ?? 0,
      in_review: r.inReview ?? 0,
      verdict_proposed: r.proposed ?? 0,
      approved: r.approved ?? 0,
    },
  }));
  return { items, page, pageCount, total, pageSize };
}

export async function getArticle({ articleId }: { articleId: string }) {
  if (!z.uuid().safeParse(articleId).success) throw new AppError("not_found:article");
  const db = await getDb();
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId) });
  if (!article) throw new AppError("not_found:article");
  return article;
}

/** Everything the article page needs, in two queries. */
export async function getArticleWorkspace({ articleId }: { articleId: string }) {
  const article = await getArticle({ articleId });
  const claimList = await listClaimsForArticle({ articleId });
  return { article, claims: claimList };
}

export async function countArticles(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(articles);
  return row?.n ?? 0;
}

const setLanguageSchema = z.object({ articleId: z.uuid({ message: "Not a valid article id." }), language: languageTagSchema });

/**
 * Editors and admins correct the article's language (the detector guessed, or
 * could not tell). Recorded in audit_events with { from, to }; guarded by the
 * language the change was decided on, so two editors cannot both "win" silently.
 */
export async function setArticleLanguage({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ articleId: string; language: string }> {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:auth", "Only an editor can change the article's language.");
  const { articleId, language } = parseInput(setLanguageSchema, input, "article");
  const db = await getDb();
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { id: true, language: true } });
  if (!article) throw new AppError("not_found:article");
  if (article.language === language) return { articleId, language };
  await guardedWrite(db, [
    {
      key: articleId,
      guard: sql`EXISTS (SELECT 1 FROM articles WHERE id = ${articleId} AND language = ${article.language})`,
      statements: (ok) => [
        insertWhen(db, auditEvents, { entityType: "article", entityId: articleId, actorId: actor.id, type: "language_changed", data: { from: article.language, to: language } }, ok),
        db.update(articles).set({ language, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` }).where(and(eq(articles.id, articleId), ok)),
      ],
    },
  ]);
  const [now] = await db.select({ language: articles.language }).from(articles).where(eq(articles.id, articleId));
  return { articleId, language: now?.language ?? article.language };
}

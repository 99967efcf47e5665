import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articles, auditEvents } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import type { ExportBundle, ExportScope } from "@/lib/export/bundle";
import { parseInput } from "@/lib/validation";
import type { Role } from "@/lib/verdicts";
import { getArticle } from "./articles";
import { loadExportBundle } from "./export";
import { guardedWrite, insertWhen } from "./guarded-write";
import { articlePublishedMessage, articleUnpublishedMessage, webhookEventStatement } from "./webhooks";

/** Who may publish and unpublish: checked here, whatever called us. */
export const PUBLISHER_ROLES = ["editor", "admin"] as const satisfies readonly Role[];

const publishSchema = z.object({
  articleId: z.uuid({ message: "Not a valid article id." }),
  /** Which claims the public page shows. Approved only unless the editor chooses otherwise. */
  scope: z.enum(["approved", "all"], { message: "Choose “Approved claims only” or “All claims”." }).default("approved"),
});

const unpublishSchema = z.object({ articleId: z.uuid({ message: "Not a valid article id." }) });

export type PublicationState = { publishedAt: string | null; publishedScope: ExportScope | null };

function assertPublisher(actor: SessionUser) {
  if (!(PUBLISHER_ROLES as readonly Role[]).includes(actor.role)) throw new AppError("forbidden:publish");
}

async function existingArticle(articleId: string) {
  try {
    return await getArticle({ articleId });
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") throw new AppError("not_found:article");
    throw error;
  }
}

/**
 * Publishes the article's fact-check at /published/{id}, or, when it is already
 * published, republishes it (e.g. with another scope). The article row, its
 * `published` audit row and the `article.published` webhook deliveries are
 * written in one batch.
 */
export async function publishArticle({ actor, input }: { actor: SessionUser; input: unknown }): Promise<PublicationState> {
  assertPublisher(actor);
  const { articleId, scope } = parseInput(publishSchema, input, "publish");
  const article = await existingArticle(articleId);
  const publishedAt = new Date().toISOString();
  const data = { scope, previous: article.publishedAt ? { publishedAt: article.publishedAt, scope: article.publishedScope } : null };
  const db = await getDb();
  await db.batch([
    db
      .update(articles)
      .set({ publishedAt, publishedBy: actor.id, publishedScope: scope, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
      .where(eq(articles.id, articleId)),
    db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data)
      VALUES ('article', ${articleId}, ${actor.id}, 'published', ${JSON.stringify(data)})`),
    webhookEventStatement(db, articlePublishedMessage(article, actor, publishedAt, scope), sql`EXISTS (SELECT 1 FROM articles WHERE id = ${articleId})`),
  ]);
  return { publishedAt, publishedScope: scope };
}

/**
 * Takes the public page down. Unpublishing an article that is not published
 * changes nothing and records nothing: a guarded write ("it is still
 * published") with its audit row.
 */
export async function unpublishArticle({ actor, input }: { actor: SessionUser; input: unknown }): Promise<PublicationState> {
  assertPublisher(actor);
  const { articleId } = parseInput(unpublishSchema, input, "publish");
  const article = await existingArticle(articleId);
  if (!article.publishedAt) return { publishedAt: null, publishedScope: null };
  const db = await getDb();
  const data = { publishedAt: article.publishedAt, scope: article.publishedScope };
  await guardedWrite(db, [
    {
      key: articleId,
      guard: sql`EXISTS (SELECT 1 FROM articles WHERE id = ${articleId} AND published_at IS NOT NULL)`,
      statements: (ok) => [
        insertWhen(db, auditEvents, { entityType: "article", entityId: articleId, actorId: actor.id, type: "unpublished", data }, ok),
        db
          .update(articles)
          .set({ publishedAt: null, publishedBy: null, publishedScope: null, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
          .where(and(eq(articles.id, articleId), ok)),
        webhookEventStatement(db, articleUnpublishedMessage(article, actor, new Date().toISOString()), ok),
      ],
    },
  ]);
  return { publishedAt: null, publishedScope: null };
}

/**
 * What the public page shows: the published article with the claims of the
 * scope the editor published (approved only by default). Anything that is not
 * published, or does not exist, is `not_found:publish` alike, so the public
 * cannot probe for unpublished article ids.
 */
export async function getPublishedBundle({ articleId, origin }: { articleId: string; origin: string }): Promise<ExportBundle> {
  if (!z.uuid().safeParse(articleId).success) throw new AppError("not_found:publish");
  const db = await getDb();
  const row = await db.query.articles.findFirst({
    where: eq(articles.id, articleId),
    columns: { id: true, publishedAt: true, publishedScope: true },
  });
  if (!row?.publishedAt) throw new AppError("not_found:publish");
  return loadExportBundle({ articleId, scope: row.publishedScope ?? "approved", origin });
}

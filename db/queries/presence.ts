import "server-only";
import { and, asc, eq, gt, lte, ne, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articles, textEditPresence, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { isEditorRole } from "@/lib/workflow";
import { PRESENCE_TTL_SECONDS, type TextEditor } from "@/lib/presence";

/**
 * Who is editing an article's text, kept in the database so that every app
 * instance sees the same answer. A tab that pressed Edit text registers a row
 * and renews it with a heartbeat; Save text, Cancel editing and leaving the
 * page delete it, and a row whose heartbeat stopped (a crash, a closed lid)
 * is ignored once it expires. Presence only informs: it never blocks an edit
 * (the revision conflict of saveTextRevision protects the text) nor claim work.
 *
 * Expiry is computed by the database's clock in SQL, not by each instance's,
 * so instances whose clocks differ still agree on who is there.
 */

const NOW = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const EXPIRES = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${PRESENCE_TTL_SECONDS} seconds`})`;

const sessionSchema = z.object({
  articleId: z.uuid({ message: "Not a valid article id." }),
  /** A random id the tab made when Edit text was pressed. */
  sessionId: z.uuid({ message: "Not a valid editing session." }),
});

const articleSchema = z.object({ articleId: z.uuid({ message: "Not a valid article id." }) });

/**
 * Everyone else editing the article's text now (one entry per person, since
 * their earliest tab), oldest first. One indexed read: the poll of every open
 * article page calls it.
 */
export async function listTextEditors({ actor, input }: { actor: SessionUser; input: unknown }): Promise<TextEditor[]> {
  const { articleId } = parseInput(articleSchema, input, "article");
  const db = await getDb();
  const rows = await db
    .select({ userId: textEditPresence.userId, name: users.name, since: sql<string>`min(${textEditPresence.startedAt})` })
    .from(textEditPresence)
    .innerJoin(users, eq(users.id, textEditPresence.userId))
    .where(and(eq(textEditPresence.articleId, articleId), gt(textEditPresence.expiresAt, NOW), ne(textEditPresence.userId, actor.id)))
    .groupBy(textEditPresence.userId, users.name)
    .orderBy(asc(sql`min(${textEditPresence.startedAt})`));
  return rows;
}

/**
 * Edit text was pressed (or its heartbeat came): registers or renews this
 * tab's presence and answers who else is editing, so the editor is told
 * before typing. Editors and admins only, as editing is. A heartbeat keeps
 * the time editing began; a renewal after expiry starts afresh.
 */
export async function touchTextEditing({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ others: TextEditor[]; expiresInSeconds: number }> {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:article", "Only an editor or admin can edit the article text.");
  const { articleId, sessionId } = parseInput(sessionSchema, input, "article");
  const db = await getDb();
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { id: true } });
  if (!article) throw new AppError("not_found:article");
  await db.batch([
    // Rows nobody renewed are dead weight for the poll's read: gone on the next start.
    db.delete(textEditPresence).where(and(eq(textEditPresence.articleId, articleId), lte(textEditPresence.expiresAt, NOW))),
    db
      .insert(textEditPresence)
      .values({ sessionId, articleId, userId: actor.id, startedAt: NOW, expiresAt: EXPIRES })
      .onConflictDoUpdate({
        target: textEditPresence.sessionId,
        set: { expiresAt: EXPIRES, startedAt: sql`CASE WHEN ${textEditPresence.expiresAt} <= ${NOW} THEN ${NOW} ELSE ${textEditPresence.startedAt} END` },
        // A session id is the tab's own: someone else's (or another article's) is never taken over.
        setWhere: and(eq(textEditPresence.userId, actor.id), eq(textEditPresence.articleId, articleId)),
      }),
  ]);
  return { others: await listTextEditors({ actor, input: { articleId } }), expiresInSeconds: PRESENCE_TTL_SECONDS };
}

/** Save text, Cancel editing or leaving the page: this tab is no longer editing. Only the caller's own row goes. */
export async function stopTextEditing({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ stopped: boolean }> {
  const { articleId, sessionId } = parseInput(sessionSchema, input, "article");
  const db = await getDb();
  const deleted = await db
    .delete(textEditPresence)
    .where(and(eq(textEditPresence.sessionId, sessionId), eq(textEditPresence.articleId, articleId), eq(textEditPresence.userId, actor.id)))
    .returning({ sessionId: textEditPresence.sessionId });
  return { stopped: deleted.length > 0 };
}

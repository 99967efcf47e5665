import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { z } from "@/lib/zod";
import { getDb, type Db } from "@/db";
import { articles, auditEvents, corrections, users, type CorrectionRow } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { correctionKindSchema, correctionNoteSchema, MAX_CORRECTION_CHANGES, type CorrectionChange, type CorrectionKind } from "@/lib/corrections";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { Role } from "@/lib/verdicts";
import { guardedWrite, insertWhen } from "./guarded-write";
import { getVerdictScale } from "./verdict-scale";
import { correctionPublishedMessage, webhookEventStatement } from "./webhooks";

/**
 * The corrections log (lib/corrections.ts). Drafting is not an action of its
 * own: the writes that change a published fact-check (a text revision in
 * db/queries/revisions.ts, a verdict change of an approved claim in
 * db/queries/claims.ts) add `draftCorrectionStatements` to their own batch,
 * so a change and its log entry commit or roll back together. Publishing and
 * discarding a draft are editors' and admins' moves, each one guarded write
 * with its audit row (and, for publishing, the `correction.published`
 * webhook deliveries).
 */

/** Who may publish or discard a correction: the roles that publish articles. */
export const CORRECTION_ROLES = ["editor", "admin"] as const satisfies readonly Role[];

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * "This article has been published", now or at any time before: a change
 * after an unpublish is still a change to what readers saw, and is logged
 * for when the page comes back.
 */
function hasBeenPublished(articleId: string): SQL {
  return sql`(EXISTS (SELECT 1 FROM articles WHERE id = ${articleId} AND published_at IS NOT NULL)
    OR EXISTS (SELECT 1 FROM audit_events WHERE entity_type = 'article' AND entity_id = ${articleId} AND type = 'published'))`;
}

/**
 * The statements that record `change` in the article's open correction
 * draft, creating the draft on the first change, if the article has been
 * published and `when` holds. Put them in the batch of the change itself
 * (for a guarded write, with its `applied` condition). A draft that already
 * holds MAX_CORRECTION_CHANGES is full: later changes are counted in
 * `overflow` instead of listed.
 */
export function draftCorrectionStatements(db: Db, articleId: string, change: CorrectionChange, when: SQL): BatchItem<"sqlite">[] {
  const ready = sql`(${when}) AND ${hasBeenPublished(articleId)}`;
  const draft = sql`article_id = ${articleId} AND status = 'draft'`;
  return [
    db.run(sql`INSERT INTO corrections (id, article_id, status, changes) SELECT ${randomUUID()}, ${articleId}, 'draft', '[]'
      WHERE ${ready} AND NOT EXISTS (SELECT 1 FROM corrections WHERE ${draft})`),
    db.run(sql`UPDATE corrections SET
        changes = CASE WHEN json_array_length(changes) < ${MAX_CORRECTION_CHANGES} THEN json_insert(changes, '$[#]', json(${JSON.stringify(change)})) ELSE changes END,
        updated_at = ${NOW}
      WHERE ${draft} AND ${ready}`),
  ];
}

export type CorrectionDto = {
  id: string;
  articleId: string;
  kind: CorrectionKind | null;
  note: string;
  status: "draft" | "published";
  changes: CorrectionChange[];
  imported: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
};

function toDto(row: CorrectionRow, publishedByName: string | null): CorrectionDto {
  return {
    id: row.id,
    articleId: row.articleId,
    kind: row.kind,
    note: row.note,
    status: row.status,
    changes: Array.isArray(row.changes) ? (row.changes as CorrectionChange[]) : [],
    imported: row.imported,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    publishedByName,
  };
}

async function rowsOf(db: Db, where: SQL | undefined) {
  const rows = await db
    .select({ row: corrections, publishedByName: users.name })
    .from(corrections)
    .leftJoin(users, eq(users.id, corrections.publishedBy))
    .where(where)
    .orderBy(desc(corrections.publishedAt), desc(corrections.createdAt), asc(corrections.id));
  return rows.map((r) => toDto(r.row, r.publishedByName ?? null));
}

/** The article's published corrections, newest first (the public log). */
export async function listPublishedCorrections({ articleId }: { articleId: string }): Promise<CorrectionDto[]> {
  const db = await getDb();
  return rowsOf(db, and(eq(corrections.articleId, articleId), eq(corrections.status, "published")));
}

/** The open draft and the published log, for the desk's article page (editors and admins). */
export async function getCorrectionsPanel({ actor, articleId }: { actor: SessionUser; articleId: string }): Promise<{ draft: CorrectionDto | null; published: CorrectionDto[] }> {
  assertCorrectionRole(actor);
  const db = await getDb();
  const all = await rowsOf(db, eq(corrections.articleId, articleId));
  return { draft: all.find((c) => c.status === "draft") ?? null, published: all.filter((c) => c.status === "published") };
}

function assertCorrectionRole(actor: SessionUser) {
  if (!(CORRECTION_ROLES as readonly Role[]).includes(actor.role)) throw new AppError("forbidden:correction");
}

const correctionRef = {
  correctionId: z.uuid({ message: "Not a valid correction id." }),
  /** How many changes the editor saw in the draft: one added since is not published unseen. */
  changeCount: z.number({ message: "Say how many changes the draft had." }).int().positive(),
};
const publishSchema = z.object({ ...correctionRef, kind: correctionKindSchema, note: correctionNoteSchema });
const discardSchema = z.object(correctionRef);

const CHANGED_MEANWHILE = "This draft changed while you were looking at it (another change was added, or someone published or discarded it). Your note is kept; check the draft and try again.";

async function loadDraft(db: Db, correctionId: string, changeCount: number) {
  const row = await db.query.corrections.findFirst({ where: eq(corrections.id, correctionId) });
  if (!row) throw new AppError("not_found:correction");
  if (row.status !== "draft" || (Array.isArray(row.changes) ? row.changes.length : 0) !== changeCount) {
    throw new AppError("conflict:correction", CHANGED_MEANWHILE);
  }
  return row;
}

function draftAt(correctionId: string, changeCount: number): SQL {
  return sql`EXISTS (SELECT 1 FROM corrections WHERE id = ${correctionId} AND status = 'draft' AND json_array_length(changes) = ${changeCount})`;
}

/**
 * Publishes a correction draft with the editor's public note and kind: it
 * appears, dated, in the Corrections section of the public page and in the
 * exports. Editors and admins only; the article must be published. The
 * entry, its audit row and the `correction.published` deliveries are one
 * guarded write on the draft as the editor saw it.
 */
export async function publishCorrection({ actor, input }: { actor: SessionUser; input: unknown }): Promise<CorrectionDto> {
  assertCorrectionRole(actor);
  const { correctionId, changeCount, kind, note } = parseInput(publishSchema, input, "correction");
  const db = await getDb();
  const row = await loadDraft(db, correctionId, changeCount);
  const article = await db.query.articles.findFirst({ where: eq(articles.id, row.articleId), columns: { id: true, title: true, publishedAt: true } });
  if (!article) throw new AppError("not_found:article");
  if (!article.publishedAt) {
    throw new AppError("bad_request:correction", "This article is not published at the moment, so there is no page to correct. Publish it again, then publish the correction.");
  }
  const publishedAt = new Date().toISOString();
  const changes = row.changes as CorrectionChange[];
  const scale = await getVerdictScale();
  const message = correctionPublishedMessage(article, { id: correctionId, kind, note, publishedAt, changes }, actor, scale);
  const { applied } = await guardedWrite(db, [
    {
      key: correctionId,
      guard: sql`${draftAt(correctionId, changeCount)} AND EXISTS (SELECT 1 FROM articles WHERE id = ${row.articleId} AND published_at IS NOT NULL)`,
      statements: (ok) => [
        db
          .update(corrections)
          .set({ status: "published", kind, note, publishedAt, publishedBy: actor.id, updatedAt: NOW })
          .where(and(eq(corrections.id, correctionId), ok)),
        insertWhen(
          db,
          auditEvents,
          { entityType: "article", entityId: row.articleId, actorId: actor.id, type: "correction_published", data: { correctionId, kind, note, changes: changeCount } },
          ok,
        ),
        webhookEventStatement(db, message, ok),
      ],
    },
  ]);
  if (!applied.has(correctionId)) throw new AppError("conflict:correction", CHANGED_MEANWHILE);
  const [published] = await rowsOf(db, eq(corrections.id, correctionId));
  return published!;
}

/**
 * Discards a correction draft (the changes did not need a public
 * correction, e.g. a typo fixed before anyone read it). Editors and admins
 * only. The draft's changes are kept in the audit row; the next change
 * starts a new draft.
 */
export async function discardCorrection({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ discarded: string }> {
  assertCorrectionRole(actor);
  const { correctionId, changeCount } = parseInput(discardSchema, input, "correction");
  const db = await getDb();
  const row = await loadDraft(db, correctionId, changeCount);
  const { applied } = await guardedWrite(db, [
    {
      key: correctionId,
      guard: draftAt(correctionId, changeCount),
      statements: (ok) => [
        insertWhen(
          db,
          auditEvents,
          { entityType: "article", entityId: row.articleId, actorId: actor.id, type: "correction_discarded", data: { correctionId, changes: row.changes } },
          ok,
        ),
        db.delete(corrections).where(and(eq(corrections.id, correctionId), ok)),
      ],
    },
  ]);
  if (!applied.has(correctionId)) throw new AppError("conflict:correction", CHANGED_MEANWHILE);
  return { discarded: correctionId };
}

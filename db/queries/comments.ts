import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { claimComments, claimEvents, claims, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { addCommentSchema, deleteCommentSchema, editCommentSchema, listCommentsSchema, type CommentDto } from "@/lib/comments";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { guardedWrite, insertWhen } from "./guarded-write";

/**
 * The discussion of a claim. Comments post on their own, never through the
 * claim's autosave, and never bump the claim's version (a comment must not
 * turn a colleague's next save into a conflict). Each write is one guarded
 * write with its claim_events row: a claim deleted or a comment changed in
 * between makes it write nothing.
 */

type Actor = { actor: SessionUser; input: unknown };

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** The claim's current version: comment events record it, without changing it. */
const claimVersion = (claimId: string) => sql`(SELECT version FROM claims WHERE id = ${claimId})`;

/** "The claim is live and belongs to this article", as SQL. */
const liveClaim = (articleId: string, claimId: string) =>
  sql`EXISTS (SELECT 1 FROM claims WHERE id = ${claimId} AND article_id = ${articleId} AND deleted_at IS NULL)`;

async function assertLiveClaim(articleId: string, claimId: string): Promise<void> {
  const db = await getDb();
  const [row] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.id, claimId), eq(claims.articleId, articleId), isNull(claims.deletedAt)));
  if (!row) throw new AppError("not_found:claim");
}

function selectComments() {
  return {
    id: claimComments.id,
    claimId: claimComments.claimId,
    kind: claimComments.kind,
    authorId: claimComments.authorId,
    authorName: users.name,
    body: claimComments.body,
    createdAt: claimComments.createdAt,
    updatedAt: claimComments.updatedAt,
    deletedAt: claimComments.deletedAt,
  };
}

type CommentRow = {
  id: string;
  claimId: string;
  kind: "comment" | "return";
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

function toDto(row: CommentRow, actor: SessionUser): CommentDto {
  return {
    id: row.id,
    claimId: row.claimId,
    kind: row.kind,
    authorId: row.authorId,
    authorName: row.authorName ?? "Unknown user",
    // A deleted comment's text is not sent to the browser; the history keeps it.
    body: row.deletedAt ? null : row.body,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    edited: !row.deletedAt && row.updatedAt !== row.createdAt,
    deletedAt: row.deletedAt,
    mine: row.authorId !== null && row.authorId === actor.id,
  };
}

async function findComment(articleId: string, claimId: string, commentId: string): Promise<CommentRow | undefined> {
  const db = await getDb();
  const [row] = await db
    .select(selectComments())
    .from(claimComments)
    .innerJoin(claims, eq(claims.id, claimComments.claimId))
    .leftJoin(users, eq(users.id, claimComments.authorId))
    .where(
      and(
        eq(claimComments.id, commentId),
        eq(claimComments.claimId, claimId),
        eq(claims.articleId, articleId),
        eq(claimComments.articleId, articleId),
        isNull(claims.deletedAt),
      ),
    );
  return row;
}

/** The thread of a claim, oldest first; deleted comments stay in place as placeholders. */
export async function listComments({ actor, input }: Actor): Promise<CommentDto[]> {
  const { articleId, claimId } = parseInput(listCommentsSchema, input, "comment");
  await assertLiveClaim(articleId, claimId);
  const db = await getDb();
  const rows = await db
    .select(selectComments())
    .from(claimComments)
    .leftJoin(users, eq(users.id, claimComments.authorId))
    .where(and(eq(claimComments.claimId, claimId), eq(claimComments.articleId, articleId)))
    .orderBy(asc(claimComments.createdAt), asc(sql`${claimComments}.rowid`));
  return rows.map((r) => toDto(r, actor));
}

export async function addComment({ actor, input }: Actor): Promise<CommentDto> {
  const { articleId, claimId, body } = parseInput(addCommentSchema, input, "comment");
  await assertLiveClaim(articleId, claimId);
  const db = await getDb();
  const id = randomUUID();
  const { applied } = await guardedWrite(db, [
    {
      key: id,
      guard: liveClaim(articleId, claimId),
      statements: (ok) => [
        insertWhen(db, claimComments, { id, claimId, articleId, authorId: actor.id, kind: "comment", body }, ok),
        insertWhen(db, claimEvents, { claimId, articleId, actorId: actor.id, type: "comment_added", version: claimVersion(claimId), data: { commentId: id, body } }, ok),
      ],
    },
  ]);
  if (!applied.has(id)) throw new AppError("not_found:claim");
  const row = await findComment(articleId, claimId, id);
  if (!row) throw new AppError("not_found:claim");
  return toDto(row, actor);
}

/** Loads a comment the actor may change: their own, live, plain comment on a live claim of this article. */
async function ownComment(actor: SessionUser, articleId: string, claimId: string, commentId: string): Promise<CommentRow> {
  const row = await findComment(articleId, claimId, commentId);
  if (!row || row.deletedAt) throw new AppError("not_found:comment");
  if (row.authorId !== actor.id) throw new AppError("forbidden:comment");
  if (row.kind !== "comment") {
    throw new AppError("forbidden:comment", "A reason for returning a verdict is part of the record and cannot be changed. Post a comment instead.");
  }
  return row;
}

/** The comment is still exactly as the actor last read it, and its claim is live. */
const unchanged = (articleId: string, claimId: string, row: CommentRow, actor: SessionUser) =>
  sql`EXISTS (SELECT 1 FROM claim_comments WHERE id = ${row.id} AND author_id = ${actor.id} AND deleted_at IS NULL AND body = ${row.body}) AND ${liveClaim(articleId, claimId)}`;

/** Changes the actor's comment (and records it) only if it is still exactly as they last read it. */
async function changeComment(
  db: Db,
  articleId: string,
  claimId: string,
  row: CommentRow,
  actor: SessionUser,
  type: "comment_edited" | "comment_deleted",
  data: unknown,
  set: { body?: string; updatedAt?: SQL; deletedAt?: SQL },
): Promise<boolean> {
  const { applied } = await guardedWrite(db, [
    {
      key: row.id,
      guard: unchanged(articleId, claimId, row, actor),
      statements: (ok) => [
        insertWhen(db, claimEvents, { claimId, articleId, actorId: actor.id, type, version: claimVersion(claimId), data }, ok),
        db.update(claimComments).set(set).where(and(eq(claimComments.id, row.id), ok)),
      ],
    },
  ]);
  return applied.has(row.id);
}

export async function editComment({ actor, input }: Actor): Promise<CommentDto> {
  const { articleId, claimId, commentId, body } = parseInput(editCommentSchema, input, "comment");
  const row = await ownComment(actor, articleId, claimId, commentId);
  if (row.body === body) return toDto(row, actor);
  const db = await getDb();
  const applied = await changeComment(db, articleId, claimId, row, actor, "comment_edited", { commentId, before: row.body, after: body }, { body, updatedAt: NOW });
  if (!applied) throw new AppError("conflict:comment");
  const fresh = await findComment(articleId, claimId, commentId);
  if (!fresh) throw new AppError("not_found:comment");
  return toDto(fresh, actor);
}

/** Soft delete: the thread shows a placeholder; the text stays in claim_events. */
export async function deleteComment({ actor, input }: Actor): Promise<CommentDto> {
  const { articleId, claimId, commentId } = parseInput(deleteCommentSchema, input, "comment");
  const row = await ownComment(actor, articleId, claimId, commentId);
  const db = await getDb();
  const applied = await changeComment(db, articleId, claimId, row, actor, "comment_deleted", { commentId, body: row.body }, { deletedAt: NOW });
  if (!applied) throw new AppError("conflict:comment");
  const fresh = await findComment(articleId, claimId, commentId);
  if (!fresh) throw new AppError("not_found:comment");
  return toDto(fresh, actor);
}

import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import type { BatchItem } from "drizzle-orm/batch";
import { articles, articleStats, auditEvents, claimComments, claimEvents, claims, users, type AnchorStateKey, type Claim, type ClaimEventType } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import type { ClaimDto } from "@/lib/claims";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { ClaimStatus } from "@/lib/verdicts";
import {
  ACTION_TARGET,
  SELF_APPROVAL_REASON,
  assignArticleSchema,
  assignClaimSchema,
  bulkApproveSchema,
  bulkAssignSchema,
  bulkReturnSchema,
  checkTransition,
  isEditorRole,
  returnSchema,
  summarizeBulk,
  transitionSchema,
  type Assignable,
  type BulkOutcome,
  type WorkflowAction,
} from "@/lib/workflow";
import { getClaim, getClaims } from "./claims";
import { claimAt, guardedWrite, insertWhen, type GuardedTarget } from "./guarded-write";
import { claimApprovedMessages, webhookEventStatement } from "./webhooks";
import type { WebhookMessage } from "@/lib/webhooks/events";

/**
 * The claim workflow (see lib/workflow.ts for the rules). Each move is one
 * guarded write (db/queries/guarded-write.ts): the audit row (and for a
 * return, the comment with the reason) and the claim UPDATE, applied only if
 * the claim is still at the version and status the decision was made on. A
 * stale version changes nothing and is reported as a conflict with the
 * current claim. An approval also queues its `claim.approved` webhook in the
 * same guarded write, so the deliveries exist exactly when the approval does.
 */

export type TransitionResult = { status: "done"; claim: ClaimDto } | { status: "conflict"; current: ClaimDto };
export type BulkResult = { outcomes: BulkOutcome[]; summary: string; claims: ClaimDto[] };

type Db = Awaited<ReturnType<typeof getDb>>;
const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

function requireEditor(actor: SessionUser, what: string) {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:claim", `Only an editor can ${what}.`);
}

async function claimRows(db: Db, ids: readonly string[]): Promise<Map<string, Claim>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(claims)
    .where(and(inArray(claims.id, [...ids]), isNull(claims.deletedAt)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** One claim's move: guarded by the version and status it was decided on. */
type Plan = GuardedTarget;

function eventStatement(db: Db, row: Claim, actor: SessionUser, type: ClaimEventType, data: unknown, ok: SQL) {
  return insertWhen(db, claimEvents, { claimId: row.id, articleId: row.articleId, actorId: actor.id, type, version: row.version + 1, data }, ok);
}

function updateStatement(db: Db, row: Claim, actor: SessionUser, set: Partial<Record<keyof Claim, unknown>>, ok: SQL) {
  return db
    .update(claims)
    .set({ ...(set as object), version: row.version + 1, updatedBy: actor.id, updatedAt: NOW })
    .where(and(eq(claims.id, row.id), ok));
}

function planOf(row: Claim, statements: (ok: SQL) => BatchItem<"sqlite">[]): Plan {
  return { key: row.id, guard: claimAt({ id: row.id, version: row.version, status: row.status }), statements };
}

/** What an approval announces: its time (also the claim's approvedAt) and the claim.approved message. */
type Approval = { approvedAt: string; message?: WebhookMessage };

/** The statements of one status move of one claim. */
function planMove(db: Db, row: Claim, actor: SessionUser, action: WorkflowAction, reason?: string, approval?: Approval): Plan {
  const to: ClaimStatus = ACTION_TARGET[action];
  let set: Partial<Record<keyof Claim, unknown>> = { status: to };
  let data: { from: ClaimStatus; to: ClaimStatus; reason?: string; commentId?: string } = { from: row.status, to };
  if (action === "submit") {
    set = { ...set, proposedBy: actor.id, proposedAt: NOW, approvedBy: null, approvedAt: null };
    return planOf(row, (ok) => [eventStatement(db, row, actor, "submitted", data, ok), updateStatement(db, row, actor, set, ok)]);
  }
  if (action === "approve") {
    set = { ...set, approvedBy: actor.id, approvedAt: approval?.approvedAt ?? NOW };
    if (row.proposedBy === actor.id) data = { ...data, reason: SELF_APPROVAL_REASON };
    const message = approval?.message;
    return planOf(row, (ok) => [
      eventStatement(db, row, actor, "approved", data, ok),
      updateStatement(db, row, actor, set, ok),
      ...(message ? [webhookEventStatement(db, message, ok)] : []),
    ]);
  }
  // Returned: neither proposed nor approved any more. The reason is also a
  // comment in the claim's discussion, where the reviewer will answer it.
  const commentId = randomUUID();
  set = { ...set, proposedBy: null, proposedAt: null, approvedBy: null, approvedAt: null };
  return planOf(row, (ok) => [
    insertWhen(db, claimComments, { id: commentId, claimId: row.id, articleId: row.articleId, authorId: actor.id, kind: "return", body: reason ?? "" }, ok),
    eventStatement(db, row, actor, "returned", { ...data, reason, commentId }, ok),
    updateStatement(db, row, actor, set, ok),
  ]);
}

async function transition(actor: SessionUser, claimId: string, version: number, action: WorkflowAction, reason?: string): Promise<TransitionResult> {
  const db = await getDb();
  const row = (await claimRows(db, [claimId])).get(claimId);
  if (!row) throw new AppError("not_found:claim");
  if (row.version !== version) return { status: "conflict", current: await getClaim({ claimId }) };
  const refusal = checkTransition(action, actor, row);
  if (refusal) throw new AppError(`${refusal.type}:claim`, refusal.message);
  const approval = action === "approve" ? await approvalOf(db, [row], actor) : undefined;
  const updated = await runPlans(db, [planMove(db, row, actor, action, reason, approval?.get(row.id))]);
  const claim = await getClaim({ claimId });
  return updated.has(claimId) ? { status: "done", claim } : { status: "conflict", current: claim };
}

/** Approvals of `rows` by `actor` now, by claim id, with their webhook messages. */
async function approvalOf(db: Db, rows: Claim[], actor: SessionUser): Promise<Map<string, Approval>> {
  const approvedAt = new Date().toISOString();
  const messages = await claimApprovedMessages(db, rows, actor, approvedAt);
  return new Map(rows.map((r) => [r.id, { approvedAt, message: messages.get(r.id) }]));
}

export async function submitForApproval({ actor, input }: { actor: SessionUser; input: unknown }): Promise<TransitionResult> {
  const { claimId, version } = parseInput(transitionSchema, input, "claim");
  return transition(actor, claimId, version, "submit");
}

export async function approveClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<TransitionResult> {
  requireEditor(actor, "approve a verdict");
  const { claimId, version } = parseInput(transitionSchema, input, "claim");
  return transition(actor, claimId, version, "approve");
}

export async function returnClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<TransitionResult> {
  requireEditor(actor, "return a verdict");
  const { claimId, version, reason } = parseInput(returnSchema, input, "claim");
  return transition(actor, claimId, version, "return", reason);
}

// ---------------------------------------------------------------- assignment

/** Active reviewers and editors, the people work can be assigned to. */
export async function listAssignableUsers(): Promise<Assignable[]> {
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.disabled, false), inArray(users.role, ["reviewer", "editor"])))
    .orderBy(users.name);
}

export async function userName(userId: string): Promise<string | null> {
  const db = await getDb();
  const user = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { name: true } });
  return user?.name ?? null;
}

async function assertAssignable(db: Db, userId: string | null) {
  if (userId === null) return;
  const user = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { role: true, disabled: true } });
  if (!user || user.disabled || user.role === "admin") {
    throw new AppError("bad_request:claim", "Choose an active reviewer or editor.", { assigneeId: "Choose an active reviewer or editor." });
  }
}

function planAssign(db: Db, row: Claim, actor: SessionUser, to: string | null): Plan {
  return planOf(row, (ok) => [eventStatement(db, row, actor, "assigned", { from: row.assigneeId, to }, ok), updateStatement(db, row, actor, { assigneeId: to }, ok)]);
}

/** Runs the moves as one guarded write; returns the ids of the claims that moved. */
async function runPlans(db: Db, plans: Plan[]): Promise<Set<string>> {
  return (await guardedWrite(db, plans)).applied;
}

export async function assignClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<TransitionResult> {
  requireEditor(actor, "assign claims");
  const { claimId, version, assigneeId } = parseInput(assignClaimSchema, input, "claim");
  const db = await getDb();
  const row = (await claimRows(db, [claimId])).get(claimId);
  if (!row) throw new AppError("not_found:claim");
  if (row.version !== version) return { status: "conflict", current: await getClaim({ claimId }) };
  await assertAssignable(db, assigneeId);
  if (row.assigneeId !== assigneeId) await runPlans(db, [planAssign(db, row, actor, assigneeId)]);
  return { status: "done", claim: await getClaim({ claimId }) };
}

/** Assigns a whole article; recorded in audit_events with { from, to }. */
export async function assignArticle({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ articleId: string; assigneeId: string | null }> {
  requireEditor(actor, "assign articles");
  const { articleId, assigneeId } = parseInput(assignArticleSchema, input, "article");
  const db = await getDb();
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { id: true, assigneeId: true } });
  if (!article) throw new AppError("not_found:article");
  await assertAssignable(db, assigneeId);
  if (article.assigneeId === assigneeId) return { articleId, assigneeId };
  // Guarded by the assignee this decision was made on, so two editors cannot both "win" silently.
  const same: SQL = article.assigneeId === null ? sql`assignee_id IS NULL` : sql`assignee_id = ${article.assigneeId}`;
  await guardedWrite(db, [
    {
      key: articleId,
      guard: sql`EXISTS (SELECT 1 FROM articles WHERE id = ${articleId} AND ${same})`,
      statements: (ok) => [
        insertWhen(db, auditEvents, { entityType: "article", entityId: articleId, actorId: actor.id, type: "assigned", data: { from: article.assigneeId, to: assigneeId } }, ok),
        db.update(articles).set({ assigneeId, updatedAt: NOW }).where(and(eq(articles.id, articleId), ok)),
      ],
    },
  ]);
  const [now] = await db.select({ assigneeId: articles.assigneeId }).from(articles).where(eq(articles.id, articleId));
  return { articleId, assigneeId: now?.assigneeId ?? null };
}

// ---------------------------------------------------------------- bulk

/**
 * One batch for all selected claims: each claim's change is its own guarded
 * statements, so a claim someone changed meanwhile is skipped, not
 * overwritten, and the others still go through.
 */
async function bulk<C = undefined>(
  claimIds: string[],
  kind: "approve" | "return" | "assign",
  plan: (db: Db, row: Claim, context: C) => Plan | { skip: string },
  prepare?: (db: Db, rows: Claim[]) => Promise<C>,
): Promise<BulkResult> {
  const db = await getDb();
  const rows = await claimRows(db, claimIds);
  const context = (prepare ? await prepare(db, [...rows.values()]) : undefined) as C;
  const outcomes = new Map<string, BulkOutcome>();
  const plans: Plan[] = [];
  const planned: string[] = [];
  for (const id of claimIds) {
    const row = rows.get(id);
    if (!row) {
      outcomes.set(id, { claimId: id, done: false, reason: "not found" });
      continue;
    }
    const p = plan(db, row, context);
    if ("skip" in p) outcomes.set(id, { claimId: id, done: false, reason: p.skip });
    else {
      plans.push(p);
      planned.push(id);
    }
  }
  const updated = await runPlans(db, plans);
  for (const id of planned) outcomes.set(id, updated.has(id) ? { claimId: id, done: true } : { claimId: id, done: false, reason: "changed meanwhile" });
  const list = claimIds.map((id) => outcomes.get(id)!);
  return { outcomes: list, summary: summarizeBulk(kind, list), claims: await getClaims(claimIds) };
}

export async function bulkApprove({ actor, input }: { actor: SessionUser; input: unknown }): Promise<BulkResult> {
  requireEditor(actor, "approve verdicts");
  const { claimIds } = parseInput(bulkApproveSchema, input, "claim");
  return bulk<Map<string, Approval>>(
    claimIds,
    "approve",
    (db, row, approvals) => {
      const refusal = checkTransition("approve", actor, row);
      return refusal ? { skip: refusal.reason } : planMove(db, row, actor, "approve", undefined, approvals.get(row.id));
    },
    (db, rows) => approvalOf(db, rows, actor),
  );
}

export async function bulkReturn({ actor, input }: { actor: SessionUser; input: unknown }): Promise<BulkResult> {
  requireEditor(actor, "return verdicts");
  const { claimIds, reason } = parseInput(bulkReturnSchema, input, "claim");
  return bulk(claimIds, "return", (db, row) => {
    const refusal = checkTransition("return", actor, row);
    return refusal ? { skip: refusal.reason } : planMove(db, row, actor, "return", reason);
  });
}

export async function bulkAssign({ actor, input }: { actor: SessionUser; input: unknown }): Promise<BulkResult> {
  requireEditor(actor, "assign claims");
  const { claimIds, assigneeId } = parseInput(bulkAssignSchema, input, "claim");
  const db = await getDb();
  await assertAssignable(db, assigneeId);
  return bulk(claimIds, "assign", (d, row) => (row.assigneeId === assigneeId ? { skip: "already assigned" } : planAssign(d, row, actor, assigneeId)));
}

// ---------------------------------------------------------------- my queue

export type QueueClaim = {
  id: string;
  articleId: string;
  articleTitle: string;
  claimAsChecked: string;
  verdict: string | null;
  status: ClaimStatus;
  updatedAt: string;
};
export type QueueArticle = { id: string; title: string; activityAt: string; claims: number; approved: number };
/** A claim whose words changed or went away in a new revision, waiting for a person to look (Needs re-check). */
export type QueueRecheck = QueueClaim & { anchorState: Exclude<AnchorStateKey, "unchanged">; recheckQuote: string | null };

export const QUEUE_LIMIT = 200;

/**
 * What is assigned to the user, newest activity first: claims, whole
 * articles, and the re-checks that are theirs to do — claims assigned to
 * them, and claims nobody is assigned to in articles assigned to them.
 * Article counts come from article_stats (kept by triggers), not from
 * counting claims per view.
 */
export async function getMyQueue({ actor }: { actor: SessionUser }): Promise<{ claims: QueueClaim[]; articles: QueueArticle[]; rechecks: QueueRecheck[] }> {
  const db = await getDb();
  const claimColumns = {
    id: claims.id,
    articleId: claims.articleId,
    articleTitle: articles.title,
    claimAsChecked: claims.claimAsChecked,
    verdict: claims.verdict,
    status: claims.status,
    updatedAt: claims.updatedAt,
  };
  const claimList = await db
    .select(claimColumns)
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(eq(claims.assigneeId, actor.id), isNull(claims.deletedAt)))
    .orderBy(desc(claims.updatedAt))
    .limit(QUEUE_LIMIT);
  const recheckRows = await db
    .select({ ...claimColumns, anchorState: claims.anchorState, recheckQuote: claims.recheckQuote })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(
      and(
        ne(claims.anchorState, "unchanged"),
        isNull(claims.deletedAt),
        or(eq(claims.assigneeId, actor.id), and(isNull(claims.assigneeId), eq(articles.assigneeId, actor.id))),
      ),
    )
    .orderBy(desc(claims.updatedAt))
    .limit(QUEUE_LIMIT);
  const activityAt = sql<string>`max(${articles.updatedAt}, coalesce(${articleStats.lastActivityAt}, ''))`;
  const articleList = await db
    .select({
      id: articles.id,
      title: articles.title,
      activityAt,
      claims: sql<number>`coalesce(${articleStats.total}, 0)`,
      approved: sql<number>`coalesce(${articleStats.approved}, 0)`,
    })
    .from(articles)
    .leftJoin(articleStats, eq(articleStats.articleId, articles.id))
    .where(eq(articles.assigneeId, actor.id))
    .orderBy(desc(activityAt))
    .limit(QUEUE_LIMIT);
  const rechecks = recheckRows.flatMap((row) => (row.anchorState === "unchanged" ? [] : [{ ...row, anchorState: row.anchorState }]));
  return { claims: claimList, articles: articleList, rechecks };
}

import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "@/lib/zod";
import { getDb, type Db } from "@/db";
import { articles, claimEvents, claims, sources, users, type Claim, type Source } from "@/db/schema";
import { createTextModel, describe } from "@/lib/anchoring";
import type { SessionUser } from "@/lib/auth";
import {
  claimFieldsOf,
  createClaimSchema,
  diffClaimFields,
  saveClaimSchema,
  type ClaimDto,
  type ClaimFields,
  type SaveClaimResult,
} from "@/lib/claims";
import { clip, type CorrectionChange } from "@/lib/corrections";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { VerdictKey } from "@/lib/verdicts";
import {
  checkDelete,
  checkRestore,
  deleteClaimSchema,
  deletedClaimsSchema,
  isEditorRole,
  RESTORE_WITHDRAWS_APPROVAL_REASON,
  restoreClaimSchema,
  statusAfterEdit,
  statusAfterRestore,
  type DeletedClaimDto,
  type Refusal,
} from "@/lib/workflow";
import { claimAt, guardedWrite, insertWhen } from "./guarded-write";
import { mapRangeToCurrent } from "./revisions";

/** A claim selected on a revision that is no longer current, whose words the later edits changed. */
export const ARTICLE_CHANGED = "The article changed; reload the page and select the claim again.";
import { assertVerdictInScale } from "./verdict-scale";
import { draftCorrectionStatements } from "./corrections";

const creator = alias(users, "creator");
const updater = alias(users, "updater");
const assignee = alias(users, "assignee");
const proposer = alias(users, "proposer");
const approver = alias(users, "approver");
const deleter = alias(users, "deleter");
const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** The names shown with a claim, joined in the same query. */
const claimColumns = {
  claim: claims,
  createdByName: creator.name,
  updatedByName: updater.name,
  assigneeName: assignee.name,
  proposedByName: proposer.name,
  approvedByName: approver.name,
};
type ClaimNames = { createdByName: string | null; updatedByName: string | null; assigneeName: string | null; proposedByName: string | null; approvedByName: string | null };

// Not async: a Drizzle query is a thenable, so awaiting the builder would run it.
function selectClaims(db: Awaited<ReturnType<typeof getDb>>) {
  return db
    .select(claimColumns)
    .from(claims)
    .leftJoin(creator, eq(creator.id, claims.createdBy))
    .leftJoin(updater, eq(updater.id, claims.updatedBy))
    .leftJoin(assignee, eq(assignee.id, claims.assigneeId))
    .leftJoin(proposer, eq(proposer.id, claims.proposedBy))
    .leftJoin(approver, eq(approver.id, claims.approvedBy));
}
const articleClaimsSchema = z.object({ articleId: z.uuid({ message: "Not a valid article id." }) });

function toDto(claim: Claim, claimSources: Source[], names: ClaimNames): ClaimDto {
  return {
    id: claim.id,
    articleId: claim.articleId,
    selectors: {
      quote: { type: "TextQuoteSelector", exact: claim.quoteExact, prefix: claim.quotePrefix, suffix: claim.quoteSuffix },
      position: { type: "TextPositionSelector", start: claim.positionStart, end: claim.positionEnd },
    },
    claimAsChecked: claim.claimAsChecked,
    claimant: claim.claimant,
    verdict: claim.verdict as VerdictKey | null,
    rationale: claim.rationale,
    status: claim.status,
    version: claim.version,
    createdAt: claim.createdAt,
    createdByName: names.createdByName,
    updatedAt: claim.updatedAt,
    updatedByName: names.updatedByName,
    assigneeId: claim.assigneeId,
    assigneeName: names.assigneeName,
    proposedBy: claim.proposedBy,
    proposedByName: names.proposedByName,
    proposedAt: claim.proposedAt,
    approvedByName: claim.approvedBy ? names.approvedByName : null,
    approvedAt: claim.approvedAt,
    anchorState: claim.anchorState,
    recheckQuote: claim.recheckQuote,
    sources: claimSources
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ id: s.id, url: s.url, title: s.title, publisher: s.publisher, excerpt: s.excerpt, stance: s.stance, accessedOn: s.accessedOn })),
  };
}

/** Live claims of an article in document order, with their sources. */
export async function listClaimsForArticle({ articleId }: { articleId: string }): Promise<ClaimDto[]> {
  const db = await getDb();
  const rows = await selectClaims(db)
    .where(and(eq(claims.articleId, articleId), isNull(claims.deletedAt)))
    .orderBy(asc(claims.positionStart), asc(claims.positionEnd));
  if (rows.length === 0) return [];
  const sourceRows = await db
    .select()
    .from(sources)
    .innerJoin(claims, eq(claims.id, sources.claimId))
    .where(and(eq(claims.articleId, articleId), isNull(claims.deletedAt)));
  const byClaim = new Map<string, Source[]>();
  for (const { sources: s } of sourceRows) {
    const list = byClaim.get(s.claimId) ?? [];
    list.push(s);
    byClaim.set(s.claimId, list);
  }
  return rows.map((r) => toDto(r.claim, byClaim.get(r.claim.id) ?? [], r));
}

/** The live claims of an article, for a page that needs to catch up with other reviewers. */
export async function getArticleClaims({ input }: { input: unknown }): Promise<ClaimDto[]> {
  const { articleId } = parseInput(articleClaimsSchema, input, "article");
  return listClaimsForArticle({ articleId });
}

/**
 * One live claim by id, through statements built once per connection: the
 * save path reads a claim on every autosave, and building this four-join
 * query again each time was a measurable part of a save's CPU (bench:save).
 */
function prepareClaimById(db: Db) {
  const id = sql.placeholder("id");
  return {
    claim: selectClaims(db).where(and(eq(claims.id, id), isNull(claims.deletedAt))).limit(1).prepare(),
    sources: db.select().from(sources).where(eq(sources.claimId, id)).prepare(),
  };
}
const claimById = new WeakMap<Db, ReturnType<typeof prepareClaimById>>();
function claimByIdQueries(db: Db) {
  let q = claimById.get(db);
  if (!q) claimById.set(db, (q = prepareClaimById(db)));
  return q;
}

export async function getClaim({ claimId }: { claimId: string }): Promise<ClaimDto> {
  const q = claimByIdQueries(await getDb());
  const [row] = await q.claim.all({ id: claimId });
  if (!row) throw new AppError("not_found:claim");
  return toDto(row.claim, await q.sources.all({ id: claimId }), row);
}

/** Live claims by id (unknown or deleted ids are left out), with their sources. */
export async function getClaims(claimIds: readonly string[]): Promise<ClaimDto[]> {
  if (claimIds.length === 0) return [];
  const db = await getDb();
  const rows = await selectClaims(db).where(and(inArray(claims.id, [...claimIds]), isNull(claims.deletedAt)));
  if (rows.length === 0) return [];
  const sourceRows = await db.select().from(sources).where(inArray(sources.claimId, rows.map((r) => r.claim.id)));
  const order = new Map(claimIds.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => order.get(a.claim.id)! - order.get(b.claim.id)!)
    .map((r) => toDto(r.claim, sourceRows.filter((s) => s.claimId === r.claim.id), r));
}

/**
 * Creates a claim over a range of the article's plain text. The server
 * recomputes the selectors from its own copy of the text, so a client can
 * never store an anchor that does not match the article.
 */
export async function createClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<ClaimDto> {
  const { articleId, revision, exact, ...selected } = parseInput(createClaimSchema, input, "claim");
  const db = await getDb();
  const article = await db.query.articles.findFirst({
    where: eq(articles.id, articleId),
    columns: { id: true, plainText: true, currentRevision: true },
  });
  if (!article) throw new AppError("not_found:article");
  const model = createTextModel(article.plainText);
  let { start, end } = selected;
  if (revision !== undefined && revision !== article.currentRevision) {
    // Selected on an older text: kept only if the later edits left these exact words intact.
    const mapped = revision < article.currentRevision ? await mapRangeToCurrent(articleId, revision, { start, end }, exact) : null;
    if (!mapped) throw new AppError("conflict:article", ARTICLE_CHANGED);
    start = model.toUtf16(mapped.start);
    end = model.toUtf16(mapped.end);
  }
  if (end <= start || end > model.length16 || article.plainText.slice(start, end) !== exact) {
    throw new AppError("conflict:article", "The article text changed since you opened it. Reload the page and select the claim again.");
  }
  if (exact.trim() === "") throw new AppError("bad_request:claim", "Select some text of the article first.");
  const selectors = describe(model, { start, end });
  const id = randomUUID();
  const claimAsChecked = exact.replace(/\s+/g, " ").trim();
  const snapshot = { quote: exact, position: selectors.position, claimAsChecked };
  await db.batch([
    db.insert(claims).values({
      id,
      articleId,
      quoteExact: selectors.quote.exact,
      quotePrefix: selectors.quote.prefix,
      quoteSuffix: selectors.quote.suffix,
      positionStart: selectors.position.start,
      positionEnd: selectors.position.end,
      claimAsChecked,
      createdBy: actor.id,
      updatedBy: actor.id,
    }),
    db.insert(claimEvents).values({ claimId: id, articleId, actorId: actor.id, type: "created", version: 1, data: snapshot }),
  ]);
  return getClaim({ claimId: id });
}

/**
 * Saves the editable fields of a claim against the version the editor started
 * from, as one guarded write ("the claim is still at baseVersion"): a
 * concurrent save makes it write nothing, which the caller reports as a
 * conflict showing both versions.
 */
/** Set by "Use this verdict" (db/queries/matching.ts): the earlier claim the new fields came from, recorded with the save. */
export type BasedOn = { claimId: string; articleId: string; articleTitle: string; quote: string; verdict: string };

export async function saveClaim({
  actor,
  input,
  basedOn,
  current: loaded,
}: {
  actor: SessionUser;
  input: unknown;
  basedOn?: BasedOn;
  /**
   * The claim as the caller read it in this request (the API's PATCH reads it
   * for If-Match), so it is not read twice. The write is still guarded on
   * baseVersion: if the claim moved on since, nothing is written.
   */
  current?: ClaimDto;
}): Promise<SaveClaimResult> {
  const { claimId, baseVersion, fields } = parseInput(saveClaimSchema, input, "claim");
  const current = loaded?.id === claimId ? loaded : await getClaim({ claimId });
  if (fields.verdict !== current.verdict) await assertVerdictInScale(fields.verdict);
  if (current.version !== baseVersion) return { status: "conflict", current };
  const next: ClaimFields = claimFieldsOf(fields);
  const diff: Record<string, { before: unknown; after: unknown }> = diffClaimFields(claimFieldsOf(current), next);
  const changed = Object.keys(diff) as (keyof ClaimFields)[];
  if (changed.length === 0) return { status: "saved", claim: current };
  // The status is not a field: an edit moves it only by the rules of statusAfterEdit.
  const move = statusAfterEdit(current, changed, next, actor.name);
  if (move.status !== current.status && !move.reopened) diff.status = { before: current.status, after: move.status };
  const leavesApproved = current.status === "approved" && move.status !== "approved";
  const proposal =
    move.proposerChanges ? { proposedBy: actor.id, proposedAt: NOW } : move.status === "in_review" && current.status !== "in_review" ? { proposedBy: null, proposedAt: null } : {};

  const sourcesChanged = changed.includes("sources");
  const db = await getDb();
  const newVersion = baseVersion + 1;
  const event = (ok: SQL, type: "updated" | "reopened" | "based_on", data: unknown) =>
    insertWhen(db, claimEvents, { claimId, articleId: current.articleId, actorId: actor.id, type, version: newVersion, data }, ok);
  let written: Awaited<ReturnType<typeof guardedWrite>>;
  try {
    written = await guardedWrite(db, [
      {
        key: claimId,
        guard: claimAt({ id: claimId, version: baseVersion }),
        statements: (ok) => [
          // Sources are replaced whole, and only when they changed (typing a rationale leaves them be).
          ...(sourcesChanged
            ? [
                db.delete(sources).where(and(eq(sources.claimId, claimId), ok)),
                ...next.sources.map((s, position) =>
                  insertWhen(
                    db,
                    sources,
                    { id: s.id, claimId, position, url: s.url, title: s.title, publisher: s.publisher, excerpt: s.excerpt, stance: s.stance, accessedOn: s.accessedOn },
                    ok,
                  ),
                ),
              ]
            : []),
          ...(basedOn ? [event(ok, "based_on", basedOn)] : []),
          event(ok, "updated", diff),
          ...(move.reopened ? [event(ok, "reopened", { from: current.status, to: move.status, reason: move.reopened.reason })] : []),
          // An approved verdict changed on a published fact-check: recorded in its corrections draft, in this transaction.
          ...(leavesApproved ? draftCorrectionStatements(db, current.articleId, verdictCorrectionChange(current, next), ok) : []),
          db
            .update(claims)
            .set({
              claimAsChecked: next.claimAsChecked,
              claimant: next.claimant,
              verdict: next.verdict,
              rationale: next.rationale,
              status: move.status,
              ...proposal,
              ...(leavesApproved ? { approvedBy: null, approvedAt: null } : {}),
              ...(basedOn ? { basedOnClaimId: basedOn.claimId } : {}),
              version: newVersion,
              updatedBy: actor.id,
              updatedAt: NOW,
            })
            .where(and(eq(claims.id, claimId), ok))
            .returning(),
        ],
      },
    ]);
  } catch (error) {
    // A source id that belongs to another claim: the batch rolled back whole.
    if (/SQLITE_CONSTRAINT/.test(String((error as { code?: string }).code ?? error))) {
      throw new AppError("bad_request:claim", "A source could not be saved because its id is already in use. Remove it and add it again.");
    }
    throw error;
  }
  if (!written.applied.has(claimId)) return { status: "conflict", current: await getClaim({ claimId }) };
  // The saved claim from the UPDATE's RETURNING row, the names from what is known.
  const [row] = written.results.get(claimId)!.at(-1) as Claim[];
  const names = savedNames(current, row!, actor, move.proposerChanges);
  if (!names) return { status: "saved", claim: await getClaim({ claimId }) };
  const savedSources = sourcesChanged ? await db.select().from(sources).where(eq(sources.claimId, claimId)) : null;
  return { status: "saved", claim: savedSources ? toDto(row!, savedSources, names) : { ...toDto(row!, [], names), sources: current.sources } };
}

/** The corrections-log record of a change to an approved claim: old → new of each verdict field that changed. */
function verdictCorrectionChange(current: ClaimDto, next: ClaimFields): CorrectionChange {
  return {
    type: "claim",
    at: new Date().toISOString(),
    claimId: current.id,
    quote: clip(current.selectors.quote.exact),
    ...(next.verdict !== current.verdict ? { verdict: { before: current.verdict, after: next.verdict } } : {}),
    ...(next.claimAsChecked !== current.claimAsChecked ? { claimAsChecked: { before: current.claimAsChecked, after: next.claimAsChecked } } : {}),
    ...(next.rationale !== current.rationale ? { rationale: { before: current.rationale, after: next.rationale } } : {}),
  };
}

function withdrawnCorrectionChange(current: ClaimDto): CorrectionChange {
  return { type: "claim", at: new Date().toISOString(), claimId: current.id, quote: clip(current.selectors.quote.exact), verdict: { before: current.verdict, after: null }, withdrawn: true };
}

/**
 * The names shown with a claim just saved, without reading the users again:
 * the saver is its updater (and its proposer when the save made them one);
 * the others are the ones the claim had. Null when the row names someone the
 * claim read before the save did not (then the caller reads it afresh).
 */
function savedNames(before: ClaimDto, row: Claim, actor: SessionUser, proposerChanges: boolean): ClaimNames | null {
  const proposedByName =
    row.proposedBy === null ? null : proposerChanges && row.proposedBy === actor.id ? actor.name : row.proposedBy === before.proposedBy ? before.proposedByName : undefined;
  const assigneeName = row.assigneeId === null ? null : row.assigneeId === before.assigneeId ? before.assigneeName : undefined;
  const approvedByName = row.approvedBy === null ? null : row.approvedAt === before.approvedAt ? before.approvedByName : undefined;
  if (proposedByName === undefined || assigneeName === undefined || approvedByName === undefined) return null;
  // Who marked the claim never changes with a save.
  return { createdByName: before.createdByName, updatedByName: actor.name, assigneeName, proposedByName, approvedByName };
}

export type DeleteClaimResult = { status: "deleted"; deleted: DeletedClaimDto } | { status: "conflict"; current: ClaimDto };

function refuse(refusal: Refusal): never {
  throw new AppError(`${refusal.type}:claim`, refusal.message);
}

/**
 * Soft delete, as a guarded workflow move: decided on the version (and
 * status) the user saw, so a colleague's save in between makes it a conflict
 * that deletes nothing. The rules (who may delete an approved claim, the
 * reason it needs) are checkDelete in lib/workflow.ts. The claim and its
 * sources stay in the database; the `deleted` event keeps a snapshot and the
 * reason, and editors can restore it.
 */
export async function deleteClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<DeleteClaimResult> {
  const { claimId, version, reason } = parseInput(deleteClaimSchema, input, "claim");
  const current = await getClaim({ claimId });
  if (current.version !== version) return { status: "conflict", current };
  const refusal = checkDelete(actor, current, reason);
  if (refusal) refuse(refusal);
  const db = await getDb();
  const { applied } = await guardedWrite(db, [
    {
      key: claimId,
      guard: claimAt({ id: claimId, version, status: current.status }),
      statements: (ok) => [
        insertWhen(
          db,
          claimEvents,
          { claimId, articleId: current.articleId, actorId: actor.id, type: "deleted", version: version + 1, data: { ...current, ...(reason ? { reason } : {}) } },
          ok,
        ),
        db
          .update(claims)
          .set({ deletedAt: NOW, version: version + 1, updatedBy: actor.id })
          .where(and(eq(claims.id, claimId), ok)),
        // An approved verdict taken off a published fact-check is a change readers must be told of.
        ...(current.status === "approved" ? draftCorrectionStatements(db, current.articleId, withdrawnCorrectionChange(current), ok) : []),
      ],
    },
  ]);
  if (!applied.has(claimId)) return { status: "conflict", current: await getClaim({ claimId }) };
  const [deleted] = await deletedClaims(and(eq(claims.id, claimId), isNotNull(claims.deletedAt))!);
  return { status: "deleted", deleted: deleted! };
}

/**
 * Brings a deleted claim back (editors), as a guarded move on the version the
 * "Deleted claims" list showed. It returns to the status it had, except that
 * an approved claim comes back as "verdict proposed" (statusAfterRestore):
 * it must be approved again before it is published. A `restored` event
 * records both.
 */
export async function restoreClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<ClaimDto> {
  const refusal = checkRestore(actor);
  if (refusal) refuse(refusal);
  const { claimId, version } = parseInput(restoreClaimSchema, input, "claim");
  const db = await getDb();
  const row = await db.query.claims.findFirst({ where: eq(claims.id, claimId) });
  if (!row) throw new AppError("not_found:claim");
  const stale = () =>
    new AppError("conflict:claim", "This claim was restored or changed by someone else meanwhile. Reload the page to see where it stands.");
  if (!row.deletedAt || row.version !== version) throw stale();
  const move = statusAfterRestore(row.status);
  const data = { from: row.status, to: move.status, ...(move.approvalWithdrawn ? { reason: RESTORE_WITHDRAWS_APPROVAL_REASON } : {}) };
  const { applied } = await guardedWrite(db, [
    {
      key: claimId,
      guard: claimAt({ id: claimId, version, status: row.status, deleted: true }),
      statements: (ok) => [
        insertWhen(db, claimEvents, { claimId, articleId: row.articleId, actorId: actor.id, type: "restored", version: version + 1, data }, ok),
        db
          .update(claims)
          .set({
            deletedAt: null,
            status: move.status,
            ...(move.approvalWithdrawn ? { approvedBy: null, approvedAt: null } : {}),
            version: version + 1,
            updatedBy: actor.id,
            updatedAt: NOW,
          })
          .where(and(eq(claims.id, claimId), ok)),
      ],
    },
  ]);
  if (!applied.has(claimId)) throw stale();
  return getClaim({ claimId });
}

/** The deleted claims of an article, most recently deleted first, with who deleted them and why (editors). */
export async function listDeletedClaims({ actor, input }: { actor: SessionUser; input: unknown }): Promise<DeletedClaimDto[]> {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:claim", "Only an editor can see and restore deleted claims.");
  const { articleId } = parseInput(deletedClaimsSchema, input, "article");
  return deletedClaims(and(eq(claims.articleId, articleId), isNotNull(claims.deletedAt))!);
}

async function deletedClaims(where: SQL): Promise<DeletedClaimDto[]> {
  const db = await getDb();
  // The latest `deleted` event of each claim says who deleted it and why.
  const lastDelete = sql`(SELECT max(e.id) FROM claim_events e WHERE e.claim_id = claims.id AND e.type = 'deleted')`;
  const rows = await db
    .select({
      claim: claims,
      deletedByName: deleter.name,
      reason: sql<string | null>`json_extract(${claimEvents.data}, '$.reason')`,
    })
    .from(claims)
    .leftJoin(claimEvents, sql`${claimEvents.id} = ${lastDelete}`)
    .leftJoin(deleter, eq(deleter.id, claimEvents.actorId))
    .where(where)
    .orderBy(desc(claims.deletedAt), asc(claims.positionStart));
  return rows.map(({ claim: c, deletedByName, reason }) => ({
    id: c.id,
    articleId: c.articleId,
    quote: c.quoteExact,
    claimAsChecked: c.claimAsChecked,
    verdict: c.verdict,
    status: c.status,
    version: c.version,
    deletedAt: c.deletedAt!,
    deletedByName: deletedByName ?? null,
    reason: typeof reason === "string" && reason ? reason : null,
  }));
}

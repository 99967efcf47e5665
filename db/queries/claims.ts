import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { getDb } from "@/db";
import { articles, claimEvents, claims, sources, users, type Claim, type Source } from "@/db/schema";
import { createTextModel, describe } from "@/lib/anchoring";
import type { SessionUser } from "@/lib/auth";
import {
  claimFieldsOf,
  createClaimSchema,
  deleteClaimSchema,
  diffClaimFields,
  saveClaimSchema,
  type ClaimDto,
  type ClaimFields,
  type SaveClaimResult,
} from "@/lib/claims";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { VerdictKey } from "@/lib/verdicts";
import { statusAfterEdit } from "@/lib/workflow";
import { claimAt, guardedWrite, insertWhen } from "./guarded-write";
import { assertVerdictInScale } from "./verdict-scale";

const updater = alias(users, "updater");
const assignee = alias(users, "assignee");
const proposer = alias(users, "proposer");
const approver = alias(users, "approver");
const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** The names shown with a claim, joined in the same query. */
const claimColumns = {
  claim: claims,
  updatedByName: updater.name,
  assigneeName: assignee.name,
  proposedByName: proposer.name,
  approvedByName: approver.name,
};
type ClaimNames = { updatedByName: string | null; assigneeName: string | null; proposedByName: string | null; approvedByName: string | null };

// Not async: a Drizzle query is a thenable, so awaiting the builder would run it.
function selectClaims(db: Awaited<ReturnType<typeof getDb>>) {
  return db
    .select(claimColumns)
    .from(claims)
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
    updatedAt: claim.updatedAt,
    updatedByName: names.updatedByName,
    assigneeId: claim.assigneeId,
    assigneeName: names.assigneeName,
    proposedBy: claim.proposedBy,
    proposedByName: names.proposedByName,
    proposedAt: claim.proposedAt,
    approvedByName: claim.approvedBy ? names.approvedByName : null,
    approvedAt: claim.approvedAt,
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

export async function getClaim({ claimId }: { claimId: string }): Promise<ClaimDto> {
  const [claim] = await getClaims([claimId]);
  if (!claim) throw new AppError("not_found:claim");
  return claim;
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
  const { articleId, start, end, exact } = parseInput(createClaimSchema, input, "claim");
  const db = await getDb();
  const article = await db.query.articles.findFirst({
    where: eq(articles.id, articleId),
    columns: { id: true, plainText: true },
  });
  if (!article) throw new AppError("not_found:article");
  const model = createTextModel(article.plainText);
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
export async function saveClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<SaveClaimResult> {
  const { claimId, baseVersion, fields } = parseInput(saveClaimSchema, input, "claim");
  const current = await getClaim({ claimId });
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

  const db = await getDb();
  const newVersion = baseVersion + 1;
  const event = (ok: SQL, type: "updated" | "reopened", data: unknown) =>
    insertWhen(db, claimEvents, { claimId, articleId: current.articleId, actorId: actor.id, type, version: newVersion, data }, ok);
  let written: Set<string>;
  try {
    ({ applied: written } = await guardedWrite(db, [
      {
        key: claimId,
        guard: claimAt({ id: claimId, version: baseVersion }),
        statements: (ok) => [
          db.delete(sources).where(and(eq(sources.claimId, claimId), ok)),
          ...next.sources.map((s, position) =>
            insertWhen(
              db,
              sources,
              { id: s.id, claimId, position, url: s.url, title: s.title, publisher: s.publisher, excerpt: s.excerpt, stance: s.stance, accessedOn: s.accessedOn },
              ok,
            ),
          ),
          event(ok, "updated", diff),
          ...(move.reopened ? [event(ok, "reopened", { from: current.status, to: move.status, reason: move.reopened.reason })] : []),
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
              version: newVersion,
              updatedBy: actor.id,
              updatedAt: NOW,
            })
            .where(and(eq(claims.id, claimId), ok)),
        ],
      },
    ]));
  } catch (error) {
    // A source id that belongs to another claim: the batch rolled back whole.
    if (/SQLITE_CONSTRAINT/.test(String((error as { code?: string }).code ?? error))) {
      throw new AppError("bad_request:claim", "A source could not be saved because its id is already in use. Remove it and add it again.");
    }
    throw error;
  }
  if (!written.has(claimId)) return { status: "conflict", current: await getClaim({ claimId }) };
  return { status: "saved", claim: await getClaim({ claimId }) };
}

/** Soft delete: the claim and its sources stay in the database and the audit trail keeps a snapshot. */
export async function deleteClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ id: string }> {
  const { claimId } = parseInput(deleteClaimSchema, input, "claim");
  const current = await getClaim({ claimId });
  const db = await getDb();
  await db.batch([
    db.insert(claimEvents).values({
      claimId,
      articleId: current.articleId,
      actorId: actor.id,
      type: "deleted",
      version: current.version + 1,
      data: current,
    }),
    db
      .update(claims)
      .set({ deletedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`, version: current.version + 1, updatedBy: actor.id })
      .where(and(eq(claims.id, claimId), isNull(claims.deletedAt))),
  ]);
  return { id: claimId };
}

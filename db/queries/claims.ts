import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
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
import { assertVerdictInScale } from "./verdict-scale";

const updater = alias(users, "updater");
const articleClaimsSchema = z.object({ articleId: z.uuid({ message: "Not a valid article id." }) });

function toDto(claim: Claim, claimSources: Source[], updatedByName: string | null): ClaimDto {
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
    updatedByName,
    sources: claimSources
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ id: s.id, url: s.url, title: s.title, publisher: s.publisher, excerpt: s.excerpt, stance: s.stance, accessedOn: s.accessedOn })),
  };
}

/** Live claims of an article in document order, with their sources. */
export async function listClaimsForArticle({ articleId }: { articleId: string }): Promise<ClaimDto[]> {
  const db = await getDb();
  const rows = await db
    .select({ claim: claims, updatedByName: updater.name })
    .from(claims)
    .leftJoin(updater, eq(updater.id, claims.updatedBy))
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
  return rows.map((r) => toDto(r.claim, byClaim.get(r.claim.id) ?? [], r.updatedByName));
}

/** The live claims of an article, for a page that needs to catch up with other reviewers. */
export async function getArticleClaims({ input }: { input: unknown }): Promise<ClaimDto[]> {
  const { articleId } = parseInput(articleClaimsSchema, input, "article");
  return listClaimsForArticle({ articleId });
}

export async function getClaim({ claimId }: { claimId: string }): Promise<ClaimDto> {
  const db = await getDb();
  const [row] = await db
    .select({ claim: claims, updatedByName: updater.name })
    .from(claims)
    .leftJoin(updater, eq(updater.id, claims.updatedBy))
    .where(and(eq(claims.id, claimId), isNull(claims.deletedAt)));
  if (!row) throw new AppError("not_found:claim");
  const claimSources = await db.select().from(sources).where(eq(sources.claimId, claimId));
  return toDto(row.claim, claimSources, row.updatedByName);
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
 * from. The write is one batch (one transaction): every statement is guarded
 * by "the claim is still at baseVersion", so a concurrent save makes the whole
 * batch a no-op, which the caller reports as a conflict showing both versions.
 */
export async function saveClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<SaveClaimResult> {
  const { claimId, baseVersion, fields } = parseInput(saveClaimSchema, input, "claim");
  const current = await getClaim({ claimId });
  if (fields.verdict !== current.verdict) await assertVerdictInScale(fields.verdict);
  if (actor.role === "reviewer" && (fields.status === "approved") !== (current.status === "approved")) {
    throw new AppError(
      "forbidden:claim",
      fields.status === "approved"
        ? "Only an editor can approve a verdict. Choose “Verdict proposed” to send it for approval."
        : "Only an editor can take back an approval.",
    );
  }
  if (current.version !== baseVersion) return { status: "conflict", current };
  const next: ClaimFields = claimFieldsOf(fields);
  const diff = diffClaimFields(claimFieldsOf(current), next);
  if (Object.keys(diff).length === 0) return { status: "saved", claim: current };

  const db = await getDb();
  const guard = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${claimId} AND version = ${baseVersion} AND deleted_at IS NULL)`;
  const newVersion = baseVersion + 1;
  const update = db
    .update(claims)
    .set({
      claimAsChecked: next.claimAsChecked,
      claimant: next.claimant,
      verdict: next.verdict,
      rationale: next.rationale,
      status: next.status,
      version: newVersion,
      updatedBy: actor.id,
      updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    })
    .where(and(eq(claims.id, claimId), eq(claims.version, baseVersion), isNull(claims.deletedAt)))
    .returning({ version: claims.version });
  let results: unknown[];
  try {
    // The claim UPDATE comes last: until it runs, the guard sees the old version.
    results = await db.batch([
      db.delete(sources).where(and(eq(sources.claimId, claimId), guard)),
      ...next.sources.map((s, position) =>
        db.run(sql`INSERT INTO sources (id, claim_id, position, url, title, publisher, excerpt, stance, accessed_on)
          SELECT ${s.id}, ${claimId}, ${position}, ${s.url}, ${s.title}, ${s.publisher}, ${s.excerpt}, ${s.stance}, ${s.accessedOn}
          WHERE ${guard}`),
      ),
      db.run(sql`INSERT INTO claim_events (claim_id, article_id, actor_id, type, version, data)
        SELECT ${claimId}, ${current.articleId}, ${actor.id}, 'updated', ${newVersion}, ${JSON.stringify(diff)}
        WHERE ${guard}`),
      update,
    ]);
  } catch (error) {
    // A source id that belongs to another claim: the batch rolled back whole.
    if (/SQLITE_CONSTRAINT/.test(String((error as { code?: string }).code ?? error))) {
      throw new AppError("bad_request:claim", "A source could not be saved because its id is already in use. Remove it and add it again.");
    }
    throw error;
  }
  const updated = results.at(-1) as { version: number }[];
  if (updated.length === 0) return { status: "conflict", current: await getClaim({ claimId }) };
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

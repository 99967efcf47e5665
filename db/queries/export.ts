import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articleRevisions, articles, claimAnchors, claims, sources, users, type Source } from "@/db/schema";
import type { DocNode } from "@/lib/article-text";
import { AppError } from "@/lib/errors";
import type { ExportBundle, ExportClaim, ExportRevision, ExportScope } from "@/lib/export/bundle";
import { EXPORT_FORMATS, exportFilename, isExportFormat } from "@/lib/export";
import { quotesBeforeOrphaning } from "./revision-view";
import { readRevisions } from "./revisions";
import { getVerdictScale } from "./verdict-scale";
import { listPublishedCorrections } from "./corrections";

const creator = alias(users, "creator");
const approver = alias(users, "approver");

/**
 * The article's revision history for an export, oldest first, without the
 * documents. A revision that came from a Claimdesk JSON file's history keeps
 * what that file said (its author's name, its source); one made here names
 * its author's account and is an import (revision 1), an editor's edit (it
 * has steps) or a version from outside.
 */
export async function loadRevisionHistory(articleId: string): Promise<ExportRevision[]> {
  const rows = await readRevisions(await getDb(), articleId);
  return rows.map(({ number, createdAt, authorName, note, source }) => ({ number, createdAt, authorName, note, source }));
}

export const DEFAULT_ORGANIZATION_NAME = "Claimdesk";

/**
 * The fact-checking organisation named as author in ClaimReview and as
 * creator of annotations: ORGANIZATION_NAME / ORGANIZATION_URL, defaulting to
 * "Claimdesk" and the app's origin.
 */
export function exportOrganization(origin: string): { name: string; url: string } {
  const name = process.env.ORGANIZATION_NAME?.trim() || DEFAULT_ORGANIZATION_NAME;
  const fromEnv = process.env.ORGANIZATION_URL?.trim();
  let url = origin;
  if (fromEnv) {
    try {
      const parsed = new URL(fromEnv);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") url = parsed.toString();
    } catch {
      // An unusable ORGANIZATION_URL falls back to the origin rather than breaking every export.
    }
  }
  return { name, url };
}

/**
 * Whether the desk uses the approval workflow (APPROVAL_WORKFLOW, default on).
 * With it, ClaimReview publishes approved claims only.
 */
export function approvalWorkflowEnabled(): boolean {
  const value = process.env.APPROVAL_WORKFLOW?.trim().toLowerCase();
  return !(value === "off" || value === "false" || value === "0" || value === "no");
}

function normalizeOrigin(origin: string): string {
  return origin.replace(/\/+$/, "");
}

/**
 * The app's public origin as configured (NEXTAUTH_URL, else
 * http://localhost:$PORT). Route handlers should pass this to
 * `loadExportBundle` rather than anything taken from the request's Host
 * header, which a client controls and which would end up in every IRI.
 */
export function configuredOrigin(): string {
  const fallback = `http://localhost:${process.env.PORT || 3000}`;
  try {
    return new URL(process.env.NEXTAUTH_URL?.trim() || fallback).origin;
  } catch {
    return fallback;
  }
}

/**
 * Everything an export needs: the article, its live claims in document order
 * (with the names of who created and approved them) and their sources, the
 * desk's verdict scale and the article's published corrections log. Unknown ids are `not_found:article`.
 */
export async function loadExportBundle({
  articleId,
  scope,
  origin,
  revision,
  now = new Date(),
}: {
  articleId: string;
  scope: ExportScope;
  origin: string;
  /**
   * An earlier revision to export instead of the current text: its document
   * and plain text, and the claims anchored in it with the selectors
   * recomputed for it (claim_anchors). Claims made later are not in it.
   */
  revision?: number;
  /** The export time (tests pass a fixed one). */
  now?: Date;
}): Promise<ExportBundle> {
  if (!z.uuid().safeParse(articleId).success) throw new AppError("not_found:article");
  if (scope !== "all" && scope !== "approved") throw new AppError("bad_request:article", "Choose “all” or “approved” claims.");
  const db = await getDb();
  const stored = await db.query.articles.findFirst({ where: eq(articles.id, articleId) });
  if (!stored) throw new AppError("not_found:article");
  let article = stored;
  if (revision !== undefined) {
    const old = await db.query.articleRevisions.findFirst({
      where: and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, revision)),
      columns: { content: true, plainText: true, textHash: true, createdAt: true },
    });
    if (!old) throw new AppError("not_found:export", `This article has no revision ${revision}. It has ${stored.currentRevision}.`);
    article = { ...stored, content: old.content, plainText: old.plainText, textHash: old.textHash, updatedAt: old.createdAt };
  }

  const where = and(
    eq(claims.articleId, articleId),
    isNull(claims.deletedAt),
    scope === "approved" ? eq(claims.status, "approved") : undefined,
  );
  const anchorJoin = and(eq(claimAnchors.claimId, claims.id), eq(claimAnchors.revision, revision ?? -1));
  const selectClaims = db
    .select({ claim: claims, createdByName: creator.name, approvedByName: approver.name, anchor: claimAnchors })
    .from(claims)
    .leftJoin(creator, eq(creator.id, claims.createdBy))
    .leftJoin(approver, eq(approver.id, claims.approvedBy))
    .leftJoin(claimAnchors, anchorJoin);
  const loaded =
    revision === undefined
      ? await selectClaims.where(where).orderBy(asc(claims.positionStart), asc(claims.positionEnd), asc(claims.createdAt), asc(claims.id))
      : // Only claims that existed in that revision, in its text order, with its selectors.
        await selectClaims
          .where(and(where, sql`${claimAnchors.claimId} IS NOT NULL`))
          .orderBy(asc(claimAnchors.positionStart), asc(claimAnchors.positionEnd), asc(claims.createdAt), asc(claims.id));
  // An orphaned anchor holds no quote (its words are not in that revision): the claim's selectors from before its words went.
  const earlier =
    revision === undefined ? new Map() : await quotesBeforeOrphaning(articleId, revision, loaded.filter((r) => r.anchor?.state === "orphaned").map((r) => r.claim.id));
  const rows = loaded.map(({ claim, anchor: stored, ...names }) => {
    const before = stored?.state === "orphaned" ? earlier.get(claim.id) : undefined;
    return { ...names, claim, anchor: stored && before ? { ...stored, quoteExact: before.exact, quotePrefix: before.prefix, quoteSuffix: before.suffix } : stored };
  }).map(({ claim, anchor, ...names }) => ({
    ...names,
    claim: anchor
      ? {
          ...claim,
          quoteExact: anchor.quoteExact,
          quotePrefix: anchor.quotePrefix,
          quoteSuffix: anchor.quoteSuffix,
          positionStart: anchor.positionStart,
          positionEnd: anchor.positionEnd,
          anchorState: anchor.state,
        }
      : claim,
  }));
  const sourceRows = rows.length
    ? await db
        .select({ source: sources })
        .from(sources)
        .innerJoin(claims, eq(claims.id, sources.claimId))
        .where(revision === undefined ? where : and(where, sql`EXISTS (SELECT 1 FROM claim_anchors WHERE claim_id = ${claims.id} AND revision = ${revision})`))
        .orderBy(asc(sources.claimId), asc(sources.position))
    : [];
  const byClaim = new Map<string, Source[]>();
  for (const { source } of sourceRows) {
    const list = byClaim.get(source.claimId);
    if (list) list.push(source);
    else byClaim.set(source.claimId, [source]);
  }

  const exportClaims: ExportClaim[] = rows.map(({ claim: c, createdByName, approvedByName }) => ({
    id: c.id,
    quote: { exact: c.quoteExact, prefix: c.quotePrefix, suffix: c.quoteSuffix },
    position: { start: c.positionStart, end: c.positionEnd },
    ...(c.anchorState === "orphaned" ? { anchorState: c.anchorState } : {}),
    claimAsChecked: c.claimAsChecked,
    claimant: c.claimant,
    verdict: c.verdict,
    rationale: c.rationale,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    createdByName: createdByName ?? null,
    approvedAt: c.status === "approved" ? c.approvedAt : null,
    approvedByName: c.status === "approved" ? (approvedByName ?? null) : null,
    sources: (byClaim.get(c.id) ?? []).map((s) => ({
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      excerpt: s.excerpt,
      stance: s.stance,
      accessedOn: s.accessedOn,
    })),
  }));

  const base = normalizeOrigin(origin);
  return {
    article: {
      id: article.id,
      title: article.title,
      sourceUrl: article.sourceUrl,
      publisher: article.publisher,
      author: article.author,
      publishedOn: article.publishedOn,
      language: article.language,
      createdAt: article.createdAt,
      updatedAt: article.updatedAt,
      plainText: article.plainText,
      content: article.content as DocNode,
      textHash: article.textHash,
      publishedAt: article.publishedAt,
      publishedScope: article.publishedAt ? (article.publishedScope ?? "approved") : null,
    },
    revisions: await loadRevisionHistory(articleId),
    claims: exportClaims,
    scale: await getVerdictScale(),
    corrections: (await listPublishedCorrections({ articleId })).map((c) => ({
      id: c.id,
      kind: c.kind ?? "correction",
      note: c.note,
      publishedAt: c.publishedAt ?? c.updatedAt,
      publishedByName: c.publishedByName,
      imported: c.imported,
      changes: c.changes,
    })),
    scope,
    exportedAt: now.toISOString(),
    workflow: approvalWorkflowEnabled(),
    organization: exportOrganization(base),
    origin: base,
    publishedUrl: `${base}/published/${article.id}`,
  };
}

const exportScopeSchema = z.enum(["all", "approved"]);

/**
 * One export as a file: the article's bundle rendered in `format` for the
 * claims in `scope` (the download route and the API both send this). IRIs
 * use the configured public origin, never a request's Host header. With
 * `revision`, the text and claim selectors are those of that revision.
 */
export async function renderArticleExport({
  articleId,
  format,
  scope,
  revision,
}: {
  articleId: string;
  format: string;
  scope: string | null;
  /** `?revision=N` as sent; null or absent for the current text. */
  revision?: string | null;
}): Promise<{
  body: string;
  contentType: string;
  filename: string;
}> {
  if (!isExportFormat(format)) throw new AppError("not_found:export", `There is no export format “${format.slice(0, 40)}”.`);
  const parsedScope = exportScopeSchema.safeParse(scope ?? "all");
  if (!parsedScope.success) throw new AppError("bad_request:export", "Choose the claims to export: scope=all or scope=approved.");
  let number: number | undefined;
  if (revision != null) {
    const parsed = exportRevisionSchema.safeParse(revision);
    if (!parsed.success) throw new AppError("bad_request:export", "Say which revision to export by its number: revision=2, for example.");
    number = parsed.data;
  }
  const bundle = await loadExportBundle({ articleId, scope: parsedScope.data, origin: configuredOrigin(), revision: number });
  const spec = EXPORT_FORMATS[format];
  const filename = exportFilename(bundle, format);
  return {
    body: spec.render(bundle),
    contentType: spec.contentType,
    filename: number === undefined ? filename : filename.replace(/(\.[^.]+)$/, `-revision-${number}$1`),
  };
}

const exportRevisionSchema = z.string().regex(/^[1-9][0-9]{0,6}$/).transform(Number);

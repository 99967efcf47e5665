import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articleRevisions, articles, claims, sources, users, type Source } from "@/db/schema";
import type { DocNode } from "@/lib/article-text";
import { AppError } from "@/lib/errors";
import type { ExportBundle, ExportClaim, ExportRevision, ExportScope } from "@/lib/export/bundle";
import { EXPORT_FORMATS, exportFilename, isExportFormat } from "@/lib/export";
import { getVerdictScale } from "./verdict-scale";
import { listPublishedCorrections } from "./corrections";

const creator = alias(users, "creator");
const approver = alias(users, "approver");
const reviser = alias(users, "reviser");

/**
 * The article's revision history for an export, oldest first, without the
 * documents. A revision that came from a Claimdesk JSON file's history keeps
 * what that file said (its author's name, its source); one made here names
 * its author's account and is an import (revision 1), an editor's edit (it
 * has steps) or a version from outside.
 */
export async function loadRevisionHistory(articleId: string): Promise<ExportRevision[]> {
  const db = await getDb();
  const rows = await db
    .select({
      number: articleRevisions.number,
      createdAt: articleRevisions.createdAt,
      authorName: reviser.name,
      note: articleRevisions.note,
      fromSteps: sql<number>`${articleRevisions.steps} IS NOT NULL`,
      imported: articleRevisions.imported,
    })
    .from(articleRevisions)
    .leftJoin(reviser, eq(reviser.id, articleRevisions.authorId))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(asc(articleRevisions.number));
  return rows.map((r) => ({
    number: r.number,
    createdAt: r.createdAt,
    authorName: r.imported ? r.imported.authorName : (r.authorName ?? null),
    note: r.note,
    source: r.imported ? r.imported.source : r.number === 1 ? "import" : r.fromSteps ? "editor" : "outside",
  }));
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
  now = new Date(),
}: {
  articleId: string;
  scope: ExportScope;
  origin: string;
  /** The export time (tests pass a fixed one). */
  now?: Date;
}): Promise<ExportBundle> {
  if (!z.uuid().safeParse(articleId).success) throw new AppError("not_found:article");
  if (scope !== "all" && scope !== "approved") throw new AppError("bad_request:article", "Choose “all” or “approved” claims.");
  const db = await getDb();
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId) });
  if (!article) throw new AppError("not_found:article");

  const where = and(
    eq(claims.articleId, articleId),
    isNull(claims.deletedAt),
    scope === "approved" ? eq(claims.status, "approved") : undefined,
  );
  const rows = await db
    .select({ claim: claims, createdByName: creator.name, approvedByName: approver.name })
    .from(claims)
    .leftJoin(creator, eq(creator.id, claims.createdBy))
    .leftJoin(approver, eq(approver.id, claims.approvedBy))
    .where(where)
    .orderBy(asc(claims.positionStart), asc(claims.positionEnd), asc(claims.createdAt), asc(claims.id));
  const sourceRows = rows.length
    ? await db
        .select({ source: sources })
        .from(sources)
        .innerJoin(claims, eq(claims.id, sources.claimId))
        .where(where)
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
 * use the configured public origin, never a request's Host header.
 */
export async function renderArticleExport({ articleId, format, scope }: { articleId: string; format: string; scope: string | null }): Promise<{
  body: string;
  contentType: string;
  filename: string;
}> {
  if (!isExportFormat(format)) throw new AppError("not_found:export", `There is no export format “${format.slice(0, 40)}”.`);
  const parsedScope = exportScopeSchema.safeParse(scope ?? "all");
  if (!parsedScope.success) throw new AppError("bad_request:export", "Choose the claims to export: scope=all or scope=approved.");
  const bundle = await loadExportBundle({ articleId, scope: parsedScope.data, origin: configuredOrigin() });
  const spec = EXPORT_FORMATS[format];
  return { body: spec.render(bundle), contentType: spec.contentType, filename: exportFilename(bundle, format) };
}

import "server-only";
import { createHash } from "node:crypto";
import type { Article } from "@/db/schema";
import type { DashboardRow } from "@/db/queries/dashboard";
import type { ClaimDto } from "@/lib/claims";
import { etag } from "./etag";
import type { ApiArticle, ApiArticleListItem } from "./schemas";

/** The API's representation of an article (no editor JSON: the plain text is what positions count over). */
export function articleRepresentation(a: Article): ApiArticle {
  return {
    id: a.id,
    title: a.title,
    sourceUrl: a.sourceUrl,
    publisher: a.publisher,
    author: a.author,
    publishedOn: a.publishedOn,
    language: a.language,
    plainText: a.plainText,
    textHash: a.textHash,
    assigneeId: a.assigneeId,
    publishedAt: a.publishedAt,
    revision: a.currentRevision,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/**
 * An article's tag is a digest of what the representation is made of (its
 * revision, the text's hash and the row's update time among them), so any
 * change to it changes the tag: not only the revision number, since an
 * assignment or a publication changes the article too.
 */
export function articleEtag(a: ApiArticle): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([a.revision, a.textHash, a.updatedAt, a.publishedAt, a.assigneeId, a.title, a.sourceUrl, a.publisher, a.author, a.publishedOn, a.language]))
    .digest("base64url")
    .slice(0, 22);
  return etag(`a-${digest}`);
}

export const claimEtag = (c: Pick<ClaimDto, "version">) => etag(c.version);

export function articleListItem(r: DashboardRow): ApiArticleListItem {
  return {
    id: r.id,
    title: r.title,
    publisher: r.publisher,
    publishedOn: r.publishedOn,
    importedAt: r.importedAt,
    lastActivityAt: r.lastActivityAt,
    assignee: r.assignee,
    state: r.rollup.state,
    claims: r.rollup.counts,
  };
}

import { getArticle } from "@/db/queries/articles";
import { listRevisions, previewExternalRevision, saveExternalRevision } from "@/db/queries/revisions";
import { fetchNewVersionFromSource } from "@/db/queries/url-import";
import { API_REVISION_BODY_LIMIT_BYTES, readJsonBody } from "@/lib/api/body";
import { articleEtag, articleRepresentation } from "@/lib/api/resources";
import { apiJson, ifMatchRevision, runApiRoute, staleArticleResponse, type ApiCaller } from "@/lib/api/route";
import { revisionCreateBody, revisionFromUrlBody } from "@/lib/api/schemas";
import { parseInput } from "@/lib/validation";
import type { z } from "@/lib/zod";
import { createTextModel } from "@/lib/anchoring";

type Context = { params: Promise<{ id: string }> };

/** The page at `url`, fetched as Refresh from URL fetches (the domain checks the role before it fetches or counts a fetch). */
async function fetchedVersion(user: ApiCaller["user"], articleId: string, { url, note, dryRun }: z.output<typeof revisionFromUrlBody>) {
  const fetched = await fetchNewVersionFromSource({ actor: user, articleId, url });
  return { format: fetched.format, content: fetched.content, sourceUrl: fetched.sourceUrl, note, dryRun };
}

/** GET /api/v1/articles/{id}/revisions — number, author, date, note and origin of each revision, oldest first. */
export const GET = (request: Request, { params }: Context) =>
  runApiRoute(request, async () => {
    const { id } = await params;
    const article = await getArticle({ articleId: id });
    return apiJson({ items: await listRevisions({ articleId: article.id }) });
  });

/**
 * POST /api/v1/articles/{id}/revisions — a new version of the text from
 * outside becomes the next revision (editors and admins, write scope). The
 * revision it replaces is the one the If-Match ETag names, as for every
 * conditional write of this API: a stale tag gets 412 with the current
 * article, and a revision saved in between (even between this check and the
 * write) is never replaced unseen. `dryRun: true` answers what saving would
 * do and writes nothing. A body with `url` is the version fetched from that
 * page (as Refresh from URL fetches, through the same guard and the same
 * per-person fetch limit); any other body is the version itself. A saved
 * revision answers 201 with its Location.
 */
export const POST = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const current = await getArticle({ articleId: id });
      const baseRevision = ifMatchRevision(request, current);
      // A Claimdesk JSON export's worth of body (the 2 MB article and 10 MB file limits are the domain's).
      const raw = await readJsonBody(request, { limit: API_REVISION_BODY_LIMIT_BYTES });
      const fromUrl = typeof raw === "object" && raw !== null && !Array.isArray(raw) && "url" in raw;
      const { dryRun, ...version } = fromUrl ? await fetchedVersion(user, current.id, parseInput(revisionFromUrlBody, raw, "api")) : parseInput(revisionCreateBody, raw, "api");
      const input = { articleId: current.id, baseRevision, ...version };
      if (dryRun) {
        const preview = await previewExternalRevision({ actor: user, input });
        if (preview.status === "conflict") return staleArticleResponse(await getArticle({ articleId: current.id }));
        const { baseRevision: base, number, words, counts, claims } = preview;
        return apiJson({ baseRevision: base, number, words, counts, claims }, { etag: articleEtag(articleRepresentation(current)) });
      }
      const result = await saveExternalRevision({ actor: user, input });
      const now = await getArticle({ articleId: current.id });
      if (result.status === "conflict") return staleArticleResponse(now);
      const article = articleRepresentation(now);
      const model = createTextModel(result.plainText);
      const anchors = result.anchors.map((a) => ({
        claimId: a.id,
        state: a.state,
        method: a.method,
        start: a.start,
        end: a.end,
        quote: a.state === "orphaned" ? "" : result.plainText.slice(model.toUtf16(a.start), model.toUtf16(a.end)),
      }));
      return apiJson(
        { article, revision: result.revision, words: result.words, counts: result.counts, anchors },
        { status: 201, etag: articleEtag(article), headers: { location: `/api/v1/articles/${current.id}/revisions/${result.revision.number}` } },
      );
    },
    { write: true },
  );

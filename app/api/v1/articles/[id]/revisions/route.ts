import { getArticle } from "@/db/queries/articles";
import { listRevisions, previewExternalRevision, saveExternalRevision } from "@/db/queries/revisions";
import { API_REVISION_BODY_LIMIT_BYTES } from "@/lib/api/body";
import { articleEtag, articleRepresentation } from "@/lib/api/resources";
import { apiJson, ifMatchRevision, readBodyAs, runApiRoute, staleArticleResponse } from "@/lib/api/route";
import { revisionCreateBody } from "@/lib/api/schemas";
import { createTextModel } from "@/lib/anchoring";

type Context = { params: Promise<{ id: string }> };

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
 * do and writes nothing.
 */
export const POST = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const current = await getArticle({ articleId: id });
      const baseRevision = ifMatchRevision(request, current);
      // A Claimdesk JSON export's worth of body (the 2 MB article and 10 MB file limits are the domain's).
      const { dryRun, ...body } = await readBodyAs(request, revisionCreateBody, { limit: API_REVISION_BODY_LIMIT_BYTES });
      const input = { articleId: current.id, baseRevision, ...body };
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
      return apiJson({ article, revision: result.revision, words: result.words, counts: result.counts, anchors }, { status: 201, etag: articleEtag(article) });
    },
    { write: true },
  );

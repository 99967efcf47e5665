import { getArticle } from "@/db/queries/articles";
import { articleEtag, articleRepresentation } from "@/lib/api/resources";
import { conditionalGet, runApiRoute } from "@/lib/api/route";

type Context = { params: Promise<{ id: string }> };

/** GET /api/v1/articles/{id} — with an ETag; If-None-Match → 304. */
export const GET = (request: Request, { params }: Context) =>
  runApiRoute(request, async () => {
    const { id } = await params;
    const article = articleRepresentation(await getArticle({ articleId: id }));
    return conditionalGet(request, article, articleEtag(article));
  });

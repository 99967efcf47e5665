import { getArticle } from "@/db/queries/articles";
import { getRevision } from "@/db/queries/revisions";
import { apiJson, runApiRoute } from "@/lib/api/route";

type Context = { params: Promise<{ id: string; number: string }> };

/**
 * GET /api/v1/articles/{id}/revisions/{number} — one revision: its number,
 * note, author, date, origin and plain text (where POST …/revisions points
 * its Location). Whoever may read the article may read its revisions.
 */
export const GET = (request: Request, { params }: Context) =>
  runApiRoute(request, async () => {
    const { id, number } = await params;
    const article = await getArticle({ articleId: id });
    // A revision never changes once written: a client may keep it.
    return apiJson(await getRevision({ articleId: article.id, number }));
  });

import { createArticle, getArticle } from "@/db/queries/articles";
import { createArticleFromUrl } from "@/db/queries/url-import";
import { dashboardQuerySchema, listDashboardAfter } from "@/db/queries/dashboard";
import { API_ARTICLE_BODY_LIMIT_BYTES } from "@/lib/api/body";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { articleEtag, articleListItem, articleRepresentation } from "@/lib/api/resources";
import { readJsonBody } from "@/lib/api/body";
import { apiJson, queryParams, runApiRoute } from "@/lib/api/route";
import { articleCreateBody, articleFromUrlBody } from "@/lib/api/schemas";
import { parseInput } from "@/lib/validation";
import { AppError } from "@/lib/errors";

/** The dashboard's filters and sort, by the same names (db/queries/dashboard.ts). */
const LIST_FILTERS = ["state", "status", "verdict", "reviewer", "publisher", "from", "to", "sort", "dir"] as const;

/**
 * GET /api/v1/articles — the dashboard's list (editors and admins, as the
 * dashboard), 25 a page, with its filters and order; `cursor` from
 * `nextCursor` for the next page, a keyset position (the last item's sort
 * values and id), so imports between two requests neither skip nor repeat
 * an item. Unlike the dashboard's URL, an unknown parameter or a value the
 * dashboard would ignore is a 400 here: a script should learn of its typo.
 */
export const GET = (request: Request) =>
  runApiRoute(request, async ({ user }) => {
    const params = new URL(request.url).searchParams;
    const query = queryParams(request, LIST_FILTERS, { skip: ["cursor"] });
    const parsed = dashboardQuerySchema.parse(query) as Record<string, unknown>;
    const rejected = Object.keys(query).find((k) => parsed[k] === undefined);
    if (rejected) throw new AppError("bad_request:api", `“${query[rejected]!.slice(0, 60)}” is not a valid value for ${rejected}.`, { [rejected]: "Not a valid value." });
    const page = await listDashboardAfter({ actor: user, input: query, after: decodeCursor(params.get("cursor"), query) });
    return apiJson({ items: page.rows.map(articleListItem), total: page.total, nextCursor: page.next ? encodeCursor(page.next, query) : null });
  });

/**
 * POST /api/v1/articles — imports an article from text, Markdown or HTML, or
 * from a web page's `url`, through the import page's path. A body with `url`
 * is the URL form (ArticleFromUrl), any other the text form (ArticleCreate):
 * chosen by that one member, so each form's errors name its own fields.
 */
export const POST = (request: Request) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const raw = await readJsonBody(request, { limit: API_ARTICLE_BODY_LIMIT_BYTES });
      const fromUrl = typeof raw === "object" && raw !== null && !Array.isArray(raw) && "url" in raw;
      const body = parseInput(fromUrl ? articleFromUrlBody : articleCreateBody, raw, "api");
      // The URL form's domain call is given the body as sent: a field left out keeps the page's value, one sent as null clears it.
      const { id } = fromUrl ? await createArticleFromUrl({ actor: user, input: raw }) : await createArticle({ actor: user, input: body });
      const article = articleRepresentation(await getArticle({ articleId: id }));
      return apiJson(article, { status: 201, etag: articleEtag(article), headers: { location: `/api/v1/articles/${id}` } });
    },
    { write: true },
  );

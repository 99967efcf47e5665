import { createArticle, getArticle } from "@/db/queries/articles";
import { dashboardQuerySchema, getDashboard } from "@/db/queries/dashboard";
import { API_ARTICLE_BODY_LIMIT_BYTES } from "@/lib/api/body";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { articleEtag, articleListItem, articleRepresentation } from "@/lib/api/resources";
import { apiJson, readBodyAs, runApiRoute } from "@/lib/api/route";
import { articleCreateBody } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";

/** The dashboard's filters and sort, by the same names (db/queries/dashboard.ts). */
const LIST_FILTERS = ["state", "status", "verdict", "reviewer", "publisher", "from", "to", "sort", "dir"] as const;

/**
 * GET /api/v1/articles — the dashboard's list (editors and admins, as the
 * dashboard), 25 a page, with its filters; `cursor` from `nextCursor` for the
 * next page. Unlike the dashboard's URL, an unknown parameter or a value the
 * dashboard would ignore is a 400 here: a script should learn of its typo.
 */
export const GET = (request: Request) =>
  runApiRoute(request, async ({ user }) => {
    const params = new URL(request.url).searchParams;
    const query: Record<string, string> = {};
    for (const [key, value] of params) {
      if (key === "cursor") continue;
      if (!(LIST_FILTERS as readonly string[]).includes(key)) {
        throw new AppError("bad_request:api", `Unknown query parameter “${key.slice(0, 40)}”. Filters: ${LIST_FILTERS.join(", ")}, and cursor.`);
      }
      if (key in query) throw new AppError("bad_request:api", `Give “${key}” once.`);
      query[key] = value;
    }
    const parsed = dashboardQuerySchema.parse(query) as Record<string, unknown>;
    const rejected = Object.keys(query).find((k) => parsed[k] === undefined);
    if (rejected) throw new AppError("bad_request:api", `“${query[rejected]!.slice(0, 60)}” is not a valid value for ${rejected}.`, { [rejected]: "Not a valid value." });
    const page = decodeCursor(params.get("cursor"), query);
    const data = await getDashboard({ actor: user, input: { ...query, page: String(page) } });
    const last = data.query.page >= data.pageCount || data.query.page < page;
    return apiJson({
      items: data.query.page < page ? [] : data.rows.map(articleListItem),
      total: data.totals.articles,
      nextCursor: last ? null : encodeCursor(page + 1, query),
    });
  });

/** POST /api/v1/articles — imports an article from text, Markdown or HTML through the import page's path. */
export const POST = (request: Request) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const body = await readBodyAs(request, articleCreateBody, { limit: API_ARTICLE_BODY_LIMIT_BYTES });
      const { id } = await createArticle({ actor: user, input: body });
      const article = articleRepresentation(await getArticle({ articleId: id }));
      return apiJson(article, { status: 201, etag: articleEtag(article), headers: { location: `/api/v1/articles/${id}` } });
    },
    { write: true },
  );

import { search } from "@/db/queries/search";
import { apiJson, queryParams, runApiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

const PARAMS = ["q", "kind", "status", "verdict", "reviewer", "publisher", "from", "to", "page"];

/** GET /api/v1/search?q=… — the search page's search (db/queries/search.ts), with its filters. */
export const GET = (request: Request) =>
  runApiRoute(request, async ({ user }) => {
    const result = await search({ actor: user, input: queryParams(request, PARAMS) });
    if (result.status === "invalid") throw new AppError("bad_request:api", result.message, { q: result.message });
    return apiJson(result);
  });

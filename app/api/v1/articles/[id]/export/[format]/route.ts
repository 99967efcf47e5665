import { renderArticleExport } from "@/db/queries/export";
import { runApiRoute } from "@/lib/api/route";

type Context = { params: Promise<{ id: string; format: string }> };

/** GET /api/v1/articles/{id}/export/{format}?scope=all|approved — the download's file, rendered by the same code. */
export const GET = (request: Request, { params }: Context) =>
  runApiRoute(request, async () => {
    const { id, format } = await params;
    const file = await renderArticleExport({ articleId: id, format, scope: new URL(request.url).searchParams.get("scope") });
    return new Response(file.body, {
      status: 200,
      headers: { "content-type": file.contentType, "cache-control": "private, no-cache", "x-content-type-options": "nosniff" },
    });
  });

import { renderArticleExport } from "@/db/queries/export";
import { attachmentDisposition } from "@/lib/content-disposition";
import { runRoute } from "@/lib/route";

type Context = { params: Promise<{ id: string; format: string }> };

/**
 * GET /api/articles/{id}/export/{format}?scope=all|approved[&revision=N] — the
 * article and its claims as a file to download (with `revision`, that
 * revision's text and the claims as anchored in it). Every signed-in role may export. IRIs in
 * the file use the configured public origin (NEXTAUTH_URL), not the Host header.
 */
export const GET = (request: Request, { params }: Context) =>
  runRoute(async () => {
    const { id, format } = await params;
    const query = new URL(request.url).searchParams;
    const file = await renderArticleExport({ articleId: id, format, scope: query.get("scope"), revision: query.get("revision") });
    return new Response(file.body, {
      status: 200,
      headers: {
        "content-type": file.contentType,
        "content-disposition": attachmentDisposition(file.filename),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });

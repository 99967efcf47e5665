import { z } from "@/lib/zod";
import { configuredOrigin, loadExportBundle } from "@/db/queries/export";
import { attachmentDisposition } from "@/lib/content-disposition";
import { AppError } from "@/lib/errors";
import { EXPORT_FORMATS, exportFilename, isExportFormat } from "@/lib/export";
import { runRoute } from "@/lib/route";

type Context = { params: Promise<{ id: string; format: string }> };

const scopeSchema = z.enum(["all", "approved"]);

/**
 * GET /api/articles/{id}/export/{format}?scope=all|approved — the article and
 * its claims as a file to download. Every signed-in role may export. IRIs in
 * the file use the configured public origin (NEXTAUTH_URL), not the Host header.
 */
export const GET = (request: Request, { params }: Context) =>
  runRoute(async () => {
    const { id, format } = await params;
    if (!isExportFormat(format)) throw new AppError("not_found:export", `There is no export format “${format.slice(0, 40)}”.`);
    const rawScope = new URL(request.url).searchParams.get("scope") ?? "all";
    const scope = scopeSchema.safeParse(rawScope);
    if (!scope.success) throw new AppError("bad_request:export", "Choose the claims to export: scope=all or scope=approved.");
    const bundle = await loadExportBundle({ articleId: id, scope: scope.data, origin: configuredOrigin() });
    const spec = EXPORT_FORMATS[format];
    const body = spec.render(bundle);
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": spec.contentType,
        "content-disposition": attachmentDisposition(exportFilename(bundle, format)),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });

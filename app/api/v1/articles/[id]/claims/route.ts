import { getArticle } from "@/db/queries/articles";
import { createClaim, listClaimsForArticle } from "@/db/queries/claims";
import { resolveClaimRange } from "@/lib/api/claims";
import { claimEtag } from "@/lib/api/resources";
import { apiJson, readBodyAs, runApiRoute } from "@/lib/api/route";
import { claimCreateBody } from "@/lib/api/schemas";

type Context = { params: Promise<{ id: string }> };

/** GET /api/v1/articles/{id}/claims — the live claims in document order. */
export const GET = (request: Request, { params }: Context) =>
  runApiRoute(request, async () => {
    const { id } = await params;
    const article = await getArticle({ articleId: id });
    return apiJson({ items: await listClaimsForArticle({ articleId: article.id }) });
  });

/** POST /api/v1/articles/{id}/claims — a claim by quote ({quote, prefix?, suffix?}) or by code-point range ({start, end}). */
export const POST = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const body = await readBodyAs(request, claimCreateBody);
      const article = await getArticle({ articleId: id });
      const range = resolveClaimRange(article.plainText, body);
      const claim = await createClaim({ actor: user, input: { articleId: article.id, ...range } });
      return apiJson(claim, { status: 201, etag: claimEtag(claim), headers: { location: `/api/v1/claims/${claim.id}` } });
    },
    { write: true },
  );

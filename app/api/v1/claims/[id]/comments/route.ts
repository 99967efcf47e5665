import { getClaim } from "@/db/queries/claims";
import { addComment, listComments } from "@/db/queries/comments";
import { apiJson, readBodyAs, runApiRoute } from "@/lib/api/route";
import { commentCreateBody } from "@/lib/api/schemas";

type Context = { params: Promise<{ id: string }> };

/** GET /api/v1/claims/{id}/comments — the discussion, oldest first (deleted comments stay as placeholders). */
export const GET = (request: Request, { params }: Context) =>
  runApiRoute(request, async ({ user }) => {
    const { id } = await params;
    const claim = await getClaim({ claimId: id });
    return apiJson({ items: await listComments({ actor: user, input: { articleId: claim.articleId, claimId: claim.id } }) });
  });

/** POST /api/v1/claims/{id}/comments — adds a comment as the token's owner. */
export const POST = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const { body } = await readBodyAs(request, commentCreateBody);
      const claim = await getClaim({ claimId: id });
      const comment = await addComment({ actor: user, input: { articleId: claim.articleId, claimId: claim.id, body } });
      return apiJson(comment, { status: 201 });
    },
    { write: true },
  );

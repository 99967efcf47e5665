import { getClaim } from "@/db/queries/claims";
import { returnClaim } from "@/db/queries/workflow";
import { claimEtag } from "@/lib/api/resources";
import { readBodyAs, ifMatchVersion, runApiRoute, apiJson, staleResponse } from "@/lib/api/route";
import { returnBody } from "@/lib/api/schemas";

type Context = { params: Promise<{ id: string }> };

/** POST /api/v1/claims/{id}/return — returns the verdict to the reviewer with a reason (editors), on the version If-Match names. */
export const POST = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const version = ifMatchVersion(request, await getClaim({ claimId: id }));
      const { reason } = await readBodyAs(request, returnBody);
      const result = await returnClaim({ actor: user, input: { claimId: id, version, reason } });
      if (result.status === "conflict") return staleResponse(result.current);
      return apiJson(result.claim, { etag: claimEtag(result.claim) });
    },
    { write: true },
  );

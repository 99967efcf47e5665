import { getClaim } from "@/db/queries/claims";
import { submitForApproval } from "@/db/queries/workflow";
import { claimEtag } from "@/lib/api/resources";
import { ifMatchVersion, runApiRoute, apiJson, staleResponse } from "@/lib/api/route";

type Context = { params: Promise<{ id: string }> };

/** POST /api/v1/claims/{id}/submit — submits the claim's verdict for approval, on the version If-Match names. */
export const POST = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const version = ifMatchVersion(request, await getClaim({ claimId: id }));
      const result = await submitForApproval({ actor: user, input: { claimId: id, version } });
      if (result.status === "conflict") return staleResponse(result.current);
      return apiJson(result.claim, { etag: claimEtag(result.claim) });
    },
    { write: true },
  );

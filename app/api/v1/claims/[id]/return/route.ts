import { returnClaim } from "@/db/queries/workflow";
import { claimMoveRoute, readBodyAs } from "@/lib/api/route";
import { returnBody } from "@/lib/api/schemas";

/** POST /api/v1/claims/{id}/return — returns the verdict to the reviewer with a reason (editors), on the version If-Match names. */
export const POST = claimMoveRoute(async ({ user, request, claimId, version }) => {
  const { reason } = await readBodyAs(request, returnBody);
  return returnClaim({ actor: user, input: { claimId, version, reason } });
});

import { submitForApproval } from "@/db/queries/workflow";
import { claimMoveRoute } from "@/lib/api/route";

/** POST /api/v1/claims/{id}/submit — submits the claim's verdict for approval, on the version If-Match names. */
export const POST = claimMoveRoute(({ user, claimId, version }) => submitForApproval({ actor: user, input: { claimId, version } }));

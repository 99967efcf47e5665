import { approveClaim } from "@/db/queries/workflow";
import { claimMoveRoute } from "@/lib/api/route";

/** POST /api/v1/claims/{id}/approve — approves the proposed verdict (editors; not one's own, except admins), on the version If-Match names. */
export const POST = claimMoveRoute(({ user, claimId, version }) => approveClaim({ actor: user, input: { claimId, version } }));

import { findCheckedBefore } from "@/db/queries/matching";
import { apiJson, queryParams, runApiRoute } from "@/lib/api/route";

/**
 * GET /api/v1/checked-before?text=… — the desk's earlier verdicts on the same
 * claim (db/queries/matching.ts), best first: what the workspace's "Checked
 * before" panel shows for a selection.
 */
export const GET = (request: Request) =>
  runApiRoute(request, async ({ user }) => apiJson({ items: await findCheckedBefore({ actor: user, input: queryParams(request, ["text", "claimId"]) }) }));

import { findCheckedBefore } from "@/db/queries/matching";
import { apiJson, runApiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

const PARAMS = ["text", "claimId"];

/**
 * GET /api/v1/checked-before?text=… — the desk's earlier verdicts on the same
 * claim (db/queries/matching.ts), best first: what the workspace's "Checked
 * before" panel shows for a selection.
 */
export const GET = (request: Request) =>
  runApiRoute(request, async ({ user }) => {
    const input: Record<string, string> = {};
    for (const [key, value] of new URL(request.url).searchParams) {
      if (!PARAMS.includes(key)) throw new AppError("bad_request:api", `Unknown query parameter “${key.slice(0, 40)}”. Parameters: ${PARAMS.join(", ")}.`);
      input[key] = value;
    }
    return apiJson({ items: await findCheckedBefore({ actor: user, input }) });
  });

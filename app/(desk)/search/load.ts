import "server-only";
import { filterOptions } from "@/db/queries/dashboard";
import { search } from "@/db/queries/search";
import { getVerdictScale } from "@/db/queries/verdict-scale";
import { requirePageUser } from "@/lib/auth";

/**
 * Everything the /search page shows, for the signed-in user (anonymous
 * visitors are sent to sign-in). A module of its own so the authorization
 * matrix can call exactly what the page calls.
 */
export async function loadSearchPage(input: Record<string, string | string[] | undefined>) {
  const user = await requirePageUser("/search");
  const [result, scale, options] = await Promise.all([search({ actor: user, input }), getVerdictScale(), filterOptions()]);
  return { result, scale, options };
}

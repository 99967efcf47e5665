import "server-only";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";

/** Re-imports a Claimdesk JSON export as a new article (implementation follows). */
export async function importClaimdeskJson({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ id: string }> {
  void actor;
  void input;
  throw new AppError("bad_request:import", "Importing Claimdesk JSON is not available yet.");
}

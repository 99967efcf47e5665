"use server";

import { createClaim, deleteClaim, getArticleClaims, saveClaim } from "@/db/queries/claims";
import { runAction } from "@/lib/action";

// Thin wrappers: session and role checks in runAction, validation and rules in
// the domain layer (db/queries), which route handlers reuse.

export async function createClaimAction(input: unknown) {
  return runAction((user) => createClaim({ actor: user, input }));
}

export async function saveClaimAction(input: unknown) {
  return runAction((user) => saveClaim({ actor: user, input }));
}

export async function deleteClaimAction(input: unknown) {
  return runAction((user) => deleteClaim({ actor: user, input }));
}

export async function listClaimsAction(input: unknown) {
  return runAction(() => getArticleClaims({ input }));
}

"use server";

import { createToken, revokeToken } from "@/db/queries/tokens";
import { runAction } from "@/lib/action";

/** A new API token for the caller; the secret is in this result only. */
export async function createTokenAction(input: unknown) {
  return runAction((user) => createToken({ actor: user, input }));
}

/** Revokes one of the caller's tokens (an admin may revoke anyone's). */
export async function revokeTokenAction(input: unknown) {
  return runAction((user) => revokeToken({ actor: user, input }));
}


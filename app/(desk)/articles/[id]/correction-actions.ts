"use server";

import { CORRECTION_ROLES, discardCorrection, publishCorrection } from "@/db/queries/corrections";
import { runAction } from "@/lib/action";

// Thin wrappers: the role is checked by runAction and again by the domain layer.

export async function publishCorrectionAction(input: unknown) {
  return runAction((user) => publishCorrection({ actor: user, input }), CORRECTION_ROLES);
}

export async function discardCorrectionAction(input: unknown) {
  return runAction((user) => discardCorrection({ actor: user, input }), CORRECTION_ROLES);
}

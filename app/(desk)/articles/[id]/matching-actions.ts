"use server";

import { adoptVerdict, findCheckedBefore } from "@/db/queries/matching";
import { runAction } from "@/lib/action";

// "Checked before" (db/queries/matching.ts): every role may look and use an earlier verdict as a starting point.

export async function checkedBeforeAction(input: unknown) {
  return runAction((user) => findCheckedBefore({ actor: user, input }));
}

export async function adoptVerdictAction(input: unknown) {
  return runAction((user) => adoptVerdict({ actor: user, input }));
}

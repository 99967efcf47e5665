"use server";

import { changeOwnPassword } from "@/db/queries/users";
import { runAction } from "@/lib/action";

/** The one action a user with a one-time password may call. */
export async function changePasswordAction(input: unknown) {
  return runAction((user) => changeOwnPassword({ actor: user, input }), undefined, { allowPendingPasswordChange: true });
}

"use server";

import { signOutOtherSessions } from "@/db/queries/sessions";
import { changeOwnPassword } from "@/db/queries/users";
import { runAction } from "@/lib/action";

/** The one action a user with a one-time password may call. */
export async function changePasswordAction(input: unknown) {
  return runAction((user) => changeOwnPassword({ actor: user, input }), undefined, { allowPendingPasswordChange: true });
}

/** Ends every other session of the caller's account; this browser stays signed in. */
export async function signOutOtherBrowsersAction() {
  return runAction((user) => signOutOtherSessions({ actor: user }));
}

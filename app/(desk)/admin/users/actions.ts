"use server";

import { signOutEverywhere } from "@/db/queries/sessions";
import { createAccount, resetAccountPassword, setAccountDisabled, setAccountRole } from "@/db/queries/users";
import { runAction } from "@/lib/action";

const ADMIN = ["admin"] as const;

export async function createAccountAction(input: unknown) {
  return runAction((user) => createAccount({ actor: user, input }), ADMIN);
}

export async function setAccountRoleAction(input: unknown) {
  return runAction((user) => setAccountRole({ actor: user, input }), ADMIN);
}

export async function setAccountDisabledAction(input: unknown) {
  return runAction((user) => setAccountDisabled({ actor: user, input }), ADMIN);
}

export async function resetAccountPasswordAction(input: unknown) {
  return runAction((user) => resetAccountPassword({ actor: user, input }), ADMIN);
}

export async function signOutEverywhereAction(input: unknown) {
  return runAction((user) => signOutEverywhere({ actor: user, input }), ADMIN);
}

"use server";

import { createVerdict, deleteVerdict, listVerdictScaleWithUsage, moveVerdict, updateVerdict } from "@/db/queries/verdict-scale";
import { runAction } from "@/lib/action";

const ADMIN = ["admin"] as const;

// Each returns the whole scale with usage counts, so the page shows what is stored.

export async function createVerdictAction(input: unknown) {
  return runAction(async (user) => {
    await createVerdict({ actor: user, input });
    return listVerdictScaleWithUsage({ actor: user });
  }, ADMIN);
}

export async function updateVerdictAction(input: unknown) {
  return runAction(async (user) => {
    await updateVerdict({ actor: user, input });
    return listVerdictScaleWithUsage({ actor: user });
  }, ADMIN);
}

export async function moveVerdictAction(input: unknown) {
  return runAction(async (user) => {
    await moveVerdict({ actor: user, input });
    return listVerdictScaleWithUsage({ actor: user });
  }, ADMIN);
}

export async function deleteVerdictAction(input: unknown) {
  return runAction(async (user) => {
    const { remapped } = await deleteVerdict({ actor: user, input });
    return { remapped, scale: await listVerdictScaleWithUsage({ actor: user }) };
  }, ADMIN);
}

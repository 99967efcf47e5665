"use server";

import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhooks,
  retryWebhookDelivery,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
} from "@/db/queries/webhooks";
import { runAction } from "@/lib/action";

const ADMIN = ["admin"] as const;

// Each returns the page's whole state, so it shows what is stored.

export async function listWebhooksAction() {
  return runAction((user) => getWebhooks({ actor: user }), ADMIN);
}

export async function createWebhookEndpointAction(input: unknown) {
  return runAction(async (user) => {
    const { endpoint, secret } = await createWebhookEndpoint({ actor: user, input });
    return { endpoint, secret, state: await getWebhooks({ actor: user }) };
  }, ADMIN);
}

export async function setWebhookEndpointEnabledAction(input: unknown) {
  return runAction(async (user) => {
    await setWebhookEndpointEnabled({ actor: user, input });
    return getWebhooks({ actor: user });
  }, ADMIN);
}

export async function deleteWebhookEndpointAction(input: unknown) {
  return runAction(async (user) => {
    await deleteWebhookEndpoint({ actor: user, input });
    return getWebhooks({ actor: user });
  }, ADMIN);
}

export async function rotateWebhookSecretAction(input: unknown) {
  return runAction(async (user) => {
    const { endpoint, secret } = await rotateWebhookSecret({ actor: user, input });
    return { endpoint, secret, state: await getWebhooks({ actor: user }) };
  }, ADMIN);
}

export async function retryWebhookDeliveryAction(input: unknown) {
  return runAction(async (user) => {
    await retryWebhookDelivery({ actor: user, input });
    return getWebhooks({ actor: user });
  }, ADMIN);
}

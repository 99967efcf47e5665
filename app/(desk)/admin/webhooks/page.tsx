import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getWebhooks } from "@/db/queries/webhooks";
import { requirePageUser } from "@/lib/auth";
import { WebhooksAdmin } from "./webhooks-admin";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requirePageUser("/admin/webhooks");
  if (user.role !== "admin") notFound();
  return <WebhooksAdmin initial={await getWebhooks({ actor: user })} />;
}

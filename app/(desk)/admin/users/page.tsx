import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listAccounts } from "@/db/queries/users";
import { requirePageUser } from "@/lib/auth";
import { AccountsAdmin } from "./accounts-admin";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requirePageUser("/admin/users");
  if (user.role !== "admin") notFound();
  const accounts = await listAccounts({ actor: user });
  return <AccountsAdmin accounts={accounts} currentUserId={user.id} />;
}

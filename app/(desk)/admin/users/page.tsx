import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listAllTokens } from "@/db/queries/tokens";
import { listAccounts } from "@/db/queries/users";
import { requirePageUser } from "@/lib/auth";
import { AccountsAdmin } from "./accounts-admin";
import { DeskTokens } from "./desk-tokens";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requirePageUser("/admin/users");
  if (user.role !== "admin") notFound();
  const [accounts, tokens] = await Promise.all([listAccounts({ actor: user }), listAllTokens({ actor: user })]);
  return (
    <>
      <AccountsAdmin accounts={accounts} currentUserId={user.id} />
      <DeskTokens initial={tokens} />
    </>
  );
}

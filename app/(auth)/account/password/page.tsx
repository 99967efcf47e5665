import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { openSessionCounts } from "@/db/queries/sessions";
import { listTokens } from "@/db/queries/tokens";
import { getCurrentUser } from "@/lib/auth";
import { OtherBrowsers } from "./other-browsers";
import { PasswordForm } from "./password-form";
import { Tokens } from "./tokens";

export const metadata: Metadata = { title: "Choose a password" };

/**
 * Outside the desk layout on purpose: a user with a one-time password is sent
 * here by requirePageUser and may see nothing else until they choose their own.
 */
export default async function PasswordPage() {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent("/account/password")}`);
  const firstTime = !!user.mustChangePassword;
  // Sessions of the account besides this one (this one is live, so counted).
  const others = firstTime ? 0 : Math.max(0, ((await openSessionCounts([user.id])).get(user.id) ?? 1) - 1);
  const tokens = firstTime ? [] : await listTokens({ actor: user });
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-slate-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-bold tracking-tight">
            <span className="text-brand">Claim</span>desk
          </p>
        </div>
        <div className="rounded-lg border border-line bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold">{firstTime ? "Choose your password" : "Change your password"}</h1>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            {firstTime
              ? `Welcome, ${user.name}. You signed in with a one-time password; choose your own to continue.`
              : "Other browsers signed in to your account are signed out."}
          </p>
          <PasswordForm email={user.email} askCurrent={!firstTime} />
        </div>
        {firstTime ? null : <OtherBrowsers others={others} />}
        {firstTime ? null : <Tokens initial={tokens} />}
        {firstTime ? null : (
          <p className="mt-4 text-center text-sm">
            <Link href="/articles" className="text-brand hover:underline">
              Back to the articles
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}

import { KeyRound } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { requirePageUser } from "@/lib/auth";
import { HeaderSearch, SearchForm } from "./search/header-search";
import { SignOutButton } from "./sign-out-button";

const ROLE_LABEL = { reviewer: "Reviewer", editor: "Editor", admin: "Admin" } as const;

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser("/articles");
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-line bg-white">
        {/* Phones: brand and account on the first row, the navigation on a second, scrollable row. */}
        <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 md:h-14 md:flex-nowrap md:gap-6 md:py-0">
          <Link href="/articles" className="shrink-0 text-lg font-bold tracking-tight">
            <span className="text-brand">Claim</span>desk
          </Link>
          <nav aria-label="Main" className="order-last -mx-2 flex w-[calc(100%+1rem)] items-center gap-1 overflow-x-auto whitespace-nowrap text-sm md:order-none md:mx-0 md:w-auto md:overflow-visible">
            <Link href="/articles" className="rounded px-2 py-1 hover:bg-slate-100">
              Articles
            </Link>
            <Link href="/queue" className="rounded px-2 py-1 hover:bg-slate-100">
              My queue
            </Link>
            <Link href="/articles/import" className="rounded px-2 py-1 hover:bg-slate-100">
              Import article
            </Link>
            {user.role !== "reviewer" ? (
              <Link href="/dashboard" className="rounded px-2 py-1 hover:bg-slate-100">
                Dashboard
              </Link>
            ) : null}
            {user.role === "admin" ? (
              <Link href="/admin/users" className="rounded px-2 py-1 hover:bg-slate-100">
                Admin
              </Link>
            ) : null}
          </nav>
          {/* Phones: between the brand and the account on the first row; wider screens: after the navigation. */}
          <div className="min-w-0 flex-1 md:ml-auto md:max-w-xs lg:max-w-sm">
            <Suspense fallback={<SearchForm />}>
              <HeaderSearch />
            </Suspense>
          </div>
          <div className="flex shrink-0 items-center gap-3 text-sm">
            <span className="hidden text-slate-600 lg:inline">
              {user.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{ROLE_LABEL[user.role]}</span>
            </span>
            <Link href="/account/password" title="Change your password" className="rounded p-1.5 text-slate-600 hover:bg-slate-100 hover:text-ink">
              <KeyRound aria-hidden className="size-4" />
              <span className="sr-only">Change password</span>
            </Link>
            <SignOutButton userId={user.id} />
          </div>
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  );
}

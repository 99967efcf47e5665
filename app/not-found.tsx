import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/**
 * The 404 page for every route (unknown addresses, ids that do not exist or
 * are not published, pages a role may not see). Our own rather than Next's
 * default, whose inline `<style>` the Content-Security-Policy refuses.
 */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-bold tracking-tight">404 · Page not found</h1>
        <p className="mt-3 text-sm text-slate-600">
          There is nothing at this address. The link may be mistyped, or the article or fact-check was removed or is no longer published.
        </p>
        <p className="mt-6 text-sm">
          <Link href="/articles" className="font-medium text-brand underline underline-offset-2">
            Go to the article list
          </Link>
        </p>
      </div>
    </main>
  );
}

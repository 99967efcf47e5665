import Link from "next/link";

/**
 * The frame of the 404 and 403 pages: what happened and a way back. The 404
 * page renders outside the desk's layout (unknown addresses), so it brings the
 * desk's name as a link home; the 403 page renders inside it (`standalone`
 * false), under the desk's own header.
 */
export function StatusPage({ code, title, standalone = true, children }: { code: string; title: string; standalone?: boolean; children: React.ReactNode }) {
  const body = (
    <div className="max-w-md text-center">
      <h1 className="text-2xl font-bold tracking-tight">
        <span className="text-muted">{code} · </span>
        {title}
      </h1>
      <p className="mt-3 text-sm text-slate-600">{children}</p>
      <p className="mt-6 text-sm">
        <Link href="/articles" className="font-medium text-brand underline underline-offset-2">
          Go to the article list
        </Link>
      </p>
    </div>
  );
  if (!standalone) return <div className="flex justify-center px-4 py-16">{body}</div>;
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="border-b border-line bg-white px-4 py-3">
        <Link href="/articles" className="font-semibold tracking-tight text-ink">
          Claimdesk
        </Link>
      </header>
      <main className="flex flex-1 items-center justify-center px-4">
        {body}
      </main>
    </div>
  );
}

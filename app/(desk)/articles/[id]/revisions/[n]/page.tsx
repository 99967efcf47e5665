import { AlertTriangle, ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RevisionDocument } from "@/components/revisions/revision-document";
import { Card } from "@/components/ui/card";
import { AppError } from "@/lib/errors";
import { formatDateTimeUtc } from "@/lib/format";
import { ExportMenu } from "../../export-menu";
import { loadRevisionPage } from "../load";

type Props = { params: Promise<{ id: string; n: string }> };

const load = cache(async (id: string, n: string) => {
  try {
    return await loadRevisionPage(id, n);
  } catch (error) {
    // An unknown article, an unknown revision or one that is not a number: there is no such page.
    if (error instanceof AppError && (error.type === "not_found" || error.type === "bad_request")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, n } = await params;
  const { title, revision } = await load(id, n);
  return { title: `Revision ${revision.number} · ${title}` };
}

export default async function RevisionPage({ params }: Props) {
  const { id, n } = await params;
  const { title, currentRevision, revision, claims, marked, orphaned, orphanLabels } = await load(id, n);
  const current = revision.number === currentRevision;
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <nav aria-label="Revision" className="mb-3 flex flex-wrap gap-x-5 gap-y-1 text-sm">
        <Link href={`/articles/${id}`} className="inline-flex items-center gap-1 text-brand hover:underline">
          <ArrowLeft aria-hidden className="size-4" /> Back to the current text
        </Link>
        <Link href={`/articles/${id}/revisions`} className="text-brand hover:underline">
          All revisions
        </Link>
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium text-muted">
            Revision {revision.number} of {currentRevision}
            {current ? " (current)" : ", read-only"}
          </p>
          <h1 className="font-serif text-2xl font-semibold leading-snug tracking-tight">{title}</h1>
          <p className="mt-1 text-sm text-muted">
            {revision.authorName ?? "Unknown user"} · <time dateTime={revision.createdAt}>{formatDateTimeUtc(revision.createdAt)}</time>
            {revision.note ? <> · {revision.note}</> : null}
          </p>
        </div>
        <ExportMenu articleId={id} revision={revision.number} />
      </div>
      {!current ? (
        <p role="note" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This is the text as it was in revision {revision.number}, with its claims where they were anchored then. It cannot be changed here;{" "}
          <Link href={`/articles/${id}`} className="underline">
            the current text is revision {currentRevision}
          </Link>
          .
        </p>
      ) : null}
      <Card className="px-5 py-4">
        <article aria-label={`Text of revision ${revision.number}`} className="article-text font-serif text-[1.05rem] leading-relaxed">
          <RevisionDocument doc={revision.content} claims={marked} ranges={claims} />
        </article>
      </Card>
      <p className="mt-2 text-xs text-muted">
        {claims.length} {claims.length === 1 ? "claim" : "claims"} in this revision&apos;s text. Verdicts are shown as they stand today.
      </p>
      {orphaned.length ? (
        <section aria-labelledby="orphaned-title" className="mt-6">
          <h2 id="orphaned-title" className="mb-2 flex items-center gap-2 text-base font-semibold">
            <AlertTriangle aria-hidden className="size-4 text-amber-600" /> Claims not in this revision&apos;s text
          </h2>
          <ul className="grid gap-2">
            {orphaned.map((o, i) => (
              <li key={o.id} className="rounded-md border border-line bg-white px-3 py-2 text-sm">
                <blockquote className="border-l-2 border-slate-300 pl-2 text-slate-800">{o.quote}</blockquote>
                <p className="mt-1 text-xs text-muted">{orphanLabels[i]}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

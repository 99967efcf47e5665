import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RevisionDiff } from "@/components/revisions/revision-diff";
import { Alert, Card } from "@/components/ui/card";
import type { RevisionListItem } from "@/db/queries/revision-view";
import { AppError } from "@/lib/errors";
import { formatDateTimeUtc, formatNumber } from "@/lib/format";
import { loadRevisionsPage } from "./load";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (id: string, query: Record<string, string | string[] | undefined>) => {
  try {
    return await loadRevisionsPage(id, query);
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { title } = await load(id, await searchParams);
  return { title: `Revisions · ${title}` };
}

const SOURCE: Record<RevisionListItem["source"], string> = { import: "Imported", editor: "Edited in Claimdesk", outside: "New version from outside" };

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function Affected({ claims }: { claims: RevisionListItem["claims"] }) {
  if (claims.changed === 0 && claims.orphaned === 0) return <>None</>;
  const parts = [claims.changed ? `${plural(claims.changed, "claim", "claims")} changed` : null, claims.orphaned ? `${plural(claims.orphaned, "claim", "claims")} orphaned` : null];
  return <>{parts.filter(Boolean).join(", ")}</>;
}

function RevisionSelect({ name, label, value, numbers }: { name: string; label: string; value: number; numbers: number[] }) {
  return (
    <label className="grid gap-1 text-sm font-medium">
      {label}
      <select name={name} defaultValue={String(value)} className="h-9 rounded-md border border-line bg-white px-2 text-sm font-normal">
        {numbers.map((n) => (
          <option key={n} value={n}>
            Revision {n}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function RevisionsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { title, currentRevision, revisions, comparison, compareError, from, to } = await load(id, await searchParams);
  const numbers = revisions.map((r) => r.number);
  const fromValue = Number(from) || Math.max(1, currentRevision - 1);
  const toValue = Number(to) || currentRevision;
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <Link href={`/articles/${id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-brand hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Back to the current text
      </Link>
      <p className="text-sm font-medium text-muted">Revisions</p>
      <h1 className="mb-6 font-serif text-2xl font-semibold leading-snug tracking-tight">{title}</h1>

      <section aria-labelledby="revisions-list-title" className="mb-8">
        <h2 id="revisions-list-title" className="mb-3 text-base font-semibold">
          {plural(revisions.length, "revision", "revisions")}
        </h2>
        <ol aria-label="Revisions, newest first" className="grid gap-3">
          {revisions.map((r) => (
            <li key={r.number} aria-label={`Revision ${r.number}`}>
              <Card className="p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <h3 className="text-base font-semibold">
                    Revision {r.number}
                    {r.number === currentRevision ? <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">Current</span> : null}
                  </h3>
                  {r.number === currentRevision ? (
                    <Link href={`/articles/${id}`} className="text-sm text-brand underline">
                      Open the current text
                    </Link>
                  ) : (
                    <Link href={`/articles/${id}/revisions/${r.number}`} className="text-sm text-brand underline">
                      Open revision {r.number}
                    </Link>
                  )}
                </div>
                <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[auto_1fr]">
                  <dt className="text-muted">Who</dt>
                  <dd>{r.authorName ?? "Unknown user"} · {SOURCE[r.source]}</dd>
                  <dt className="text-muted">When</dt>
                  <dd>
                    <time dateTime={r.createdAt}>{formatDateTimeUtc(r.createdAt)}</time>
                  </dd>
                  <dt className="text-muted">Note</dt>
                  <dd className="whitespace-pre-wrap break-words">{r.note || <span className="text-muted">No note</span>}</dd>
                  <dt className="text-muted">Words</dt>
                  <dd>{r.words ? `${formatNumber(r.words.added)} added, ${formatNumber(r.words.removed)} removed` : "The text as imported"}</dd>
                  <dt className="text-muted">Claims affected</dt>
                  <dd>
                    <Affected claims={r.claims} />
                  </dd>
                </dl>
              </Card>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="compare-title">
        <h2 id="compare-title" className="mb-3 text-base font-semibold">
          Compare two revisions
        </h2>
        {numbers.length < 2 ? (
          <p className="text-sm text-muted">There is only one revision so far: nothing to compare yet.</p>
        ) : (
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
            <RevisionSelect name="from" label="From revision" value={fromValue} numbers={[...numbers].reverse()} />
            <RevisionSelect name="to" label="To revision" value={toValue} numbers={[...numbers].reverse()} />
            <button type="submit" className="h-9 rounded-md bg-brand px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand">
              Compare
            </button>
          </form>
        )}
        {compareError ? <Alert>{compareError}</Alert> : null}
        {comparison ? (
          <Card className="p-4">
            <h3 className="text-sm font-semibold">
              Revision {comparison.from} → revision {comparison.to}: {formatNumber(comparison.words.added)} {comparison.words.added === 1 ? "word" : "words"} added, {formatNumber(comparison.words.removed)} removed
            </h3>
            <p className="mt-1 text-xs text-muted">
              Removed words are struck through, added words underlined. Highlights are the claims of revision {comparison.to}
              {comparison.orphaned.length ? `; ${plural(comparison.orphaned.length, "claim is", "claims are")} not in its text` : ""}.
            </p>
            <div
              role="region"
              aria-label={`Changes from revision ${comparison.from} to revision ${comparison.to}`}
              className="article-text mt-3 whitespace-pre-wrap break-words font-serif text-[1.05rem] leading-relaxed"
            >
              <RevisionDiff pieces={comparison.pieces} claims={comparison.marked} />
            </div>
          </Card>
        ) : null}
      </section>
    </div>
  );
}

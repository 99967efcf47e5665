"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/card";
import type { HistoryChange, HistoryEntry } from "@/lib/history";
import { Timestamp, useNow } from "./timestamp";

function Value({ text, tone }: { text: string; tone: "before" | "after" }) {
  if (text === "") return <em className="px-1.5 py-0.5 text-muted">(empty)</em>;
  return (
    <span
      className={
        tone === "before"
          ? "block max-h-40 overflow-y-auto whitespace-pre-wrap break-words rounded bg-red-50 px-1.5 py-0.5 text-slate-700 line-through decoration-red-300"
          : "block max-h-40 overflow-y-auto whitespace-pre-wrap break-words rounded bg-green-50 px-1.5 py-0.5 text-slate-900"
      }
    >
      {text}
    </span>
  );
}

function Change({ change }: { change: HistoryChange }) {
  if (change.kind === "note") {
    return (
      <div className="grid gap-0.5">
        <dt className="text-xs font-medium text-slate-600">{change.field}</dt>
        <dd className="text-sm">{change.text}</dd>
      </div>
    );
  }
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium text-slate-600">{change.field}</dt>
      <dd className="grid gap-1 text-sm">
        <span className="grid grid-cols-[3.5rem_1fr] items-start gap-1">
          <span className="text-xs text-muted">Before</span>
          <Value text={change.before} tone="before" />
        </span>
        <span className="grid grid-cols-[3.5rem_1fr] items-start gap-1">
          <span className="text-xs text-muted">After</span>
          <Value text={change.after} tone="after" />
        </span>
      </dd>
    </div>
  );
}

/** A claim's timeline, oldest first. Read-only. */
export function ClaimHistory({
  entries,
  loadError,
  articleId,
}: {
  entries: HistoryEntry[] | null;
  loadError: string | null;
  /** When given, an event about a revision links to that revision, read-only. */
  articleId?: string;
}) {
  const now = useNow();
  if (loadError) return <Alert>{loadError}</Alert>;
  if (!entries)
    return (
      <p role="status" className="text-sm text-muted">
        Loading the history…
      </p>
    );
  if (entries.length === 0) return <p className="text-sm text-muted">Nothing recorded yet.</p>;
  return (
    <ol aria-label="History of this claim" className="relative grid gap-3 border-l-2 border-slate-200 pl-4">
      {entries.map((e) => (
        <li key={e.id} className="relative">
          <span aria-hidden className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full border-2 border-white bg-slate-400" />
          <p className="text-sm">
            <strong className="font-semibold">{e.actor}</strong> {e.summary}
          </p>
          <Timestamp iso={e.at} now={now} />
          {e.changes.length ? (
            <dl className="mt-1.5 grid gap-2">
              {e.changes.map((c, i) => (
                <Change key={i} change={c} />
              ))}
            </dl>
          ) : null}
          {articleId && e.revision !== undefined ? (
            <p className="mt-1 text-sm">
              <Link href={`/articles/${articleId}/revisions/${e.revision}`} className="text-brand underline">
                Open revision {e.revision}
              </Link>
            </p>
          ) : null}
          {e.quote ? (
            <figure className="mt-1.5">
              <figcaption className="text-xs font-medium text-slate-600">{e.quote.label}</figcaption>
              <blockquote className="max-h-40 overflow-y-auto whitespace-pre-wrap break-words border-l-2 border-slate-300 pl-2 text-sm text-slate-800">
                {e.quote.text}
              </blockquote>
            </figure>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

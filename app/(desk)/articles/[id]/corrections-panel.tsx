"use client";

import { FileWarning } from "lucide-react";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import type { CorrectionDto } from "@/db/queries/corrections";
import { CORRECTION_KIND_LABELS, CORRECTION_KINDS, describeChange, MAX_CORRECTION_NOTE_LENGTH, type CorrectionKind } from "@/lib/corrections";
import { formatDateTimeUtc } from "@/lib/format";
import { getVerdict } from "@/lib/verdicts";
import { discardCorrectionAction, publishCorrectionAction } from "./correction-actions";

const KIND_HINTS: Record<CorrectionKind, string> = {
  correction: "Something the fact-check said was wrong.",
  clarification: "Something was unclear or incomplete; nothing it said was wrong.",
};

/**
 * The article's corrections log for editors and admins (the page renders it
 * only for them; the actions check again): the open draft the desk recorded
 * since the article was published, with the public note, the kind and
 * Publish correction / Discard draft, and the entries already published.
 */
export function CorrectionsPanel({ initialDraft, initialPublished }: { initialDraft: CorrectionDto | null; initialPublished: CorrectionDto[] }) {
  const [draft, setDraft] = useState(initialDraft);
  const [published, setPublished] = useState(initialPublished);
  const [note, setNote] = useState("");
  const [kind, setKind] = useState<CorrectionKind>("correction");
  const [error, setError] = useState<{ note?: string; form?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const scale = useVerdictScale();
  const id = useId();
  const label = (key: string | null) => (key ? (getVerdict(scale, key)?.label ?? key) : "No verdict");

  if (!draft && published.length === 0 && !done) return null;

  function publish() {
    if (!draft) return;
    if (!note.trim()) {
      setError({ note: "Write the public note: what was wrong or unclear, and what the fact-check says now." });
      return;
    }
    setError(null);
    startTransition(async () => {
      try {
        const result = await publishCorrectionAction({ correctionId: draft.id, changeCount: draft.changes.length, kind, note });
        if (!result.ok) {
          // The typed note stays in the field.
          setError({ form: result.error.message, note: result.error.fieldErrors?.note });
          return;
        }
        setPublished((list) => [result.data, ...list]);
        setDraft(null);
        setNote("");
        setDone(`${CORRECTION_KIND_LABELS[kind]} published on the public page.`);
      } catch {
        setError({ form: "Could not reach the server. Your note is kept; check your connection and try again." });
      }
    });
  }

  function discard() {
    if (!draft) return;
    setError(null);
    startTransition(async () => {
      try {
        const result = await discardCorrectionAction({ correctionId: draft.id, changeCount: draft.changes.length });
        if (!result.ok) {
          setError({ form: result.error.message });
          return;
        }
        setDraft(null);
        setDone("Draft discarded. The next change to the published fact-check starts a new one.");
      } catch {
        setError({ form: "Could not reach the server. Check your connection and try again." });
      }
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="mt-4 max-w-4xl rounded-md border border-amber-300 bg-amber-50/60 p-4">
      <h2 id={`${id}-title`} className="flex items-center gap-2 text-base font-semibold">
        <FileWarning aria-hidden className="size-4 text-amber-700" />
        Corrections
      </h2>
      {done ? (
        <p role="status" className="mt-1 text-sm text-green-800">
          {done}
        </p>
      ) : null}
      {draft ? (
        <div className="mt-2 grid gap-3">
          <div>
            <h3 className="text-sm font-medium">
              Draft: {draft.changes.length} {draft.changes.length === 1 ? "change" : "changes"} since the article was published
            </h3>
            <ul className="mt-1 grid gap-2 text-sm text-slate-700">
              {draft.changes.map((change, i) => {
                const d = describeChange(change, label);
                return (
                  <li key={i} className="rounded border border-line bg-white p-2">
                    <p>
                      {d.summary} <span className="text-muted">({formatDateTimeUtc(change.at)})</span>
                    </p>
                    {d.details.length ? (
                      <dl className="mt-1 grid gap-x-3 gap-y-1 sm:grid-cols-[max-content_1fr]">
                        {d.details.map((x, k) => (
                          <div key={k} className="contents">
                            <dt className="font-medium">{x.label}</dt>
                            <dd className="min-w-0 break-words">
                              <del className="text-muted">{x.before}</del>
                              {x.after ? (
                                <>
                                  {" → "}
                                  <ins className="font-medium no-underline">{x.after}</ins>
                                </>
                              ) : (
                                " (removed)"
                              )}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </div>
          <Field id={`${id}-note`} label="Public note" error={error?.note} hint="Shown on the public page with the changes above: what was wrong or unclear, and what it says now.">
            <Textarea id={`${id}-note`} rows={3} maxLength={MAX_CORRECTION_NOTE_LENGTH} value={note} onChange={(e) => {
                setNote(e.target.value);
                if (error?.note) setError({ ...error, note: undefined });
              }} />
          </Field>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">Kind</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {CORRECTION_KINDS.map((k) => (
                <label key={k} className="flex cursor-pointer items-start gap-2 rounded-md border border-line bg-white p-2 text-sm has-[:checked]:border-brand has-[:checked]:bg-blue-50/50">
                  <input type="radio" name={`${id}-kind`} className="mt-0.5" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  <span>
                    <span className="font-medium">{CORRECTION_KIND_LABELS[k]}</span>
                    <span className="block text-muted">{KIND_HINTS[k]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {error?.form ? <Alert>{error.form}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button disabled={pending} onClick={publish}>
              {pending ? "Working…" : "Publish correction"}
            </Button>
            <Button variant="secondary" disabled={pending} onClick={discard}>
              Discard draft
            </Button>
          </div>
        </div>
      ) : null}
      {published.length ? (
        <div className="mt-3">
          <h3 className="text-sm font-medium">Published</h3>
          <ul className="mt-1 grid gap-1 text-sm text-slate-700">
            {published.map((c) => (
              <li key={c.id}>
                <span className="font-medium">{c.kind ? CORRECTION_KIND_LABELS[c.kind] : "Correction"}</span> · {c.publishedAt ? formatDateTimeUtc(c.publishedAt) : ""}
                {c.publishedByName ? ` · ${c.publishedByName}` : c.imported ? " · imported" : ""} — {c.note}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

import { ArrowLeft } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { VerdictBadge } from "@/components/verdict-badge";
import type { ClaimFields } from "@/lib/claims";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import { getVerdict, type VerdictKey } from "@/lib/verdicts";
import { SaveStatus, type SaveStatusValue } from "./save-status";
import { SourcesEditor } from "./sources-editor";

type Props = {
  claimId: string;
  quote: string;
  orphan: boolean;
  fields: ClaimFields;
  status: SaveStatusValue;
  error?: string;
  /** Values kept only in this browser ("Not saved: <reason>"), by field path: each is shown beside its field and counted in the status. */
  fieldErrors?: Record<string, string>;
  updatedLine: string;
  onChange: (patch: Partial<ClaimFields>) => void;
  onRetry: () => void;
  /** Takes the focus back to the claim in the article (the button, and Escape from any field). */
  onBackToArticle?: () => void;
  /** The "Delete claim" control (components/claims/delete-claim.tsx): it knows who may delete what. */
  remove?: React.ReactNode;
  /** The status, workflow buttons and assignee (the status is not a form field). */
  workflow?: React.ReactNode;
  /** Earlier checks of the same claim ("Checked before"), shown under the quote. */
  earlier?: React.ReactNode;
};

/** The claim's editable fields. Presentational: state and saving live in the page. */
export function ClaimForm({ claimId, quote, orphan, fields, status, error, fieldErrors = {}, updatedLine, onChange, onRetry, onBackToArticle, remove, workflow, earlier }: Props) {
  const id = (name: string) => `claim-${claimId}-${name}`;
  const scale = useVerdictScale();
  const verdict = getVerdict(scale, fields.verdict);
  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => e.preventDefault()}
      aria-labelledby={id("heading")}
      onKeyDown={(e) => {
        // Escape from a field of this form (not from a dialog opened from it, which sits elsewhere in the page).
        if (e.key !== "Escape" || e.defaultPrevented || !onBackToArticle || !e.currentTarget.contains(e.target as Node)) return;
        e.preventDefault();
        onBackToArticle();
      }}
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 id={id("heading")} className="text-base font-semibold">
            Claim
          </h2>
          <p className="text-xs text-muted">{updatedLine}</p>
          {onBackToArticle ? (
            <Button size="sm" variant="ghost" className="-ml-2 mt-1 h-7 px-2 text-xs" aria-keyshortcuts="Escape" title="Back to the article (Esc)" onClick={onBackToArticle}>
              <ArrowLeft aria-hidden /> Back to the article
            </Button>
          ) : null}
        </div>
        <SaveStatus status={status} message={error} notSaved={Object.keys(fieldErrors).length} onRetry={onRetry} />
      </div>

      {workflow}

      <figure className="grid gap-1">
        <figcaption className="text-xs font-medium uppercase tracking-wide text-slate-500">Quoted text {orphan ? "(orphaned)" : ""}</figcaption>
        <blockquote dir="auto" className="border-s-4 border-amber-400 bg-amber-50/60 px-3 py-2 font-serif text-[0.95rem] leading-relaxed text-slate-800">{quote}</blockquote>
        {orphan ? (
          <p className="text-xs text-amber-800">This quote is no longer found in the article text. The claim is kept; re-mark it or delete it.</p>
        ) : null}
      </figure>

      {earlier}

      <Field id={id("checked")} label="Claim as checked" error={fieldErrors.claimAsChecked} hint="The claim restated as a checkable statement.">
        <Textarea
          id={id("checked")}
          dir="auto"
          rows={3}
          value={fields.claimAsChecked}
          aria-invalid={!!fieldErrors.claimAsChecked}
          onChange={(e) => onChange({ claimAsChecked: e.target.value })}
        />
      </Field>
      <Field id={id("claimant")} label="Claimant" error={fieldErrors.claimant} hint="Who made the claim (person, organisation, or the article itself).">
        <Input id={id("claimant")} dir="auto" value={fields.claimant} onChange={(e) => onChange({ claimant: e.target.value })} />
      </Field>
      <div className="grid gap-4">
        <Field id={id("verdict")} label="Verdict" error={fieldErrors.verdict}>
          <NativeSelect
            id={id("verdict")}
            value={fields.verdict ?? ""}
            aria-describedby={id("verdict-description")}
            onChange={(e) => onChange({ verdict: (e.target.value || null) as VerdictKey | null })}
          >
            <option value="">No verdict yet</option>
            {scale.map((v) => (
              <option key={v.key} value={v.key}>
                {v.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <div id={id("verdict-description")} className="-mt-2 flex items-start gap-2 text-xs text-slate-600">
        <VerdictBadge verdict={fields.verdict} />
        <span>{verdict ? verdict.description : "Choose a verdict once the evidence is in."}</span>
      </div>
      <Field id={id("rationale")} label="Rationale" error={fieldErrors.rationale} hint="Why the verdict: what the evidence shows.">
        <Textarea id={id("rationale")} dir="auto" rows={5} value={fields.rationale} onChange={(e) => onChange({ rationale: e.target.value })} />
      </Field>

      <SourcesEditor claimId={claimId} sources={fields.sources} fieldErrors={fieldErrors} onChange={(sources) => onChange({ sources })} />

      {remove ? <div className="border-t border-line pt-3">{remove}</div> : null}
    </form>
  );
}

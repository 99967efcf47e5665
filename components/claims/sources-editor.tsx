import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import type { SourceDto } from "@/lib/claims";
import { ISO_DATE_FORMAT } from "@/lib/format";
import { SOURCE_STANCES, type SourceStance } from "@/lib/verdicts";

type Props = {
  claimId: string;
  sources: SourceDto[];
  fieldErrors?: Record<string, string>;
  onChange: (sources: SourceDto[]) => void;
  disabled?: boolean;
};

/** Today's date where the reviewer is (toISOString would give the UTC date, a day off in the evening or morning). */
function today() {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function newSource(): SourceDto {
  return { id: crypto.randomUUID(), url: "", title: "", publisher: "", excerpt: "", stance: "supports", accessedOn: today() };
}

/** Sources of one claim: add, edit, remove and reorder, each in its own labelled group. */
export function SourcesEditor({ claimId, sources, fieldErrors = {}, onChange, disabled }: Props) {
  const set = (index: number, patch: Partial<SourceDto>) => onChange(sources.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  // The source just added, whose first field takes the focus once it is rendered
  // (it appears above the button, out of Tab order reach from it).
  const added = useRef<string | null>(null);
  useEffect(() => {
    if (!added.current) return;
    const field = document.getElementById(`${claimId}-source-${added.current}-url`);
    if (!field) return;
    added.current = null;
    field.focus();
    field.scrollIntoView({ block: "nearest" });
  });
  const add = () => {
    const source = newSource();
    added.current = source.id;
    onChange([...sources, source]);
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...sources];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };

  return (
    <section aria-labelledby={`sources-${claimId}`} className="grid gap-3">
      <h3 id={`sources-${claimId}`} className="text-sm font-semibold text-slate-800">
        Sources {sources.length ? <span className="font-normal text-muted">({sources.length})</span> : null}
      </h3>
      {sources.length === 0 ? <p className="text-sm text-muted">No sources yet.</p> : null}
      {fieldErrors.sources ? <p className="text-xs text-red-700">{fieldErrors.sources}</p> : null}
      {sources.map((source, index) => {
        const id = `${claimId}-source-${source.id}`;
        const err = (field: string) => fieldErrors[`sources.${index}.${field}`];
        return (
          <fieldset key={source.id} className="@container grid gap-3 rounded-md border border-line bg-slate-50/60 p-3">
            <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Source {index + 1}</legend>
            <Field
              id={`${id}-url`}
              label="Source URL"
              error={err("url")}
              hint={source.url.trim() === "" ? "Kept in this browser until it has a URL; the rest of the claim saves meanwhile." : undefined}
            >
              <Input
                id={`${id}-url`}
                type="url"
                inputMode="url"
                placeholder="https://"
                value={source.url}
                aria-invalid={!!err("url")}
                disabled={disabled}
                onChange={(e) => set(index, { url: e.target.value })}
              />
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id={`${id}-title`} label="Source title" error={err("title")}>
                <Input id={`${id}-title`} value={source.title} disabled={disabled} onChange={(e) => set(index, { title: e.target.value })} />
              </Field>
              <Field id={`${id}-publisher`} label="Publisher" error={err("publisher")}>
                <Input id={`${id}-publisher`} value={source.publisher} disabled={disabled} onChange={(e) => set(index, { publisher: e.target.value })} />
              </Field>
            </div>
            <Field id={`${id}-excerpt`} label="Excerpt" error={err("excerpt")}>
              <Textarea id={`${id}-excerpt`} rows={2} value={source.excerpt} disabled={disabled} onChange={(e) => set(index, { excerpt: e.target.value })} />
            </Field>
            {/* Side by side only where the panel is wide enough for "Supports the claim" in full. */}
            <div className="grid gap-3 @md:grid-cols-2">
              <Field id={`${id}-stance`} label="Stance" error={err("stance")}>
                <NativeSelect
                  id={`${id}-stance`}
                  value={source.stance}
                  disabled={disabled}
                  onChange={(e) => set(index, { stance: e.target.value as SourceStance })}
                >
                  {SOURCE_STANCES.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <Field id={`${id}-accessed`} label="Accessed on" hint={ISO_DATE_FORMAT} error={err("accessedOn")}>
                <Input
                  id={`${id}-accessed`}
                  type="date"
                  value={source.accessedOn ?? ""}
                  disabled={disabled}
                  onChange={(e) => set(index, { accessedOn: e.target.value || null })}
                />
              </Field>
            </div>
            <div className="flex flex-wrap gap-1">
              <Button size="sm" variant="ghost" disabled={disabled || index === 0} onClick={() => move(index, -1)} aria-label={`Move source ${index + 1} up`}>
                <ArrowUp aria-hidden /> Up
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={disabled || index === sources.length - 1}
                onClick={() => move(index, 1)}
                aria-label={`Move source ${index + 1} down`}
              >
                <ArrowDown aria-hidden /> Down
              </Button>
              <Button
                size="sm"
                variant="ghost"
                className="ml-auto text-red-700 hover:bg-red-50"
                disabled={disabled}
                onClick={() => onChange(sources.filter((_, i) => i !== index))}
                aria-label={`Remove source ${index + 1}`}
              >
                <Trash2 aria-hidden /> Remove
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <Button variant="secondary" size="sm" disabled={disabled} onClick={add}>
          <Plus aria-hidden /> Add source
        </Button>
      </div>
    </section>
  );
}

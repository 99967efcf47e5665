"use client";

import { ArrowDown, ArrowUp, Pencil, Plus, Trash2, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { VERDICT_ICONS } from "@/components/verdict-badge";
import type { VerdictUsage } from "@/db/queries/verdict-scale";
import type { ActionResult } from "@/lib/errors";
import { cn } from "@/lib/utils";
import { MIN_TEXT_CONTRAST, whiteTextContrast } from "@/lib/verdict-scale-rules";
import { VERDICT_ICON_KEYS, type VerdictIcon } from "@/lib/verdicts";
import { createVerdictAction, deleteVerdictAction, moveVerdictAction, updateVerdictAction } from "./actions";

const ICON_LABELS: Record<VerdictIcon, string> = {
  "check-circle": "Tick in a circle",
  check: "Tick",
  "circle-half": "Slashed circle",
  "alert-triangle": "Warning triangle",
  "x-circle": "Cross in a circle",
  shuffle: "Crossing arrows",
  "help-circle": "Question mark",
  circle: "Plain circle",
};

const OFFLINE = "Could not reach the server. Check your connection and try again.";

async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch {
    return { ok: false, error: { code: "internal", message: OFFLINE } };
  }
}

function claimsText(n: number): string {
  return n === 0 ? "Not used yet" : n === 1 ? "Used by 1 claim" : `Used by ${n} claims`;
}

/** The badge as reviewers see it, for a verdict that may not be saved yet. */
function BadgePreview({ label, color, icon }: { label: string; color: string; icon: VerdictIcon }) {
  const Icon = VERDICT_ICONS[icon] ?? VERDICT_ICONS.circle;
  const valid = /^#[0-9a-f]{6}$/i.test(color);
  return (
    <span
      className="inline-flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium text-white"
      style={{ backgroundColor: valid ? color : "#64748b" }}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      <span className="truncate">{label || "New verdict"}</span>
    </span>
  );
}

type Editing = { mode: "add" } | { mode: "edit"; verdict: VerdictUsage } | null;

export function VerdictsAdmin({ initial }: { initial: VerdictUsage[] }) {
  const router = useRouter();
  const [scale, setScale] = useState(initial);
  const [notice, setNotice] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<VerdictUsage | null>(null);
  const [, startTransition] = useTransition();
  // After a move the row is re-ordered in the DOM, which drops the focus: put it back on the same button.
  const refocus = useRef<{ key: string; direction: "up" | "down" } | null>(null);

  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const pick = (d: string) => document.querySelector<HTMLButtonElement>(`[data-move="${target.key}:${d}"]`);
    const button = pick(target.direction);
    (button && !button.disabled ? button : pick(target.direction === "up" ? "down" : "up"))?.focus();
  }, [scale]);

  function applied(next: VerdictUsage[], text: string) {
    setScale(next);
    setNotice({ tone: "info", text });
    router.refresh();
  }

  // Move buttons are not disabled while a move is saving: a disabled button
  // loses the keyboard focus. A second press while the move itself is on its
  // way is ignored instead; not while the page refresh after it still runs
  // (the transition's `pending`), or a quick second move would be lost.
  const moving = useRef(false);
  function move(v: VerdictUsage, direction: "up" | "down") {
    if (moving.current) return;
    moving.current = true;
    startTransition(async () => {
      const result = await call(() => moveVerdictAction({ key: v.key, direction })).finally(() => {
        moving.current = false;
      });
      if (!result.ok) return setNotice({ tone: "error", text: result.error.message });
      refocus.current = { key: v.key, direction };
      const position = result.data.findIndex((x) => x.key === v.key) + 1;
      applied(result.data, `“${v.label}” moved ${direction} to position ${position} of ${result.data.length}.`);
    });
  }

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-2xl font-semibold tracking-tight">Verdict scale</h1>
          <p className="text-sm text-muted">
            The verdicts reviewers choose from, in this order. Claims keep their verdict when you rename it or change its colour, and the
            change shows everywhere at once.
          </p>
        </div>
        <Button onClick={() => setEditing({ mode: "add" })}>
          <Plus aria-hidden /> Add verdict
        </Button>
      </div>

      {notice ? (
        <Alert tone={notice.tone} className="scroll-mt-20">
          {notice.text}
        </Alert>
      ) : null}

      <Card>
        <ol aria-label="Verdicts in display order" className="divide-y divide-line">
          {scale.map((v, i) => (
            <li key={v.key} className="grid grid-cols-[2rem_1fr] items-start gap-x-3 gap-y-2 px-4 py-4 sm:grid-cols-[2rem_11rem_1fr_auto] sm:items-center">
              <span className="pt-0.5 text-right text-sm tabular-nums text-slate-400 sm:pt-0" aria-hidden>
                {i + 1}
              </span>
              <div className="min-w-0">
                <BadgePreview label={v.label} color={v.color} icon={v.icon} />
              </div>
              <div className="col-start-2 min-w-0 sm:col-start-auto">
                <h2 className="text-sm font-semibold">{v.label}</h2>
                {v.description ? <p className="text-sm text-slate-600">{v.description}</p> : null}
                <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
                  <span>{v.value === null ? "No truth value" : `Truth value ${v.value}`}</span>
                  <span aria-hidden>·</span>
                  <span>{claimsText(v.claimCount)}</span>
                  <span aria-hidden>·</span>
                  <span className="font-mono">{v.color}</span>
                </p>
              </div>
              <div className="col-start-2 flex items-center gap-1 sm:col-start-auto">
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label="Move up"
                  title={`Move “${v.label}” up`}
                  data-move={`${v.key}:up`}
                  disabled={i === 0}
                  onClick={() => move(v, "up")}
                >
                  <ArrowUp aria-hidden />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label="Move down"
                  title={`Move “${v.label}” down`}
                  data-move={`${v.key}:down`}
                  disabled={i === scale.length - 1}
                  onClick={() => move(v, "down")}
                >
                  <ArrowDown aria-hidden />
                </Button>
                <Button variant="secondary" size="sm" className="ml-2" onClick={() => setEditing({ mode: "edit", verdict: v })}>
                  <Pencil aria-hidden /> Edit
                </Button>
                <Button variant="secondary" size="sm" className="text-red-700" disabled={scale.length <= 1} onClick={() => setDeleting(v)}>
                  <Trash2 aria-hidden /> Delete
                </Button>
              </div>
            </li>
          ))}
        </ol>
      </Card>

      <Dialog open={editing !== null} onOpenChange={(open) => (open ? undefined : setEditing(null))}>
        <DialogContent>
          {editing ? (
            <VerdictForm
              key={editing.mode === "edit" ? editing.verdict.key : "new"}
              editing={editing}
              onSaved={(next, text) => {
                setEditing(null);
                applied(next, text);
              }}
            />
          ) : null}
        </DialogContent>
      </Dialog>

      <AlertDialog open={deleting !== null} onOpenChange={(open) => (open ? undefined : setDeleting(null))}>
        <AlertDialogContent className="w-[min(92vw,30rem)]">
          {deleting ? (
            <DeleteForm
              verdict={deleting}
              others={scale.filter((x) => x.key !== deleting.key)}
              onDeleted={(next, remapped, replacementLabel) => {
                setDeleting(null);
                applied(
                  next,
                  remapped > 0
                    ? `“${deleting.label}” deleted; ${remapped === 1 ? "its claim now has" : `its ${remapped} claims now have`} the verdict “${replacementLabel}”.`
                    : `“${deleting.label}” deleted.`,
                );
              }}
            />
          ) : null}
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

function VerdictForm({ editing, onSaved }: { editing: NonNullable<Editing>; onSaved: (scale: VerdictUsage[], message: string) => void }) {
  const start = editing.mode === "edit" ? editing.verdict : null;
  const [label, setLabel] = useState(start?.label ?? "");
  const [description, setDescription] = useState(start?.description ?? "");
  const [color, setColor] = useState(start?.color ?? "#334155");
  const [value, setValue] = useState(start?.value === null || start?.value === undefined ? "" : String(start.value));
  const [icon, setIcon] = useState<VerdictIcon>(start?.icon ?? "circle");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const validColor = /^#[0-9a-f]{6}$/i.test(color.trim());
  const contrast = validColor ? whiteTextContrast(color.trim()) : null;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = { label, description, color, value, icon };
    startTransition(async () => {
      const result = await call(() =>
        editing.mode === "edit" ? updateVerdictAction({ key: editing.verdict.key, fields }) : createVerdictAction(fields),
      );
      if (result.ok) {
        onSaved(result.data, editing.mode === "edit" ? `“${label.trim()}” saved.` : `“${label.trim()}” added at the end of the scale.`);
        return;
      }
      // Field errors come back as "fields.label" from an edit and "label" from an add.
      const fieldErrors: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.error.fieldErrors ?? {})) fieldErrors[k.replace(/^fields\./, "")] = v;
      setErrors(fieldErrors);
      setMessage(Object.keys(fieldErrors).length ? null : result.error.message);
      const first = ["label", "description", "color", "value", "icon"].find((k) => fieldErrors[k]);
      if (first) document.getElementById(`verdict-${first}`)?.focus();
    });
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-4">
      <div>
        <DialogTitle>{editing.mode === "edit" ? `Edit “${editing.verdict.label}”` : "Add a verdict"}</DialogTitle>
        <DialogDescription>
          {editing.mode === "edit"
            ? "Claims with this verdict keep it; they show the new label, colour and icon."
            : "It is added at the end of the scale; move it where it belongs afterwards."}
        </DialogDescription>
      </div>
      {message ? <Alert>{message}</Alert> : null}
      <Field id="verdict-label" label="Label" error={errors.label}>
        <Input id="verdict-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={40} required autoFocus />
      </Field>
      <Field id="verdict-description" label="Description" error={errors.description} hint="Shown to reviewers when they choose a verdict.">
        <Textarea id="verdict-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={300} rows={2} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="verdict-color" label="Colour" error={errors.color}>
          <div className="flex gap-2">
            <input
              type="color"
              aria-label="Pick a colour"
              value={validColor ? color.trim().toLowerCase() : "#334155"}
              onChange={(e) => setColor(e.target.value)}
              className="h-9 w-12 shrink-0 cursor-pointer rounded-md border border-slate-500 bg-white p-1"
            />
            <Input
              id="verdict-color"
              value={color}
              onChange={(e) => setColor(e.target.value)}
              maxLength={7}
              spellCheck={false}
              className="font-mono"
              aria-describedby="verdict-contrast"
            />
          </div>
        </Field>
        <Field id="verdict-icon" label="Icon" error={errors.icon}>
          <NativeSelect id="verdict-icon" value={icon} onChange={(e) => setIcon(e.target.value as VerdictIcon)}>
            {VERDICT_ICON_KEYS.map((k) => (
              <option key={k} value={k}>
                {ICON_LABELS[k]}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <p id="verdict-contrast" role="status" className={cn("-mt-2 text-xs", contrast !== null && contrast < MIN_TEXT_CONTRAST ? "text-amber-800" : "text-muted")}>
        {contrast === null ? (
          "Type a colour like #1d4ed8."
        ) : contrast < MIN_TEXT_CONTRAST ? (
          <span className="inline-flex items-start gap-1">
            <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
            White text on this colour has a contrast of {contrast.toFixed(1)}:1, below the {MIN_TEXT_CONTRAST}:1 needed to read it easily. Choose a darker
            colour.
          </span>
        ) : (
          `White text on this colour: contrast ${contrast.toFixed(1)}:1.`
        )}
      </p>
      <Field
        id="verdict-value"
        label="Truth value (0–1)"
        error={errors.value}
        hint="1 is true, 0 is false; used to compare verdicts. Leave empty for verdicts that say nothing about truth, like Unverifiable."
      >
        <Input id="verdict-value" value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" className="w-32" />
      </Field>
      <div className="flex items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
        Preview <BadgePreview label={label.trim()} color={color.trim()} icon={icon} />
      </div>
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing.mode === "edit" ? "Save verdict" : "Add verdict"}
        </Button>
      </div>
    </form>
  );
}

function DeleteForm({
  verdict,
  others,
  onDeleted,
}: {
  verdict: VerdictUsage;
  others: VerdictUsage[];
  onDeleted: (scale: VerdictUsage[], remapped: number, replacementLabel: string) => void;
}) {
  const [replacement, setReplacement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const used = verdict.claimCount > 0;

  function onDelete() {
    startTransition(async () => {
      const result = await call(() => deleteVerdictAction({ key: verdict.key, replacement: used ? replacement : null }));
      if (result.ok) {
        onDeleted(result.data.scale, result.data.remapped, others.find((o) => o.key === replacement)?.label ?? "");
      } else {
        setError(result.error.fieldErrors?.replacement ?? result.error.message);
        if (result.error.fieldErrors?.replacement) document.getElementById("verdict-replacement")?.focus();
      }
    });
  }

  return (
    <div className="grid gap-4">
      <div className="grid gap-2">
        <AlertDialogTitle>Delete “{verdict.label}”?</AlertDialogTitle>
        <AlertDialogDescription>
          {used
            ? `${verdict.claimCount === 1 ? "1 claim uses" : `${verdict.claimCount} claims use`} this verdict. Choose the verdict ${verdict.claimCount === 1 ? "it gets" : "they get"} instead; each change is recorded in the claim's history.`
            : "No claim uses this verdict. Reviewers will no longer be able to choose it."}
        </AlertDialogDescription>
      </div>
      {used ? (
        <Field id="verdict-replacement" label="Map its claims to" error={error ?? undefined}>
          <NativeSelect id="verdict-replacement" value={replacement} onChange={(e) => setReplacement(e.target.value)}>
            <option value="">Choose a verdict…</option>
            {others.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : error ? (
        <Alert>{error}</Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <AlertDialogCancel asChild>
          <Button variant="secondary">Cancel</Button>
        </AlertDialogCancel>
        <Button variant="destructive" disabled={pending} onClick={onDelete}>
          {pending ? "Deleting…" : used ? "Map claims and delete" : "Delete verdict"}
        </Button>
      </div>
    </div>
  );
}

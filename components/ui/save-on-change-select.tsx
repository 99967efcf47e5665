"use client";

import { useId, useState, type ReactNode } from "react";
import { NativeSelect } from "@/components/ui/input";

/** What saving a choice gave: the stored value and a sentence saying so, or why it was refused. */
export type SaveOutcome = { ok: true; value: string; message: string } | { ok: false; message: string };

/**
 * A labelled select whose choice is saved at once (the article's assignee,
 * its language). While saving it is disabled; a refusal or a lost connection
 * puts the previous choice back and says why, next to it, for screen readers
 * too. `children` draws the options for the current value.
 */
export function SaveOnChangeSelect({
  label,
  initial,
  save,
  className,
  children,
}: {
  label: string;
  initial: string;
  save: (next: string) => Promise<SaveOutcome>;
  className?: string;
  children: (value: string) => ReactNode;
}) {
  const id = useId();
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const change = async (next: string) => {
    const previous = value;
    setValue(next);
    setBusy(true);
    setMessage(null);
    try {
      const outcome = await save(next);
      if (outcome.ok) setValue(outcome.value);
      else setValue(previous);
      setMessage({ error: !outcome.ok, text: outcome.message });
    } catch {
      setValue(previous);
      setMessage({ error: true, text: "Could not reach the server. Nothing was changed; try again." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {label}
      </label>
      <NativeSelect id={id} value={value} disabled={busy} onChange={(e) => void change(e.target.value)} className={className}>
        {children(value)}
      </NativeSelect>
      <span aria-live="polite" className={message?.error ? "text-xs text-red-700" : "text-xs text-green-800"}>
        {message?.text ?? ""}
      </span>
    </div>
  );
}

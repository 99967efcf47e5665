"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import type { StaleDraft } from "@/lib/claim-drafts";
import type { ClaimFields } from "@/lib/claims";
import { FIELD_LABELS, showField } from "./conflict-dialog";
import { Timestamp, useNow } from "./timestamp";

type Props = {
  stale: StaleDraft;
  /** The claim as saved now. */
  current: ClaimFields & { version: number; updatedByName: string | null };
  onRestore: () => void;
  onDiscard: () => void;
};

/** "verdict", "verdict and rationale", "claimant, verdict and rationale". */
const list = (keys: (keyof ClaimFields)[]) => {
  const names = keys.map((k) => FIELD_LABELS[k].toLowerCase());
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
};

/**
 * Asks what to do with a draft this browser kept from an earlier version of
 * the claim, instead of replaying it over a colleague's newer save or
 * silently dropping it. Shows what the draft changes and what changed since.
 */
export function StaleDraftNotice({ stale, current, onRestore, onDiscard }: Props) {
  const id = useId();
  const scale = useVerdictScale();
  const now = useNow();
  const others = stale.theirs.filter((k) => !stale.mine.includes(k));
  const both = stale.mine.filter((k) => stale.theirs.includes(k));
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <h2 id={`${id}-title`} className="text-base font-semibold text-amber-950">
        You have unsaved changes from an earlier version of this claim
      </h2>
      <p className="text-slate-800">
        You made them in this browser on version {stale.baseVersion} (<Timestamp iso={stale.savedAt} now={now} className="text-slate-700" />) and they
        were never saved. Since then {current.updatedByName ?? "someone"} saved version {current.version}
        {stale.theirs.length ? `, changing the ${list(stale.theirs)}` : ""}.
      </p>
      <table className="w-full table-fixed border-collapse">
        <caption className="sr-only">Your draft next to the saved version</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="w-28 py-1 pr-2 font-medium">Field</th>
            <th scope="col" className="py-1 pr-2 font-medium">Your draft</th>
            <th scope="col" className="py-1 font-medium">Saved now</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-amber-200 align-top">
          {stale.mine.map((key) => (
            <tr key={key}>
              <th scope="row" className="py-2 pr-2 text-left font-medium">{FIELD_LABELS[key]}</th>
              <td className="whitespace-pre-wrap break-words py-2 pr-2 text-slate-800">{showField(scale, key, stale.fields[key])}</td>
              <td className="whitespace-pre-wrap break-words py-2 text-slate-800">{showField(scale, key, current[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-slate-700">
        Restoring puts your {list(stale.mine)} back over version {current.version} and saves {stale.mine.length === 1 ? "it" : "them"}
        {both.length ? `, replacing what was saved in the ${list(both)}` : ""}
        {others.length ? `; the ${list(others)} stay${others.length === 1 ? "s" : ""} as saved` : ""}. Discarding removes your draft from this browser.
      </p>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDiscard}>
          Discard it
        </Button>
        <Button onClick={onRestore}>Restore my draft</Button>
      </div>
    </section>
  );
}

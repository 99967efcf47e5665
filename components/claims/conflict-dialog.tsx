import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { diffClaimFields, type ClaimFields, type SourceDto } from "@/lib/claims";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import { getVerdict, type VerdictScale } from "@/lib/verdicts";

/** How a claim field is named when two versions are compared. */
export const FIELD_LABELS: Record<keyof ClaimFields, string> = {
  claimAsChecked: "Claim as checked",
  claimant: "Claimant",
  verdict: "Verdict",
  rationale: "Rationale",
  sources: "Sources",
};

/** A field's value as text, for comparing two versions side by side. */
export function showField(scale: VerdictScale, key: keyof ClaimFields, value: unknown): string {
  if (key === "verdict") return getVerdict(scale, value as string)?.label ?? "No verdict";
  if (key === "sources") {
    const list = value as SourceDto[];
    return list.length ? list.map((s, i) => `${i + 1}. ${s.title || s.url || "(untitled)"}`).join("\n") : "No sources";
  }
  return (value as string) || "(empty)";
}

type Props = {
  open: boolean;
  quote: string;
  mine: ClaimFields;
  theirs: ClaimFields;
  theirsBy: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

/** Shows both versions field by field; nothing is overwritten until the user chooses. */
export function ConflictDialog({ open, quote, mine, theirs, theirsBy, onKeepMine, onTakeTheirs }: Props) {
  const scale = useVerdictScale();
  const diff = diffClaimFields(theirs, mine);
  const keys = Object.keys(diff) as (keyof ClaimFields)[];
  return (
    <Dialog open={open}>
      <DialogContent className="w-[min(94vw,52rem)]" onEscapeKeyDown={(e) => e.preventDefault()} onPointerDownOutside={(e) => e.preventDefault()}>
        <DialogTitle>This claim was changed by someone else</DialogTitle>
        <DialogDescription>
          {theirsBy} saved a newer version while you were editing. Choose which version to keep; the other is recorded in the claim’s history.
        </DialogDescription>
        <blockquote className="line-clamp-3 border-l-4 border-amber-400 bg-amber-50/60 px-3 py-2 font-serif text-sm text-slate-800">“{quote}”</blockquote>
        <table className="w-full table-fixed border-collapse text-sm">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="w-32 py-1 pr-2 font-medium">Field</th>
              <th scope="col" className="py-1 pr-2 font-medium">Your version</th>
              <th scope="col" className="py-1 font-medium">Saved version</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line align-top">
            {keys.map((key) => (
              <tr key={key}>
                <th scope="row" className="py-2 pr-2 text-left font-medium">{FIELD_LABELS[key]}</th>
                <td className="whitespace-pre-wrap break-words py-2 pr-2 text-slate-800">{showField(scale, key, mine[key])}</td>
                <td className="whitespace-pre-wrap break-words py-2 text-slate-800">{showField(scale, key, theirs[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onTakeTheirs}>
            Take theirs
          </Button>
          <Button onClick={onKeepMine}>Keep mine</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

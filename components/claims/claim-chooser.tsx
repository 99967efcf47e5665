"use client";

import { useNow } from "@/components/claims/timestamp";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { StatusBadge, VerdictBadge } from "@/components/verdict-badge";
import { absoluteTime, relativeTime } from "@/lib/relative-time";

export type ChooserItem = {
  id: string;
  quote: string;
  verdict: string | null;
  status: string;
  /** Who marked the claim (the server's record of its creator) and when. */
  markedBy: string | null;
  markedAt: string;
  savedBy: string | null;
  savedAt: string;
};

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Where several claims cover the same words, the user picks which one to open. */
export function ClaimChooser({ items, onChoose, onClose }: { items: ChooserItem[]; onChoose: (id: string) => void; onClose: () => void }) {
  const now = useNow();
  return (
    <Dialog open={items.length > 0} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="w-[min(92vw,32rem)]">
        <DialogTitle>Choose a claim</DialogTitle>
        <DialogDescription>{items.length} claims cover this text.</DialogDescription>
        <ul className="grid gap-2">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => onChoose(item.id)}
                className="w-full rounded-md border border-line px-3 py-2 text-start text-sm hover:bg-slate-50"
              >
                <span dir="auto" className="line-clamp-3 font-serif">“{item.quote}”</span>
                <span className="mt-1 flex flex-wrap items-center gap-1.5">
                  <VerdictBadge verdict={item.verdict} />
                  <StatusBadge status={item.status} />
                </span>
                {/* What tells claims over the same words apart: their length, who marked them when, and who last worked on them. */}
                <span className="mt-1 block text-xs text-muted">
                  {wordCount(item.quote)} words · marked by {item.markedBy ?? "a former user"}, {absoluteTime(item.markedAt)}
                </span>
                <span className="block text-xs text-muted">
                  last saved {item.savedBy ? `by ${item.savedBy}, ` : ""}
                  {relativeTime(item.savedAt, now)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}

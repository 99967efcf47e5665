import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { VerdictBadge } from "@/components/verdict-badge";

export type ChooserItem = { id: string; quote: string; verdict: string | null };

/** Where several claims cover the same words, the user picks which one to open. */
export function ClaimChooser({ items, onChoose, onClose }: { items: ChooserItem[]; onChoose: (id: string) => void; onClose: () => void }) {
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
                className="w-full rounded-md border border-line px-3 py-2 text-left text-sm hover:bg-slate-50"
              >
                <span className="line-clamp-3 font-serif">“{item.quote}”</span>
                <span className="mt-1 block">
                  <VerdictBadge verdict={item.verdict} />
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

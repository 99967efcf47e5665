"use client";

import { Keyboard } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";

/**
 * Every shortcut of the article workspace. Alt with letters and arrows, since
 * the browser keeps Alt+Left/Right (back, forward) and Alt+F/E (its menus),
 * and the caret keys alone belong to the article text.
 */
export const WORKSPACE_SHORTCUTS: { keys: string[][]; action: string; where: string }[] = [
  { keys: [["Shift", "←"], ["Shift", "→"]], action: "Select text", where: "Article" },
  { keys: [["Ctrl", "Alt", "M"]], action: "Mark the selection as a claim", where: "Article" },
  { keys: [["Enter"]], action: "Open the claim at the caret", where: "Article" },
  { keys: [["Ctrl", "Enter"]], action: "Go to the open claim's form", where: "Article" },
  { keys: [["Alt", "N"]], action: "Next claim", where: "Article and lists" },
  { keys: [["Alt", "P"]], action: "Previous claim", where: "Article and lists" },
  { keys: [["Alt", "↓"]], action: "Next paragraph", where: "Article" },
  { keys: [["Alt", "↑"]], action: "Previous paragraph", where: "Article" },
  { keys: [["Esc"]], action: "Back to the article", where: "Claim form" },
  { keys: [["/"]], action: "Go to the Search box", where: "Anywhere but a text field" },
  { keys: [["?"]], action: "Show this list", where: "Anywhere but a text field" },
];

function Keys({ combos }: { combos: string[][] }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {combos.map((combo, i) => (
        <span key={combo.join("+")} className="inline-flex items-center gap-1">
          {i > 0 ? <span className="text-xs text-muted">or</span> : null}
          {combo.map((key, j) => (
            <span key={key} className="inline-flex items-center gap-1">
              {j > 0 ? <span aria-hidden className="text-xs text-muted">+</span> : null}
              <kbd className="rounded border border-line bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-ink shadow-sm">{key}</kbd>
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}

/** The "Keyboard shortcuts" button and its dialog (also opened with "?", see the workspace). */
export function KeyboardShortcuts({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <Button variant="ghost" size="sm" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={() => onOpenChange(true)}>
        <Keyboard aria-hidden />
        Keyboard shortcuts
      </Button>
      <DialogContent className="w-[min(92vw,36rem)]">
        <DialogTitle>Keyboard shortcuts</DialogTitle>
        <DialogDescription>On a Mac, use Cmd for Ctrl and Option for Alt.</DialogDescription>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-line text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Keys</th>
              <th scope="col" className="py-2 pr-3 font-medium">Action</th>
              <th scope="col" className="py-2 font-medium">Where</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {WORKSPACE_SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td className="py-2 pr-3 align-top">
                  <Keys combos={s.keys} />
                </td>
                <th scope="row" className="py-2 pr-3 align-top font-normal">
                  {s.action}
                </th>
                <td className="py-2 align-top text-xs text-muted">{s.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}

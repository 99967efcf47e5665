"use client";

import type { Editor } from "@tiptap/core";
import { Pencil } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { presenceLine, type TextEditor } from "@/lib/presence";
import { BlockTypeSelect } from "./block-type";

/** Edit text / Save text / Cancel editing, with the revision's optional note (editors and admins). */
export function TextEditBar({
  editing,
  saving,
  note,
  onNoteChange,
  onEdit,
  onSave,
  onCancel,
  editor,
}: {
  /** The article's editor, for "Block type" (shown only while editing). */
  editor: Editor | null;
  editing: boolean;
  saving: boolean;
  note: string;
  onNoteChange: (note: string) => void;
  onEdit: () => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  if (!editing) {
    return (
      <Button variant="secondary" onClick={onEdit}>
        <Pencil aria-hidden />
        Edit text
      </Button>
    );
  }
  return (
    <div className="flex w-full flex-wrap items-center gap-2" role="group" aria-label="Editing the article text">
      <label className="flex min-w-0 flex-1 basis-56 items-center gap-2 text-sm">
        <span className="shrink-0 text-muted">Note (optional)</span>
        <Input value={note} maxLength={1000} onChange={(e) => onNoteChange(e.target.value)} placeholder="What changed and why" aria-label="Revision note (optional)" />
      </label>
      <BlockTypeSelect editor={editor} />
      <Button onClick={onSave} disabled={saving}>
        {saving ? "Saving…" : "Save text"}
      </Button>
      <Button variant="secondary" onClick={onCancel} disabled={saving}>
        Cancel editing
      </Button>
    </div>
  );
}

export type TextConflict = { number: number; authorName: string | null; createdAt: string; plainText: string; mine: string };

/**
 * The text was saved by someone else since this edit began: both texts side
 * by side, and nothing is thrown away unless the editor says so (the edit
 * stays in this browser until then).
 */
export function TextConflictDialog({ conflict, onLoadCurrent, onKeep }: { conflict: TextConflict | null; onLoadCurrent: () => void; onKeep: () => void }) {
  return (
    <Dialog open={!!conflict} onOpenChange={(open) => (!open ? onKeep() : undefined)}>
      <DialogContent className="w-[min(96vw,64rem)]">
        <DialogTitle>The article text changed while you were editing</DialogTitle>
        <DialogDescription>
          {conflict
            ? `Revision ${conflict.number}${conflict.authorName ? ` was saved by ${conflict.authorName}` : " was saved"} after your edit began, so your edit was not saved. It is kept in this browser: copy what you need from it, then load the current text and make your changes there.`
            : null}
        </DialogDescription>
        {conflict ? (
          <div className="grid gap-3 md:grid-cols-2">
            <section aria-labelledby="text-conflict-current">
              <h3 id="text-conflict-current" className="mb-1 text-sm font-semibold">
                Current text (revision {conflict.number})
              </h3>
              <div tabIndex={0} className="max-h-72 overflow-y-auto whitespace-pre-wrap rounded-md border border-line bg-slate-50 p-2 font-serif text-sm">
                {conflict.plainText}
              </div>
            </section>
            <section aria-labelledby="text-conflict-mine">
              <h3 id="text-conflict-mine" className="mb-1 text-sm font-semibold">
                Your edited text
              </h3>
              <div tabIndex={0} className="max-h-72 overflow-y-auto whitespace-pre-wrap rounded-md border border-line bg-amber-50 p-2 font-serif text-sm">
                {conflict.mine}
              </div>
            </section>
          </div>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onKeep}>
            Keep my edit for now
          </Button>
          <Button onClick={onLoadCurrent}>Discard my edit and load the current text</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

/**
 * Who else is editing the text, for everyone with the article open. A live
 * region that is always there (empty when nobody is), so its changes are
 * announced. Claim work is not held up by it; an editor who edits meanwhile is
 * told the revision conflict keeps both texts.
 */
export function TextEditorsStatus({ editors, editing }: { editors: readonly TextEditor[]; editing: boolean }) {
  const line = presenceLine(editors);
  return (
    <div role="status" aria-label="Who is editing the text" data-presence="" className={line ? "pointer-events-none absolute inset-x-1 top-full z-10 mt-1 flex items-start gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 shadow-sm sm:left-auto sm:max-w-md" : "sr-only"}>
      {line ? (
        <>
          <Pencil aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            {line}.{" "}
            {editing
              ? "You can go on editing: if they save first, Save text shows both texts and loses nothing."
              : "Claims can be marked and saved meanwhile; they follow the text when it is saved."}
          </span>
        </>
      ) : null}
    </div>
  );
}

import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { claimIdsAt } from "./claim-highlights";

export type ReadOnlyTextOptions = {
  /** Called by the documented shortcut (Ctrl/Cmd+Alt+M) to mark the selection as a claim. */
  onMarkClaim: () => void;
  /** Called by Enter with the claims under the caret (innermost first), if any. */
  onOpenClaims: (ids: string[]) => void;
  /** Called by Ctrl/Cmd+Enter: into the form of the claim at the caret. */
  onGoToForm: () => void;
  /** True while an editor is editing the text (Edit text): then the document may change. */
  isEditing: () => boolean;
};

/** Puts the caret at the start of the next (1) or previous (-1) text block; at either end it stays. */
function moveToBlock(state: EditorState, tr: Transaction, dispatch: ((tr: Transaction) => void) | undefined, direction: 1 | -1): boolean {
  const current = state.selection.$head.start();
  let target: number | null = null;
  state.doc.descendants((node, pos) => {
    if (!node.isTextblock) return target === null || direction < 0;
    const start = pos + 1;
    if (direction > 0 && start > current && target === null) target = start;
    if (direction < 0 && start < current) target = start;
    return false;
  });
  if (target === null) return true; // nothing further: keep the key from scrolling the page
  if (dispatch) dispatch(tr.setSelection(TextSelection.create(tr.doc, target)).scrollIntoView());
  return true;
}

/**
 * The article text is read-only, but stays `contenteditable` so reviewers get
 * a caret: they can select with Shift+arrows and press Enter on a highlight.
 * Every transaction that would change the document is refused, except while
 * an editor is editing the text (Edit text), when it behaves as an editor.
 */
export const ReadOnlyText = Extension.create<ReadOnlyTextOptions>({
  name: "readOnlyText",

  addOptions() {
    return { onMarkClaim: () => {}, onOpenClaims: () => {}, onGoToForm: () => {}, isEditing: () => false };
  },

  addKeyboardShortcuts() {
    return {
      "Mod-Alt-m": () => {
        this.options.onMarkClaim();
        return true;
      },
      "Mod-Enter": () => {
        this.options.onGoToForm();
        return true;
      },
      // Paragraph by paragraph (headings and list items count as paragraphs): the caret to the start of the next or previous one.
      "Alt-ArrowDown": () => this.editor.commands.command(({ state, tr, dispatch }) => moveToBlock(state, tr, dispatch, 1)),
      "Alt-ArrowUp": () => this.editor.commands.command(({ state, tr, dispatch }) => moveToBlock(state, tr, dispatch, -1)),
      Enter: () => {
        if (this.options.isEditing()) return false; // a new paragraph, as in any editor
        const ids = claimIdsAt(this.editor.state, this.editor.state.selection.from);
        if (ids.length) this.options.onOpenClaims(ids);
        return true; // never insert a paragraph
      },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("readOnlyText"),
        filterTransaction: (tr) => !tr.docChanged || this.options.isEditing(),
        props: {
          // While editing, pasted and dropped content is parsed by the article schema: the import allow-list.
          handlePaste: () => !this.options.isEditing(),
          handleDrop: () => !this.options.isEditing(),
          handleTextInput: () => !this.options.isEditing(),
        },
      }),
    ];
  },
});

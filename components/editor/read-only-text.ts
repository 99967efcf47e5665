import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { claimIdsAt } from "./claim-highlights";

export type ReadOnlyTextOptions = {
  /** Called by the documented shortcut (Ctrl/Cmd+Alt+M) to mark the selection as a claim. */
  onMarkClaim: () => void;
  /** Called by Enter with the claims under the caret (innermost first), if any. */
  onOpenClaims: (ids: string[]) => void;
};

/**
 * The article text is read-only in this slice, but stays `contenteditable` so
 * reviewers get a caret: they can select with Shift+arrows and press Enter on
 * a highlight. Every transaction that would change the document is refused.
 */
export const ReadOnlyText = Extension.create<ReadOnlyTextOptions>({
  name: "readOnlyText",

  addOptions() {
    return { onMarkClaim: () => {}, onOpenClaims: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      "Mod-Alt-m": () => {
        this.options.onMarkClaim();
        return true;
      },
      Enter: () => {
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
        filterTransaction: (tr) => !tr.docChanged,
        props: {
          handlePaste: () => true,
          handleDrop: () => true,
          handleTextInput: () => true,
        },
      }),
    ];
  },
});

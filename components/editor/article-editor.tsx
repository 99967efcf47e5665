"use client";

import type { Editor, JSONContent } from "@tiptap/core";
import type { Transaction } from "@tiptap/pm/state";
import { EditorContent, useEditor } from "@tiptap/react";
import { memo, useEffect, useRef } from "react";
import { articleExtensions } from "@/lib/article-schema";
import { documentNonce } from "@/lib/document-nonce";
import { langAttribute } from "@/lib/language";
import { ClaimHighlights, claimIdsAt } from "./claim-highlights";
import { ReadOnlyText } from "./read-only-text";

export type ArticleEditorProps = {
  content: JSONContent;
  onReady: (editor: Editor) => void;
  onMarkClaim: () => void;
  /** Claims under a click or under the caret on Enter (innermost first). */
  onOpenClaims: (ids: string[]) => void;
  /** Ctrl/Cmd+Enter: into the form of the claim at the caret (or the open one). */
  onGoToForm: () => void;
  /** True while the text is being edited (Edit text): shown to assistive technology. */
  editing?: boolean;
  /**
   * Whether the document may change, read on every transaction. A ref the
   * parent sets, so a restored edit can be replayed right after turning
   * editing on, before React has rendered again.
   */
  editingRef?: { readonly current: boolean };
  /** Every change of the text, with its transaction (its steps are what Save text sends). */
  onTextChange?: (transaction: Transaction) => void;
  /** The article's language (BCP 47) for the text's `lang`; none when not determined. */
  lang?: string;
};

/**
 * The article in TipTap. Memoised and driven through the editor instance
 * (commands), so typing in the claim panel never re-renders the article.
 */
export const ArticleEditor = memo(function ArticleEditor({ content, onReady, onMarkClaim, onOpenClaims, onGoToForm, editing = false, editingRef, onTextChange, lang }: ArticleEditorProps) {
  const handlers = useRef({ onMarkClaim, onOpenClaims, onGoToForm, onTextChange, editingRef });
  useEffect(() => {
    handlers.current = { onMarkClaim, onOpenClaims, onGoToForm, onTextChange, editingRef };
  });

  const editor = useEditor({
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    // TipTap adds its base styles as a <style> element: the page's CSP admits it by nonce.
    injectNonce: documentNonce(),
    // TipTap's own text direction: every block is rendered with dir="auto", so an
    // Arabic paragraph runs right to left beside an English one. It is an
    // attribute default, so the stored document and its plain text do not change.
    textDirection: "auto",
    extensions: [
      ...articleExtensions,
      ClaimHighlights,
      ReadOnlyText.configure({
        onMarkClaim: () => handlers.current.onMarkClaim(),
        onOpenClaims: (ids) => handlers.current.onOpenClaims(ids),
        onGoToForm: () => handlers.current.onGoToForm(),
        isEditing: () => handlers.current.editingRef?.current ?? false,
      }),
    ],
    content,
    onTransaction: ({ transaction }) => {
      if (transaction.docChanged) handlers.current.onTextChange?.(transaction);
    },
    editorProps: {
      // Room for the sticky header and "Mark claim" bar when the caret is scrolled into view.
      scrollMargin: { top: 160, bottom: 48, left: 0, right: 0 },
      scrollThreshold: { top: 160, bottom: 48, left: 0, right: 0 },
      attributes: {
        class: "article-text",
        role: "textbox",
        "aria-label": "Article text",
        "aria-multiline": "true",
        "aria-readonly": String(!editing),
        "aria-keyshortcuts": "Control+Alt+M Enter Control+Enter Alt+ArrowDown Alt+ArrowUp Alt+N Alt+P",
        "aria-describedby": "article-help",
        spellcheck: String(editing),
        ...(langAttribute(lang) ? { lang: langAttribute(lang) as string } : {}),
      },
      handleClick(view, pos, event) {
        // ProseMirror calls this for plain clicks only: a drag that selects
        // text, or a Shift+click that extends the selection, never gets here.
        // The selection in the state must not decide: on a quick click (a
        // trackpad tap) the browser's "selectionchange" from the mousedown has
        // not been seen yet, so it is still the previous selection (e.g. the
        // claim just marked) and the click would be ignored.
        if (event.button !== 0 || event.shiftKey) return false;
        // While the text is being edited a click places the caret; it does not open claims.
        if (handlers.current.editingRef?.current) return false;
        const ids = claimIdsAt(view.state, pos);
        if (ids.length) handlers.current.onOpenClaims(ids);
        return false;
      },
    },
  });

  useEffect(() => {
    if (editor) onReady(editor);
  }, [editor, onReady]);

  // Assistive technology is told when the text becomes editable; spellchecking helps while writing.
  // The language follows an editor's change of it (the page refreshes with the new value).
  useEffect(() => {
    if (!editor) return;
    const rest = { ...(editor.options.editorProps.attributes as Record<string, string>) };
    delete rest.lang;
    const tag = langAttribute(lang);
    const attributes = { ...rest, "aria-readonly": String(!editing), spellcheck: String(editing), ...(tag ? { lang: tag } : {}) };
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes } });
  }, [editor, editing, lang]);

  return <EditorContent editor={editor} />;
});

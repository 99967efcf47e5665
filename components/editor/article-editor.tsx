"use client";

import type { Editor, JSONContent } from "@tiptap/core";
import { EditorContent, useEditor } from "@tiptap/react";
import { memo, useEffect, useRef } from "react";
import { articleExtensions } from "@/lib/article-schema";
import { documentNonce } from "@/lib/document-nonce";
import { ClaimHighlights, claimIdsAt } from "./claim-highlights";
import { ReadOnlyText } from "./read-only-text";

export type ArticleEditorProps = {
  content: JSONContent;
  onReady: (editor: Editor) => void;
  onMarkClaim: () => void;
  /** Claims under a click or under the caret on Enter (innermost first). */
  onOpenClaims: (ids: string[]) => void;
};

/**
 * The article in TipTap. Memoised and driven through the editor instance
 * (commands), so typing in the claim panel never re-renders the article.
 */
export const ArticleEditor = memo(function ArticleEditor({ content, onReady, onMarkClaim, onOpenClaims }: ArticleEditorProps) {
  const handlers = useRef({ onMarkClaim, onOpenClaims });
  useEffect(() => {
    handlers.current = { onMarkClaim, onOpenClaims };
  });

  const editor = useEditor({
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    // TipTap adds its base styles as a <style> element: the page's CSP admits it by nonce.
    injectNonce: documentNonce(),
    extensions: [
      ...articleExtensions,
      ClaimHighlights,
      ReadOnlyText.configure({
        onMarkClaim: () => handlers.current.onMarkClaim(),
        onOpenClaims: (ids) => handlers.current.onOpenClaims(ids),
      }),
    ],
    content,
    editorProps: {
      attributes: {
        class: "article-text",
        role: "textbox",
        "aria-label": "Article text",
        "aria-multiline": "true",
        "aria-readonly": "true",
        "aria-keyshortcuts": "Control+Alt+M",
        "aria-describedby": "article-help",
        spellcheck: "false",
      },
      handleClick(view, pos, event) {
        // ProseMirror calls this for plain clicks only: a drag that selects
        // text, or a Shift+click that extends the selection, never gets here.
        // The selection in the state must not decide: on a quick click (a
        // trackpad tap) the browser's "selectionchange" from the mousedown has
        // not been seen yet, so it is still the previous selection (e.g. the
        // claim just marked) and the click would be ignored.
        if (event.button !== 0 || event.shiftKey) return false;
        const ids = claimIdsAt(view.state, pos);
        if (ids.length) handlers.current.onOpenClaims(ids);
        return false;
      },
    },
  });

  useEffect(() => {
    if (editor) onReady(editor);
  }, [editor, onReady]);

  return <EditorContent editor={editor} />;
});

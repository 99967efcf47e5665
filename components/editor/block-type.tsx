"use client";

import type { Editor } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import { useEditorState } from "@tiptap/react";
import { NativeSelect } from "@/components/ui/input";

export const BLOCK_TYPES = [
  { value: "paragraph", label: "Paragraph" },
  { value: "heading2", label: "Heading 2" },
  { value: "heading3", label: "Heading 3" },
  { value: "caption", label: "Caption" },
  { value: "quote", label: "Quote" },
] as const;

export type BlockType = (typeof BLOCK_TYPES)[number]["value"];

/** The type of the block the caret is in, or null when it is none of the five (a list item, a level-4 heading). */
export function blockTypeAt(state: EditorState): BlockType | null {
  const { $from } = state.selection;
  const parent = $from.parent;
  let inQuote = false;
  for (let depth = $from.depth - 1; depth > 0; depth--) {
    const name = $from.node(depth).type.name;
    if (name === "listItem") return null;
    if (name === "blockquote") inQuote = true;
  }
  switch (parent.type.name) {
    case "paragraph":
      return inQuote ? "quote" : "paragraph";
    case "caption":
      return inQuote ? null : "caption";
    case "heading": {
      if (inQuote) return null;
      const level = Number(parent.attrs.level);
      return level === 2 ? "heading2" : level === 3 ? "heading3" : null;
    }
    default:
      return null;
  }
}

/**
 * Changes the block at the caret. Only the block's type changes, never its
 * text, so claims stay where they are. A quote is a paragraph inside a
 * blockquote: leaving it lifts the block out first.
 */
export function setBlockType(editor: Editor, type: BlockType): boolean {
  const inQuote = blockTypeAt(editor.state) === "quote";
  if (type === "quote") return editor.chain().setParagraph().setBlockquote().run();
  let chain = editor.chain();
  if (inQuote) chain = chain.lift("blockquote");
  switch (type) {
    case "paragraph":
      return chain.setParagraph().run();
    case "heading2":
      return chain.setHeading({ level: 2 }).run();
    case "heading3":
      return chain.setHeading({ level: 3 }).run();
    case "caption":
      return chain.setNode("caption").run();
  }
}

/**
 * "Block type" while the text is edited. A native select, so the keyboard
 * works as everywhere (arrows or the first letter); the change applies at
 * once and focus stays on the select, so trying types one after the other
 * does not send keystrokes into the text.
 */
export function BlockTypeSelect({ editor }: { editor: Editor | null }) {
  const current = useEditorState({ editor, selector: ({ editor: e }) => (e ? blockTypeAt(e.state) : null) });
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="shrink-0 text-muted">Block type</span>
      <NativeSelect
        className="w-auto"
        value={current ?? ""}
        disabled={!editor}
        onChange={(e) => {
          if (editor && e.target.value) setBlockType(editor, e.target.value as BlockType);
        }}
      >
        {current === null ? (
          <option value="" disabled>
            Other (list or Heading 4)
          </option>
        ) : null}
        {BLOCK_TYPES.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}

import type { JSONContent } from "@tiptap/core";

export const ALLOWED_NODES = ["doc", "paragraph", "text", "heading", "caption", "blockquote", "bulletList", "orderedList", "listItem", "hardBreak"];
export const ALLOWED_MARKS = ["bold", "italic", "link"];

export function* walk(node: JSONContent): Generator<JSONContent> {
  yield node;
  for (const child of node.content ?? []) yield* walk(child);
}

/** The anchoring layer's rule, restated so the tests pin it independently. */
export function expectedPlainText(doc: JSONContent): string {
  const blocks: string[] = [];
  for (const node of walk(doc)) {
    if (node.type === "paragraph" || node.type === "heading" || node.type === "caption") {
      blocks.push((node.content ?? []).map((child) => (child.type === "hardBreak" ? "\n" : (child.text ?? ""))).join(""));
    }
  }
  return blocks.join("\n\n");
}

/** Top-level textblocks as plain strings, for readable assertions. */
export function blockTexts(doc: JSONContent): string[] {
  return (doc.content ?? []).map((block) =>
    [...walk(block)].filter((n) => n.type === "text").map((n) => n.text).join(""),
  );
}

export function texts(doc: JSONContent): string[] {
  return [...walk(doc)].filter((n) => n.type === "text").map((n) => n.text ?? "");
}

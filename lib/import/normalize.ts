import type { JSONContent } from "@tiptap/core";
import { getArticleSchema, isAllowedHref } from "@/lib/article-schema";

const BLOCK_CONTAINERS = new Set(["doc", "blockquote", "bulletList", "orderedList", "listItem"]);
const TEXTBLOCKS = new Set(["paragraph", "heading", "caption"]);
const MARKS = new Set(["bold", "italic", "link"]);

// Invisible to a reader but not to claim anchoring, which matches on text.
// Tab and newline are handled by the parsers; everything else in C0/C1 goes.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function cleanMarks(marks: JSONContent["marks"]): JSONContent["marks"] {
  const kept: NonNullable<JSONContent["marks"]> = [];
  for (const mark of marks ?? []) {
    if (!MARKS.has(mark.type)) continue;
    if (mark.type === "link") {
      const href: unknown = mark.attrs?.href;
      if (typeof href !== "string" || !isAllowedHref(href)) continue;
      // Rebuilt from the schema defaults so nothing but the href comes from
      // the upload (linkedom also reports a missing class as "", not null).
      const attrs = getArticleSchema().marks.link!.create({ href: href.trim() }).attrs;
      kept.push({ type: "link", attrs: { ...attrs } });
    } else {
      kept.push({ type: mark.type });
    }
  }
  return kept.length ? kept : undefined;
}

function cleanInline(nodes: JSONContent[]): JSONContent[] {
  const out: JSONContent[] = [];
  for (const node of nodes) {
    if (node.type === "hardBreak") {
      out.push({ type: "hardBreak" });
    } else if (node.type === "text" && typeof node.text === "string") {
      const text = node.text.replace(CONTROL_CHARS, "");
      if (!text) continue;
      const marks = cleanMarks(node.marks);
      out.push(marks ? { type: "text", text, marks } : { type: "text", text });
    }
  }
  // `<p>text<br></p>` is everywhere in CMS output; leading or trailing breaks
  // would only add stray newlines to the anchored text.
  let start = 0;
  let end = out.length;
  while (start < end && out[start]?.type === "hardBreak") start++;
  while (end > start && out[end - 1]?.type === "hardBreak") end--;
  return out.slice(start, end);
}

function hasVisibleText(nodes: JSONContent[]): boolean {
  return nodes.some((node) => node.type === "text" && (node.text ?? "").trim() !== "");
}

function cleanBlock(node: JSONContent): JSONContent | null {
  const type = node.type ?? "";
  if (TEXTBLOCKS.has(type)) {
    const content = cleanInline(node.content ?? []);
    if (!hasVisibleText(content)) return null;
    if (type === "heading") {
      const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2));
      return { type, attrs: { level }, content };
    }
    return { type, content };
  }
  if (BLOCK_CONTAINERS.has(type)) {
    const content = (node.content ?? []).map(cleanBlock).filter((child) => child !== null);
    if (!content.length) return null;
    // A list item must open with a paragraph; keep an empty one rather than
    // lose a nested list whose parent item had no text of its own.
    if (type === "listItem" && content[0]?.type !== "paragraph") {
      content.unshift({ type: "paragraph" });
    }
    if (type === "orderedList") {
      // The numbering is part of what the article says ("the third reason");
      // the marker style (a, i, …) is presentation and is not kept.
      const start = Number(node.attrs?.start);
      return { type, attrs: { start: Number.isSafeInteger(start) && start >= 0 ? start : 1, type: null }, content };
    }
    return { type, content };
  }
  // Anything else cannot come out of the schema's parser; if it does, it is
  // not trusted.
  return null;
}

/**
 * Defence in depth over whatever the parsers produced: only allow-listed nodes
 * and marks, only safe links, no empty paragraphs. Returns null when nothing
 * readable is left.
 */
export function cleanDocument(doc: JSONContent): JSONContent | null {
  const content = (doc.content ?? []).map(cleanBlock).filter((child) => child !== null);
  if (!content.length) return null;
  // A round trip through the schema merges text nodes left adjacent by dropped
  // marks and fills in default attributes, so the stored JSON is what the
  // editor itself would produce. `check` throws if a content rule is broken:
  // a bug here, but storing a document the editor cannot load would be worse.
  const node = getArticleSchema().nodeFromJSON({ type: "doc", content });
  node.check();
  return node.toJSON() as JSONContent;
}

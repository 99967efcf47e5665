import type { JSONContent } from "@tiptap/core";

/**
 * Plain text never goes near an HTML parser: `<script>` in a .txt file is
 * something the article says, not something to run.
 */
export function textToDocument(body: string): JSONContent {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  // Blank lines before the first or after the last text (a final newline) say
  // nothing about how paragraphs are separated.
  const first = lines.findIndex((line) => line.trim() !== "");
  const last = lines.findLastIndex((line) => line.trim() !== "");
  const hasBlankLine = lines.slice(first, last + 1).some((line) => line.trim() === "");

  const blocks: string[] = [];
  if (hasBlankLine) {
    // Prose convention: blank lines separate paragraphs, single newlines are
    // just where the author's editor wrapped.
    let current: string[] = [];
    for (const line of lines) {
      if (line.trim() === "") {
        if (current.length) blocks.push(current.join(" "));
        current = [];
      } else {
        current.push(line);
      }
    }
    if (current.length) blocks.push(current.join(" "));
  } else {
    // No blank line anywhere: text copied from a web page usually comes out
    // one paragraph per line, and joining them would make one huge paragraph.
    // (A loop, not `push(...lines)`: two million lines overflow the stack as arguments.)
    for (const line of lines) blocks.push(line);
  }

  const content: JSONContent[] = [];
  for (const block of blocks) {
    const text = block.replace(/[ \t]+/g, " ").trim();
    if (text) content.push({ type: "paragraph", content: [{ type: "text", text }] });
  }
  return { type: "doc", content };
}

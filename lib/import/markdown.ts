import { Marked } from "marked";

// A private instance, so `marked.use()` elsewhere in the app can never change
// what the importer produces.
const markdown = new Marked({ gfm: true, breaks: false });

// marked re-lexes every nested container, so its cost grows with nesting depth
// times size, and it recurses once per level: 1,400 lines of ever-deeper list
// items take minutes before overflowing the stack. No article nests quotes or
// lists this deep, so extra depth is flattened before parsing.
const MAX_INDENT_COLUMNS = 32;
const MAX_LEADING_MARKERS = 16;
const LEADING_INDENT = /^[ \t]+/gm;
// One container marker and the blanks after it: a quote (`>`) or a list
// bullet/number. Blanks belong only to the marker before them, so the pattern
// cannot backtrack through the ways of splitting a run of spaces.
const MARKER = String.raw`(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]))[ \t]*`;
const LEADING_MARKERS = new RegExp(`^([ \t]*(?:${MARKER}){${MAX_LEADING_MARKERS}})(?:${MARKER})+`, "gm");

function limitNesting(body: string): string {
  return body
    .replace(LEADING_INDENT, (indent) => (indent.replace(/\t/g, "    ").length > MAX_INDENT_COLUMNS ? " ".repeat(MAX_INDENT_COLUMNS) : indent))
    .replace(LEADING_MARKERS, "$1");
}

/**
 * Markdown is only a convenient way to write HTML: the result goes through the
 * same sanitiser as an uploaded .html file, raw HTML blocks included.
 */
export function markdownToHtml(body: string): string {
  return markdown.parse(limitNesting(body), { async: false });
}

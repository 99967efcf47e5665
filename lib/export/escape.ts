/** Escaping for the HTML and Markdown renderers. */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text and attribute values alike: &, <, >, " and ' become entities. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * Makes user text literal in CommonMark: every character that can start or
 * end inline syntax (emphasis, code, links, images, HTML, entities, footnote
 * references) is backslash-escaped, as are the characters that begin a block
 * at the start of a line (headings, lists, quotes, thematic breaks, setext
 * underlines) and "1." / "1)" list markers. Newlines are left to the caller.
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()<>#+\-!|~&^=]/g, (c) => `\\${c}`).replace(/^(\s*\d+)([.)])/gm, "$1\\$2");
}

/** Escaping for the HTML and Markdown renderers. */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text and attribute values alike: &, <, >, " and ' become entities. */
const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;

export function escapeHtml(value: string): string {
  // Most runs of article text have nothing to escape: test before replacing.
  return HTML_SPECIAL.test(value) ? value.replace(HTML_SPECIAL_ALL, (c) => HTML_ESCAPES[c] as string) : value;
}

/**
 * Makes user text literal in CommonMark: every character that can start or
 * end inline syntax (emphasis, code, links, images, HTML, entities, footnote
 * references) is backslash-escaped, as are the characters that begin a block
 * at the start of a line (headings, lists, quotes, thematic breaks, setext
 * underlines) and "1." / "1)" list markers. Newlines are left to the caller.
 */
const MD_SPECIAL = /[\\`*_{}[\]()<>#+\-!|~&^=]/g;
const LIST_NUMBER = /^(\s*\d+)([.)])/gm;

export function escapeMarkdown(value: string): string {
  return value.replace(MD_SPECIAL, "\\$&").replace(LIST_NUMBER, "$1\\$2");
}

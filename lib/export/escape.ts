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
 * Makes user text literal in CommonMark (and GitHub's extensions) while
 * keeping it readable: characters that open or close inline syntax anywhere
 * (backslash, code, emphasis, link and footnote brackets, HTML, entities,
 * strikethrough, table pipes) are always backslash-escaped; characters that
 * only mean something at the start of a line (headings, lists, block quotes,
 * thematic breaks, setext underlines, "1." / "1)" list markers) are escaped
 * there. Hyphens, parentheses and the like in running text stay as they are.
 * `!` needs no escape: an image needs the `[` after it, which is escaped.
 */
const MD_INLINE = /[\\`*_[\]<&~|]/g;
const MD_LINE_START = /^([ \t]*)([#+\-=>])/gm;
const LIST_NUMBER = /^([ \t]*\d+)([.)])/gm;

export function escapeMarkdown(value: string): string {
  return value.replace(MD_INLINE, "\\$&").replace(MD_LINE_START, "$1\\$2").replace(LIST_NUMBER, "$1\\$2");
}

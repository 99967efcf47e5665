import MarkdownIt from "markdown-it";

/**
 * markdown-it, because it stays linear on the inputs that make other parsers
 * quadratic (bench/markdown-parsers.ts): 100 KB of `*a` takes ~0.1 s where
 * marked took 2–5 s (and 500 KB 100 s), and micromark with GFM 38 s. GFM
 * tables and strikethrough are built in; `linkify` turns bare URLs into links
 * as GitHub does. Raw HTML is passed through (`html: true`) only to reach the
 * same sanitiser as an uploaded .html file, which decides what survives.
 * A private instance, so nothing elsewhere in the app can change its rules.
 */
// markdown-it stops parsing a block (and drops the rest of it) once it is
// nested `maxNesting` levels deep, so nesting no article uses is flattened
// first: the text is kept, only the extra depth goes. With at most 16
// leading markers and 32 columns of indent, no line comes near this limit.
const MAX_NESTING = 200;
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false, maxNesting: MAX_NESTING });
// markdown-it leaves `[text](javascript:…)` as literal brackets; as a link it
// reaches the sanitiser, the one place that decides which links are safe,
// which keeps the text and drops the href (as it does for uploaded HTML).
markdown.validateLink = () => true;

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
  return markdown.render(limitNesting(body));
}

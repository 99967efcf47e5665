/**
 * The importer's Markdown step as it was before issue 8 (marked with GFM and
 * the same nesting limits), kept only so bench/import-bombs.ts can show the
 * old blocking times next to the new ones. Not used by the app.
 */
import { Marked } from "marked";

const markdown = new Marked({ gfm: true, breaks: false });
const MARKER = String.raw`(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]))[ \t]*`;
const LEADING_MARKERS = new RegExp(`^([ \t]*(?:${MARKER}){16})(?:${MARKER})+`, "gm");

export function oldMarkdownToHtml(body: string): string {
  const limited = body
    .replace(/^[ \t]+/gm, (indent) => (indent.replace(/\t/g, "    ").length > 32 ? " ".repeat(32) : indent))
    .replace(LEADING_MARKERS, "$1");
  return markdown.parse(limited, { async: false });
}

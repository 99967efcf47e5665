import type { JSONContent } from "@tiptap/core";
import { DOMParser as ProseMirrorDOMParser, type TagParseRule } from "@tiptap/pm/model";
import { parseHTML } from "linkedom";
import sanitizeHtml from "sanitize-html";
import { getArticleSchema } from "@/lib/article-schema";
import { ImportError } from "./format";

/**
 * Tags the article can express, plus bare structural containers. The
 * containers can carry no attributes and never reach the document (the schema
 * has no node for them); they are kept only so ProseMirror sees block
 * boundaries, otherwise `<div>One</div><div>Two</div>`, which is how most
 * scraped pages are built, would come out as the single word "OneTwo".
 */
const CONTENT_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "ul", "ol", "li", "blockquote", "strong", "b", "em", "i", "a"];
const CONTAINER_TAGS = [
  "div", "section", "article", "main", "header", "footer", "aside", "nav", "address", "hgroup",
  "figure", "figcaption", "dl", "dt", "dd", "pre",
  "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
];

/**
 * Elements whose *content* must go too, not just the tag. sanitize-html
 * replaces its defaults when this option is given, so they are repeated.
 * Beyond the executable and raw-text elements, this covers markup that is not
 * article text: fallback content (iframe, object, video), inert markup
 * (template, noscript) and form controls. Not `form` or `head`:
 * some CMSs wrap the whole page in a <form>, and an unclosed <head> would
 * swallow the article; their dangerous children are listed individually.
 */
const DROP_WITH_CONTENT = [
  "script", "style", "textarea", "option", "xmp",
  "noscript", "template", "iframe", "frame", "frameset", "noframes", "noembed",
  "object", "embed", "applet", "param", "canvas", "audio", "video", "picture",
  "title", "select", "button", "datalist",
  // Chart labels and icon descriptions, meaningless out of their picture.
  // Not <svg> itself: htmlparser2 does not implement the rule that a <p>
  // breaks out of foreign content, so one unclosed `<svg/onload=…>` would
  // swallow the rest of the article. Its tags are discarded like any other.
  "desc", "text",
];

/**
 * Blocks that may be a caption by their class. Not inline ones (span, small):
 * a parser closes the paragraph around a block, so a credit <span> inside body
 * text would split it; not headings, lists or links.
 */
const CAPTION_CLASS_TAGS = new Set(["p", "div", "figcaption"]);
/** A class token naming a caption or credit: "caption", "wp-caption-text", "image__credit", "photo-credits". */
const CAPTION_CLASS = /(?:^|\s)(?:[\w-]*[-_])?(?:caption|credit)s?(?:[-_][\w-]*)?(?=\s|$)/i;

/** Where a caption cannot stand as a block of its own: its text stays part of the enclosing one. */
const NO_CAPTION_INSIDE = "p, h1, h2, h3, h4, h5, h6, figcaption, a, strong, b, em, i";
/** Blocks inside a caption (a <figcaption> of several <p>s): their text is kept, as lines of the caption. */
const BLOCKS_IN_CAPTION = "p, div, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, dl, dt, dd, table, tr, td, th, section, article, header, footer, aside, pre";

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...CONTENT_TAGS, ...CONTAINER_TAGS],
  allowedAttributes: { a: ["href"], ol: ["start"] },
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowedIframeHostnames: [],
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  nonTextTags: DROP_WITH_CONTENT,
  // ProseMirror's parser recurses once per element and overflows the stack a
  // few thousand levels down. Below MAX_HTML_DEPTH (which rejects the file),
  // tags deeper than this are discarded and their text kept.
  nestingLimit: 256,
  // The page title is the article's only h1, so every heading starts at 2.
  transformTags: {
    h1: sanitizeHtml.simpleTransform("h2", {}, false),
    h5: sanitizeHtml.simpleTransform("h4", {}, false),
    h6: sanitizeHtml.simpleTransform("h4", {}, false),
    // Classes are dropped, so a caption a CMS marks by class ("wp-caption-text",
    // "photo-credit") is renamed to the one tag the schema reads as a caption.
    "*": (tagName, attribs) => ({
      tagName: CAPTION_CLASS_TAGS.has(tagName) && CAPTION_CLASS.test(attribs.class ?? "") ? "figcaption" : tagName,
      attribs,
    }),
  },
};

// htmlparser2 keeps open elements in an array it `unshift`s, so parsing is
// quadratic in nesting depth: 2 MB of "<div>" takes minutes. Real pages stay
// well under a hundred levels.
const MAX_HTML_DEPTH = 1000;
// ProseMirror spends ~20 µs per element, so 2 MB of bare `<br>`s is ten
// seconds of server time. A whole saved news page is a few tens of thousands.
const MAX_HTML_ELEMENTS = 100_000;

export function sanitizeArticleHtml(html: string): string {
  let depth = 0;
  let elements = 0;
  return sanitizeHtml(html, {
    ...SANITIZE_OPTIONS,
    onOpenTag: () => {
      if (++elements > MAX_HTML_ELEMENTS) {
        throw new ImportError(
          "too_large",
          "This file has too much formatting to import. Save the article as plain text (.txt) and upload that instead.",
        );
      }
      if (++depth > MAX_HTML_DEPTH) {
        throw new ImportError(
          "unreadable",
          "This file’s formatting is nested too deeply to import. Save the article as plain text (.txt) and upload that instead.",
        );
      }
    },
    // Also called for void and implicitly closed elements, so depth stays true.
    onCloseTag: () => {
      depth = Math.max(0, depth - 1);
    },
  });
}

let parser: ProseMirrorDOMParser | undefined;

/**
 * The schema's own parse rules plus two for tables, used only by the importer:
 * each row becomes a paragraph instead of all rows running together.
 */
function getImportParser(): ProseMirrorDOMParser {
  if (parser) return parser;
  const schema = getArticleSchema();
  const base = ProseMirrorDOMParser.fromSchema(schema);
  const extra: TagParseRule[] = [
    { tag: "tr", node: "paragraph" },
    { tag: "caption", node: "paragraph" },
  ];
  parser = new ProseMirrorDOMParser(schema, [...base.rules, ...extra]);
  return parser;
}

/**
 * Sanitised HTML → TipTap JSON. linkedom stands in for the browser DOM:
 * ProseMirror's parser only walks nodes (nodeType, nodeName, childNodes,
 * getAttribute, matches), all of which linkedom implements.
 */
export function htmlToDocument(html: string): JSONContent {
  const clean = sanitizeArticleHtml(html);
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${clean}</body></html>`);
  const body = document.body;

  // Cells in a row would otherwise be glued together ("Labour42%").
  for (const cell of Array.from(body.querySelectorAll("td, th"))) {
    if (cell.previousElementSibling) cell.before(document.createTextNode(" "));
  }

  // A caption is one textblock: nested captions and blocks inside one are
  // unwrapped (deepest first, so each is seen once), their lines kept apart by
  // a line break; a "caption" inside a paragraph is just part of its text.
  for (const caption of Array.from(body.querySelectorAll("figcaption")).reverse()) {
    if (caption.parentElement?.closest(NO_CAPTION_INSIDE)) {
      caption.replaceWith(...Array.from(caption.childNodes));
      continue;
    }
    for (const inner of Array.from(caption.querySelectorAll(BLOCKS_IN_CAPTION)).reverse()) {
      if (inner.previousSibling) inner.before(document.createElement("br"));
      inner.replaceWith(...Array.from(inner.childNodes));
    }
  }

  // linkedom's element types are structurally the browser's but not nominally.
  const node = getImportParser().parse(body as unknown as Node);
  return node.toJSON() as JSONContent;
}

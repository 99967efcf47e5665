import { getSchema, mergeAttributes, Node, type Extensions } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { StarterKit } from "@tiptap/starter-kit";

/**
 * The article schema is the allow-list: anything the editor or the importer
 * cannot express in it is dropped. Both sides must use this exact list, or a
 * document imported on the server could contain nodes the browser editor
 * silently throws away (and claim anchors would drift).
 *
 * Kept: doc, paragraph, text, heading (2–4), blockquote, bulletList,
 * orderedList, listItem, hardBreak, bold, italic, link, caption.
 */

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

// C0 controls, DEL and C1 controls. URL parsing silently strips tabs and
// newlines (`java\tscript:` is `javascript:` to a browser), so an href that
// still contains one after trimming is hiding something.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** http, https and mailto absolute URLs only; relative and protocol-relative links are refused. */
export function isAllowedHref(href: string): boolean {
  // Called from TipTap with whatever attribute value it has (possibly null).
  if (typeof href !== "string") return false;
  const value = href.trim();
  if (value === "" || CONTROL_CHARS.test(value)) return false;
  let url: URL;
  try {
    // No base URL on purpose: a relative href has no meaning once the article
    // is detached from the page it was scraped from.
    url = new URL(value);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return false;
  if (url.protocol === "mailto:") return true;
  // The URL parser repairs `https:evil.example` and `https:\\evil.example`,
  // but a browser resolves those against the page it is on; only the
  // unambiguous spelling is accepted.
  return /^https?:\/\//i.test(value) && url.hostname !== "";
}

/**
 * A photo caption or credit: a textblock like a paragraph (same place in the
 * plain text, same "\n\n" around it), told apart only so it can be shown and
 * exported as a caption. Rendered as a `<p class="caption">` rather than a
 * <figcaption>, which is only valid inside a <figure> the article does not have.
 */
export const Caption = Node.create({
  name: "caption",
  group: "block",
  content: "inline*",
  defining: true,
  parseHTML() {
    // Above the paragraph rule (50), so a rendered caption pasted back stays one.
    return [{ tag: "p.caption", priority: 60 }, { tag: "figcaption" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["p", mergeAttributes(HTMLAttributes, { class: "caption" }), 0];
  },
});

export const articleExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    link: {
      openOnClick: false,
      autolink: false,
      linkOnPaste: false,
      // `protocols` only registers *extra* schemes with linkifyjs; http(s)
      // and mailto are built in. The real restriction is `isAllowedUri`,
      // which TipTap consults when parsing HTML, rendering and in setLink.
      protocols: [],
      defaultProtocol: "https",
      isAllowedUri: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
    },
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    // Not schema, but editor behaviour the article editor does not want:
    // trailingNode would append an empty paragraph to every document and
    // shift the plain text claims are anchored to.
    undoRedo: false,
    dropcursor: false,
    gapcursor: false,
    trailingNode: false,
    listKeymap: false,
  }),
  Caption,
];

let schema: Schema | undefined;

export function getArticleSchema(): Schema {
  schema ??= getSchema(articleExtensions);
  return schema;
}

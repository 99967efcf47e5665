import type { JSONContent } from "@tiptap/core";

/**
 * Photo captions in plain text and Markdown look like any paragraph; what
 * gives them away is the photo credit at their end: "… in Tehran on October
 * 26, 2024. (Atta Kenare/AFP)". The test is deliberately conservative — a
 * body paragraph wrongly shown small and grey is worse than a caption shown
 * as body text, and an editor can change either with "Block type".
 */

/** The seed's longest caption is 190 characters; body paragraphs are usually far longer. */
const MAX_CAPTION_LENGTH = 320;
const MAX_CREDIT_LENGTH = 80;

/** "Photo: AP", "Photograph by Jane Doe", "File photo", "Credit: …": says outright it is a picture credit. */
const PICTURE_WORD = /^(?:AP\s+)?(?:file\s+)?(?:photo(?:graph)?|picture|image|illustration|credit)s?\b/i;
/** "Atta Kenare/AFP", "AP Photo/John Smith": a photographer and an agency (not "and/or"). */
const NAME_SLASH_AGENCY = /^\p{Lu}[^/()]*\/\s*\p{Lu}/u;
/** "Iranian Army via AP", "Handout via Reuters". */
const VIA_AGENCY = /\svia\s+\p{Lu}/u;
/** An agency alone: "(Reuters)", "(Getty Images)". */
const AGENCY =
  /^(?:AP|AFP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|Bloomberg|Xinhua|dpa|PA(?: Media| Wire)?|Shutterstock|Alamy|Anadolu(?: Agency)?|Associated Press|NurPhoto|SOPA Images|ZUMA(?: Press| Wire)?|WANA|IRNA)(?: Photo| Images|\/Getty Images)?$/i;

/** The credit in parentheses that ends the text, with what comes before it. */
const TRAILING_PARENTHESES = /^(.*?)\s*\(([^()]{1,80})\)$/su;
/** "… in Paris. Photograph: Jane Doe/Reuters" or a line that is only "Photo: AP". */
const TRAILING_PICTURE_CREDIT = /(?:^|[.!?…]\s+|\s[|–—]\s+)(?:photo(?:graph)?|picture|image|credit)(?:\s+by\s+|\s*:\s*)[^.!?]{1,80}$/iu;
/** A caption's own text ends a sentence before the credit ("… 2024. (Reuters)"), or there is none. */
const ENDS_SENTENCE = /(?:^|[.!?…"”’)])$/u;

export function looksLikeCaption(raw: string): boolean {
  const text = raw.trim();
  if (text === "" || text.length > MAX_CAPTION_LENGTH || text.includes("\n")) return false;
  const parenthesised = TRAILING_PARENTHESES.exec(text);
  if (parenthesised) {
    const before = (parenthesised[1] ?? "").trim();
    const credit = (parenthesised[2] ?? "").trim();
    if (credit.length > MAX_CREDIT_LENGTH) return false;
    if (PICTURE_WORD.test(credit)) return true;
    // "said on Monday (AFP)" attributes a sentence; a credit follows a finished caption.
    if (!ENDS_SENTENCE.test(before)) return false;
    return NAME_SLASH_AGENCY.test(credit) || VIA_AGENCY.test(credit) || AGENCY.test(credit);
  }
  return TRAILING_PICTURE_CREDIT.test(text);
}

function inlineText(node: JSONContent): string {
  return (node.content ?? []).map((child) => (child.type === "hardBreak" ? "\n" : (child.text ?? ""))).join("");
}

/**
 * Turns top-level paragraphs that look like photo captions into caption
 * blocks. Only the block type changes, so the plain text (and every claim
 * offset in it) is the same as before. Paragraphs inside quotes and lists are
 * left alone: a caption is never part of either.
 */
export function markCaptions(doc: JSONContent): JSONContent {
  if (!doc.content) return doc;
  return {
    ...doc,
    content: doc.content.map((block) => (block.type === "paragraph" && looksLikeCaption(inlineText(block)) ? { ...block, type: "caption" } : block)),
  };
}

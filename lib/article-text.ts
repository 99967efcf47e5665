/**
 * Maps an article stored as ProseMirror/TipTap JSON to the plain text that
 * claim anchors (lib/anchoring) are expressed over, and back.
 *
 * The plain text must be derivable on the server from the stored JSON alone
 * (no editor, no DOM), and must agree character for character with what the
 * editor shows, so that a range found in the text can be turned into an
 * editor selection/decoration and vice versa. It is therefore defined on the
 * document structure, exactly like ProseMirror's
 * `doc.textBetween(0, doc.content.size, "\n\n", "\n")`:
 *   - the inline content of each textblock (paragraph, heading, caption, code block),
 *     with textblocks separated by "\n\n" — containers (blockquote, lists,
 *     list items) add no text of their own;
 *   - a hardBreak is "\n"; text nodes contribute their text verbatim.
 *
 * ProseMirror positions are computed from the JSON with ProseMirror's own
 * rules: a text node's size is its length, a leaf node's size is 1, any other
 * node's size is 2 (open + close token) plus its content; the doc's content
 * starts at 0 and a node starting at p has its content at p + 1.
 */

/**
 * TipTap `JSONContent`, reduced to what we read. `type` is optional, as in
 * JSONContent, so editor and importer output can be passed in directly; a
 * node without a type is treated like any other unknown node.
 */
export type DocNode = {
  type?: string;
  text?: string;
  content?: DocNode[];
  attrs?: Record<string, unknown>;
  marks?: unknown[];
};

/**
 * A run of inline content inside one textblock over which text offsets and
 * positions advance together: text offsets [textStart, textEnd) correspond to
 * positions [posStart, posStart + (textEnd − textStart)).
 */
export type Segment = { textStart: number; textEnd: number; posStart: number };

export type ArticleText = {
  text: string;
  /** Sorted by textStart and by posStart; one per textblock in practice. */
  segments: Segment[];
  /**
   * ProseMirror position of a text offset. An offset inside the "\n\n" between
   * two blocks maps to the end of the previous block (bias "end", for range
   * ends) or the start of the next (bias "start", for range starts).
   */
  textToPos(offset: number, bias: "start" | "end"): number;
  /** Text offset of a position; positions outside inline content snap to the nearest text. */
  posToText(pos: number): number;
};

export const BLOCK_SEPARATOR = "\n\n";

/** Nodes whose content is inline (text and inline leaves). */
const TEXTBLOCK_TYPES = new Set(["paragraph", "heading", "caption", "codeBlock"]);

/**
 * Leaf nodes (size 1) of the editor schema, with the text each contributes.
 * Block leaves such as horizontalRule contribute nothing and, not being
 * textblocks, do not add a separator either.
 */
const LEAF_TEXT = new Map<string, string>([
  ["hardBreak", "\n"],
  ["horizontalRule", ""],
  ["image", ""],
]);

const CONTAINER_TYPES = new Set(["doc", "blockquote", "bulletList", "orderedList", "listItem"]);

function isTextblock(node: DocNode): boolean {
  const type = node.type ?? "";
  if (TEXTBLOCK_TYPES.has(type)) return true;
  if (CONTAINER_TYPES.has(type) || LEAF_TEXT.has(type)) return false;
  // Unknown node type (schema grew without this file being told): it holds
  // inline content if any child is text or a known inline leaf.
  return !!node.content?.some((c) => c.type === "text" || c.type === "hardBreak");
}

function isLeaf(node: DocNode): boolean {
  const type = node.type ?? "";
  if (LEAF_TEXT.has(type)) return true;
  if (TEXTBLOCK_TYPES.has(type) || CONTAINER_TYPES.has(type) || type === "text") return false;
  // Unknown and without content: most likely an atom (image, mention, embed).
  return !node.content || node.content.length === 0;
}

/**
 * One node of the document as the walk saw it: what it is to the text, where
 * it starts in ProseMirror positions and which text offsets its own text
 * occupies. A textblock's range excludes the separator before it; a
 * container's spans its children's; a textless node's is empty where it sits.
 */
export type WalkedNode = {
  node: DocNode;
  kind: "textblock" | "container" | "leaf" | "text" | "inline";
  pos: number;
  textStart: number;
  textEnd: number;
  children: WalkedNode[];
};

export type DocumentWalk = ArticleText & {
  /** The doc's children, each with its descendants, in document order. */
  blocks: WalkedNode[];
};

/**
 * The one walk of an article document. Everything that needs to know where a
 * node's text falls in the plain text (the text model, the exporters, the
 * revision diff) reads it from here instead of counting offsets itself, so
 * block types, separators and leaf sizes are decided in one place.
 */
export function walkDocument(doc: DocNode): DocumentWalk {
  return walk(doc, true) as DocumentWalk;
}

export function buildArticleText(doc: DocNode): ArticleText {
  return walk(doc, false);
}

/** `withTree: false` skips building the node tree (the editor rebuilds the text model on every change). */
function walk(doc: DocNode, withTree: boolean): ArticleText & { blocks?: WalkedNode[] } {
  let text = "";
  const segments: Segment[] = [];
  let textblocks = 0;

  /** Appends inline text found at position `pos`, extending the current segment when contiguous. */
  const appendRun = (str: string, pos: number) => {
    if (str.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.textEnd === text.length && last.posStart + (last.textEnd - last.textStart) === pos) {
      last.textEnd += str.length;
    } else {
      segments.push({ textStart: text.length, textEnd: text.length + str.length, posStart: pos });
    }
    text += str;
  };

  const record = (into: WalkedNode[] | undefined, node: DocNode, kind: WalkedNode["kind"], pos: number, textStart: number): WalkedNode | undefined => {
    if (!into) return undefined;
    const walked: WalkedNode = { node, kind, pos, textStart, textEnd: textStart, children: [] };
    into.push(walked);
    return walked;
  };

  /** Visits an inline node at `pos`; returns its size. */
  const visitInline = (node: DocNode, pos: number, into: WalkedNode[] | undefined): number => {
    const textStart = text.length;
    let size: number;
    let walked: WalkedNode | undefined;
    if (node.type === "text") {
      walked = record(into, node, "text", pos, textStart);
      const t = node.text ?? "";
      appendRun(t, pos);
      size = t.length;
    } else if (isLeaf(node)) {
      walked = record(into, node, "leaf", pos, textStart);
      appendRun(LEAF_TEXT.get(node.type ?? "") ?? "", pos);
      size = 1;
    } else {
      // An inline node with content (not in our schema): open token, content, close token.
      walked = record(into, node, "inline", pos, textStart);
      let p = pos + 1;
      for (const child of node.content ?? []) p += visitInline(child, p, walked?.children);
      size = p + 1 - pos;
    }
    if (walked) walked.textEnd = text.length;
    return size;
  };

  /** Visits a block-level node at `pos`; returns its size. */
  const visitBlock = (node: DocNode, pos: number, into: WalkedNode[] | undefined): number => {
    if (node.type === "text") return visitInline(node, pos, into); // malformed, but keep positions right
    if (isLeaf(node)) {
      record(into, node, "leaf", pos, text.length);
      return 1;
    }
    const contentStart = pos + 1;
    let p = contentStart;
    let walked: WalkedNode | undefined;
    if (isTextblock(node)) {
      if (textblocks++ > 0) text += BLOCK_SEPARATOR;
      walked = record(into, node, "textblock", pos, text.length);
      const segmentsBefore = segments.length;
      for (const child of node.content ?? []) p += visitInline(child, p, walked?.children);
      // An empty textblock still occupies a place in the text (between its
      // separators); give it a zero-length segment so offsets there map into it.
      if (segments.length === segmentsBefore) {
        segments.push({ textStart: text.length, textEnd: text.length, posStart: contentStart });
      }
    } else {
      walked = record(into, node, "container", pos, text.length);
      for (const child of node.content ?? []) p += visitBlock(child, p, walked?.children);
      // A container's text starts with its first textblock's, after the separator.
      const first = walked?.children[0];
      if (walked && first) walked.textStart = first.textStart;
    }
    if (walked) walked.textEnd = text.length;
    return p + 1 - pos;
  };

  // The doc node has no open token: its content starts at position 0.
  const blocks: WalkedNode[] | undefined = withTree ? [] : undefined;
  let pos = 0;
  for (const child of doc.content ?? []) pos += visitBlock(child, pos, blocks);

  return {
    text,
    segments,
    textToPos: (offset, bias) => textToPos(segments, text.length, offset, bias),
    posToText: (p) => posToText(segments, p),
    ...(blocks ? { blocks } : {}),
  };
}

/** Just the plain text, e.g. for the server to anchor claims without an editor. */
export function docPlainText(doc: DocNode): string {
  return buildArticleText(doc).text;
}

const segmentLength = (s: Segment) => s.textEnd - s.textStart;
const segmentEndPos = (s: Segment) => s.posStart + segmentLength(s);

/** Index of the last segment whose `key` is <= value, or -1. */
function lastAtOrBefore(segments: Segment[], value: number, key: (s: Segment) => number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(segments[mid] as Segment) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function textToPos(segments: Segment[], textLength: number, offset: number, bias: "start" | "end"): number {
  const first = segments[0];
  if (!first) return 0; // no textblocks at all
  const o = offset > 0 ? Math.min(Math.floor(offset), textLength) : 0;
  const i = lastAtOrBefore(segments, o, (s) => s.textStart);
  const seg = segments[i];
  if (!seg) return first.posStart;

  if (o <= seg.textEnd) {
    // At a seam between two runs of one block (an inline leaf without text in
    // between), "end" belongs to the run before the seam.
    const prev = segments[i - 1];
    if (bias === "end" && o === seg.textStart && prev && prev.textEnd === o) return segmentEndPos(prev);
    return seg.posStart + (o - seg.textStart);
  }
  // Between blocks (inside the separator) or past the last block.
  const next = segments[i + 1];
  return bias === "start" && next ? next.posStart : segmentEndPos(seg);
}

function posToText(segments: Segment[], pos: number): number {
  const first = segments[0];
  if (!first) return 0;
  const i = lastAtOrBefore(segments, pos, (s) => s.posStart);
  const seg = segments[i];
  if (!seg) return first.textStart;
  const endPos = segmentEndPos(seg);
  if (pos <= endPos) return seg.textStart + (pos - seg.posStart);
  const next = segments[i + 1];
  if (!next) return seg.textEnd;
  // Structural position (between blocks, inside a textless leaf): nearest
  // inline content wins, the earlier one on a tie.
  return pos - endPos <= next.posStart - pos ? seg.textEnd : next.textStart;
}

import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";
import { describe, expect, it } from "vitest";

import { buildArticleText, docPlainText, walkDocument, type DocNode, type WalkedNode } from "./article-text";

// The editor's schema, so positions are checked against real ProseMirror.
const schema = getSchema([StarterKit]);

const t = (text: string, marks?: DocNode["marks"]): DocNode => (marks ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: DocNode[]): DocNode => ({ type: "paragraph", content });
const bold = [{ type: "bold" }];
const link = [{ type: "link", attrs: { href: "https://example.org/report" } }];

/** A news article exercising every node type of the schema. */
const ARTICLE: DocNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1 }, content: [t("Middle East Tensions Flare 🔥")] },
    p(
      t("Tensions have risen after "),
      t("Iraq-linked militias", bold),
      t(" attacked forces supported by Iran, "),
      t("according to reports", link),
      t("."),
    ),
    {
      type: "blockquote",
      content: [
        p(t("“We will preserve national sovereignty,” the prime minister said.")),
        p(t("قال رئيس الوزراء إن العراق سيحافظ على سيادته.")),
      ],
    },
    { type: "heading", attrs: { level: 2 }, content: [t("Background")] },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [p(t("Iran’s influence has grown 👩‍👩‍👧 since 2014."))] },
        { type: "listItem", content: [p(t("Baghdad "), t("fears", bold), t(" escalation."))] },
      ],
    },
    p(t("Analysts said:"), { type: "hardBreak" }, t("“It is a tight spot.”")),
    { type: "paragraph" },
    {
      type: "orderedList",
      attrs: { start: 1 },
      content: [{ type: "listItem", content: [p(t("First, "), t("de-escalate", [...bold, ...link]), t("."))] }],
    },
  ],
};

const EXPECTED_TEXT = [
  "Middle East Tensions Flare 🔥",
  "Tensions have risen after Iraq-linked militias attacked forces supported by Iran, according to reports.",
  "“We will preserve national sovereignty,” the prime minister said.",
  "قال رئيس الوزراء إن العراق سيحافظ على سيادته.",
  "Background",
  "Iran’s influence has grown 👩‍👩‍👧 since 2014.",
  "Baghdad fears escalation.",
  "Analysts said:\n“It is a tight spot.”",
  "",
  "First, de-escalate.",
].join("\n\n");

describe("buildArticleText", () => {
  const pmDoc = PMNode.fromJSON(schema, ARTICLE);
  const article = buildArticleText(ARTICLE);

  it("joins textblocks with blank lines and renders hard breaks as newlines", () => {
    expect(article.text).toBe(EXPECTED_TEXT);
    // Same definition as ProseMirror's own plain-text extraction.
    expect(article.text).toBe(pmDoc.textBetween(0, pmDoc.content.size, "\n\n", "\n"));
    expect(docPlainText(ARTICLE)).toBe(EXPECTED_TEXT);
  });

  it("has one segment per textblock, with marks not splitting it", () => {
    const starts: number[] = [];
    pmDoc.descendants((node, pos) => {
      if (node.isTextblock) starts.push(pos + 1);
    });
    expect(article.segments.map((s) => s.posStart)).toEqual(starts);
    expect(article.segments[1]).toEqual({ textStart: 31, textEnd: 31 + 103, posStart: starts[1] });
  });

  it("maps every character to the ProseMirror position of that character", () => {
    const text = article.text;
    let checked = 0;
    for (let i = 0; i < text.length; i++) {
      if (!article.segments.some((s) => s.textStart <= i && i < s.textEnd)) continue; // a separator "\n"
      const pos = article.textToPos(i, "start");
      expect(article.textToPos(i, "end")).toBe(pos);
      expect(pmDoc.textBetween(pos, pos + 1, "\n\n", "\n")).toBe(text[i]);
      expect(pmDoc.resolve(pos).parent.isTextblock).toBe(true);
      expect(article.posToText(pos)).toBe(i);
      checked++;
    }
    expect(checked).toBe(text.length - 2 * (article.segments.length - 1));
  });

  it("maps an offset inside a block separator to the end of the block before or the start of the next", () => {
    let gaps = 0;
    for (let o = 0; o <= article.text.length; o++) {
      if (article.segments.some((s) => s.textStart <= o && o <= s.textEnd)) continue;
      gaps++;
      expect(article.text.slice(o - 1, o + 1)).toBe("\n\n");
      const $end = pmDoc.resolve(article.textToPos(o, "end"));
      const $start = pmDoc.resolve(article.textToPos(o, "start"));
      expect($end.parent.isTextblock && $end.pos === $end.end()).toBe(true);
      expect($start.parent.isTextblock && $start.pos === $start.start()).toBe(true);
      // ...and they are consecutive textblocks: nothing but structure between them.
      expect(pmDoc.textBetween($end.pos, $start.pos)).toBe("");
      expect(article.posToText($end.pos)).toBe(o - 1);
      expect(article.posToText($start.pos)).toBe(o + 1);
    }
    expect(gaps).toBe(article.segments.length - 1);
  });

  it("maps block edges and the end of the text onto content boundaries", () => {
    for (const s of article.segments) {
      expect(article.textToPos(s.textStart, "start")).toBe(s.posStart);
      const $end = pmDoc.resolve(article.textToPos(s.textEnd, "end"));
      expect($end.pos).toBe($end.end()); // end of that textblock's content
    }
    const $last = pmDoc.resolve(article.textToPos(article.text.length, "end"));
    expect($last.parent.textContent).toBe("First, de-escalate.");
    expect($last.pos).toBe($last.end());
    // Out-of-range offsets clamp.
    expect(article.textToPos(-4, "start")).toBe(article.segments[0]!.posStart);
    expect(article.textToPos(1e9, "end")).toBe($last.pos);
  });

  it("maps the empty paragraph to its own content position", () => {
    const empty = article.segments.find((s) => s.textStart === s.textEnd)!;
    expect(empty).toBeDefined();
    const $pos = pmDoc.resolve(article.textToPos(empty.textStart, "start"));
    expect($pos.parent.type.name).toBe("paragraph");
    expect($pos.parent.content.size).toBe(0);
  });

  it("maps every ProseMirror position back to a text offset", () => {
    for (let pos = 0; pos <= pmDoc.content.size; pos++) {
      const offset = article.posToText(pos);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(article.text.length);
      const $pos = pmDoc.resolve(pos);
      if ($pos.parent.isTextblock) {
        // Inside inline content the mapping is exact in both directions.
        expect(article.textToPos(offset, "start")).toBe(pos);
        expect(pmDoc.textBetween($pos.start(), pos, "\n\n", "\n")).toBe(
          article.text.slice(article.posToText($pos.start()), offset),
        );
      } else {
        // Structural positions snap to the nearest block edge.
        const snapped = article.textToPos(offset, "start");
        expect(pmDoc.resolve(snapped).parent.isTextblock).toBe(true);
        expect(Math.abs(snapped - pos)).toBeLessThanOrEqual(4);
      }
    }
  });

  it("keeps positions right around a hard break, an emoji and Arabic text", () => {
    const text = article.text;
    const br = text.indexOf("\n“It is");
    expect(pmDoc.nodeAt(article.textToPos(br, "start"))?.type.name).toBe("hardBreak");
    const emoji = text.indexOf("👩");
    const pos = article.textToPos(emoji, "start");
    expect(pmDoc.textBetween(pos, pos + 8)).toBe("👩‍👩‍👧"); // 8 UTF-16 units = 8 positions
    const arabic = text.indexOf("العراق");
    const apos = article.textToPos(arabic, "start");
    expect(pmDoc.textBetween(apos, apos + "العراق".length)).toBe("العراق");
  });

  it("handles an empty document", () => {
    const empty = buildArticleText({ type: "doc", content: [] });
    expect(empty.text).toBe("");
    expect(empty.segments).toEqual([]);
    expect(empty.textToPos(0, "start")).toBe(0);
    expect(empty.posToText(5)).toBe(0);
    // The editor's empty document is one empty paragraph.
    const blank = buildArticleText({ type: "doc", content: [{ type: "paragraph" }] });
    expect(blank.text).toBe("");
    expect(blank.textToPos(0, "start")).toBe(1);
  });

  it("splits a run at an inline leaf that contributes no text", () => {
    // Not in the current schema, but an atom (e.g. an image) must not shift positions.
    const doc: DocNode = { type: "doc", content: [p(t("ab"), { type: "image", attrs: { src: "x" } }, t("cd"))] };
    const a = buildArticleText(doc);
    expect(a.text).toBe("abcd");
    expect(a.segments).toEqual([
      { textStart: 0, textEnd: 2, posStart: 1 },
      { textStart: 2, textEnd: 4, posStart: 4 },
    ]);
    expect(a.textToPos(2, "end")).toBe(3); // before the image
    expect(a.textToPos(2, "start")).toBe(4); // after it
    expect(a.posToText(3)).toBe(2);
    expect(a.posToText(4)).toBe(2);
  });

  it("maps positions correctly far into a long article", () => {
    const paragraphs: DocNode[] = [];
    for (let i = 0; i < 5000; i++) paragraphs.push(p(t(`Paragraph ${i} about Iraq’s `), t("militias", bold), t(" and Iran.")));
    const big = buildArticleText({ type: "doc", content: paragraphs });
    const bigDoc = PMNode.fromJSON(schema, { type: "doc", content: paragraphs });
    expect(big.text).toBe(bigDoc.textBetween(0, bigDoc.content.size, "\n\n", "\n"));
    // Round trips over the whole text (speed is measured in bench/, not asserted here).
    for (let k = 0; k < 20_000; k++) {
      const offset = (k * 7919) % big.text.length;
      expect(big.posToText(big.textToPos(offset, "start"))).toBeLessThanOrEqual(offset + 2);
    }
    // Spot-check positions against ProseMirror far into the document.
    const at = big.text.indexOf("Paragraph 4321 ");
    const pos = big.textToPos(at, "start");
    expect(bigDoc.textBetween(pos, pos + 14)).toBe("Paragraph 4321");
  });
});

describe("walkDocument", () => {
  const pmDoc = PMNode.fromJSON(schema, ARTICLE);
  const walk = walkDocument(ARTICLE);

  const all = (nodes: WalkedNode[]): WalkedNode[] => nodes.flatMap((n) => [n, ...all(n.children)]);

  it("is the same walk as the text model: same text, same segments", () => {
    const text = buildArticleText(ARTICLE);
    expect(walk.text).toBe(text.text);
    expect(walk.segments).toEqual(text.segments);
    expect(walk.blocks.map((b) => b.node)).toEqual(ARTICLE.content);
  });

  it("gives every node its ProseMirror position and the text offsets of its own text", () => {
    const positions: number[] = [];
    pmDoc.descendants((_node, pos) => {
      positions.push(pos);
    });
    const nodes = all(walk.blocks);
    expect(nodes.map((n) => n.pos)).toEqual(positions);
    for (const n of nodes) {
      const pmNode = pmDoc.nodeAt(n.pos)!;
      expect(n.node.type).toBe(pmNode.type.name);
      expect(walk.text.slice(n.textStart, n.textEnd)).toBe(pmNode.isText ? pmNode.text : pmNode.textBetween(0, pmNode.content.size, "\n\n", "\n") || (pmNode.type.name === "hardBreak" ? "\n" : ""));
    }
  });

  it("classifies nodes the way the text is built", () => {
    const kinds = new Map(all(walk.blocks).map((n) => [n.node.type, n.kind]));
    expect(Object.fromEntries(kinds)).toEqual({
      heading: "textblock",
      paragraph: "textblock",
      text: "text",
      blockquote: "container",
      bulletList: "container",
      listItem: "container",
      hardBreak: "leaf",
      orderedList: "container",
    });
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { walkDocument } from "@/lib/article-text";
import { looksLikeCaption } from "./captions";
import { toArticleDocument } from "./index";
import { blockTexts, expectedPlainText } from "./test-helpers";

const seed = (name: string) => readFileSync(path.join(process.cwd(), "db", "seed", name), "utf8");

const SEED_CAPTIONS = [
  "Women walk past an anti-Israel billboard covering the facade of a building in Tehran on October 26, 2024. (Atta Kenare/AFP)",
  "In this photo released by the Iranian army on Tuesday, Oct. 3, 2023, drones are launched during an air force nationwide drone drill centered in northern Semnan province, Iran. (Iranian Army via AP)",
  "Prime Minister Benjamin Netanyahu at an officer training graduation ceremony on an IDF base on October 31, 2024. (Maayan Toaf/GPO)",
];

function captionTexts(doc: JSONContent): string[] {
  return (doc.content ?? []).filter((b) => b.type === "caption").map((b) => (b.content ?? []).map((c) => c.text ?? "").join(""));
}

/** The same document with every caption turned back into a paragraph. */
function asParagraphs(doc: JSONContent): JSONContent {
  return { ...doc, content: (doc.content ?? []).map((b) => (b.type === "caption" ? { ...b, type: "paragraph" } : b)) };
}

describe("photo captions at import", () => {
  it("finds exactly the three photo captions of the seed article (Markdown and the scraped text)", () => {
    for (const [name, format] of [
      ["middle-east-tensions.md", "markdown"],
      ["middle-east-tensions.scraped.txt", "text"],
    ] as const) {
      const { doc } = toArticleDocument({ format, body: seed(name) });
      expect(captionTexts(doc), name).toEqual(SEED_CAPTIONS);
    }
  });

  it("leaves the plain text and every block's offsets and positions as they were without captions", () => {
    const { doc, plainText } = toArticleDocument({ format: "markdown", body: seed("middle-east-tensions.md") });
    const withCaptions = walkDocument(doc);
    const without = walkDocument(asParagraphs(doc));
    expect(withCaptions.text).toBe(without.text);
    expect(plainText).toBe(without.text);
    expect(plainText).toBe(expectedPlainText(doc));
    expect(withCaptions.segments).toEqual(without.segments);
    expect(withCaptions.blocks.map((b) => [b.kind, b.pos, b.textStart, b.textEnd])).toEqual(without.blocks.map((b) => [b.kind, b.pos, b.textStart, b.textEnd]));
    const caption = withCaptions.blocks.find((b) => b.node.type === "caption");
    expect(caption?.kind).toBe("textblock");
    expect(plainText.slice(caption!.textStart, caption!.textEnd)).toBe(SEED_CAPTIONS[0]);
  });

  it.each([
    "Protesters gather outside parliament. (Photo: AP)",
    "Protesters gather outside parliament (Photo: AP)",
    "The harbour at dawn. (Reuters)",
    "The harbour at dawn. (Getty Images)",
    "Rescuers search the rubble. (Jane Doe/EPA-EFE)",
    "(Reuters)",
    "Photo: AP",
    "Protesters in Paris on Saturday. Photograph: Jane Doe/Reuters",
    "Smoke rises over the city. Photo by John Smith",
  ])("a caption: %s", (line) => {
    expect(looksLikeCaption(line)).toBe(true);
  });

  it.each([
    // Attribution of a sentence, not a picture credit.
    "The ministry denied the report on Monday (AFP)",
    "The ministry denied the report on Monday (AFP).",
    "LONDON (Reuters) - The central bank raised rates on Thursday.",
    "Voters can choose one candidate (and/or a party).",
    "The figures are in the table (see below)",
    "Prime Minister Mohammed Shia al-Sudani said the country would not be drawn in.",
    "Background: A History of Tense Relations and Proxy Conflicts",
    // Far longer than any caption: a body paragraph that happens to end with a credit.
    `${"The talks went on late into the night and the delegates said little. ".repeat(6)}(Reuters)`,
    "The picture was clear: nobody wanted war",
  ])("not a caption: %s", (line) => {
    expect(looksLikeCaption(line)).toBe(false);
  });

  it("a plain-text import keeps body paragraphs as paragraphs", () => {
    const { doc } = toArticleDocument({ format: "text", body: "Talks resumed on Monday (AFP).\n\nA crowd at the gate. (Photo: AP)\n\n> Not a quote in text" });
    expect(doc.content?.map((b) => b.type)).toEqual(["paragraph", "caption", "paragraph"]);
  });

  it("reads <figcaption> and elements with caption or credit classes as captions, keeping their text once", () => {
    const html = [
      "<p>Body text.</p>",
      '<figure><img src="x.jpg" alt=""><figcaption><p>Smoke over the port.</p><p><span class="credit">Jane Doe/AP</span></p></figcaption></figure>',
      '<div class="wp-caption"><p class="wp-caption-text">Crowds at the border</p></div>',
      '<p class="photo-credit">Photo: <a href="https://example.com/jd">Jane Doe</a></p>',
      '<p>Inline <span class="caption">words</span> stay body text.</p>',
      '<p class="captioned-story">Not a caption class.</p>',
    ].join("");
    const { doc, plainText } = toArticleDocument({ format: "html", body: html });
    expect(doc.content?.map((b) => b.type)).toEqual(["paragraph", "caption", "caption", "caption", "paragraph", "paragraph"]);
    expect(blockTexts(doc)).toEqual(["Body text.", "Smoke over the port.Jane Doe/AP", "Crowds at the border", "Photo: Jane Doe", "Inline words stay body text.", "Not a caption class."]);
    expect(plainText).toBe(expectedPlainText(doc));
    expect(plainText).toContain("Smoke over the port.\nJane Doe/AP");
    const credit = doc.content?.[3]?.content?.find((n) => n.marks?.length);
    expect(credit?.marks?.[0]).toMatchObject({ type: "link", attrs: { href: "https://example.com/jd" } });
  });
});

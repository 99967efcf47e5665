import { parseHTML } from "linkedom";
import { micromark } from "micromark";
import { describe, expect, it } from "vitest";
import { toArticleDocument } from "@/lib/import";
import { renderAnnotatedHtml } from "./html";
import { renderMarkdown } from "./markdown";
import { makeBundle } from "./test-fixture";

const ARTICLE = `Crowds gathered outside parliament on Monday as the vote began.

Protesters outside parliament on Monday. (Photo: Jane Doe/AP)

The vote passed by 312 to 290.`;

// One claim inside the caption, one in the body.
const bundle = makeBundle(
  [
    { quote: "outside parliament on Monday.", verdict: "true" },
    { quote: "312 to 290", verdict: "false" },
  ],
  {},
  ARTICLE,
);

describe("captions in exports", () => {
  it("the fixture's caption was recognised at import", () => {
    expect(bundle.article.content.content?.map((b) => b.type)).toEqual(["paragraph", "caption", "paragraph"]);
  });

  it("HTML renders the caption as a caption paragraph, styled, with its claim highlighted in it", () => {
    const html = renderAnnotatedHtml(bundle);
    const { document } = parseHTML(html);
    const captions = document.querySelectorAll(".cd-article p.caption");
    expect(captions.length).toBe(1);
    const caption = captions[0]!;
    expect(caption.textContent).toContain("Protesters outside parliament on Monday.");
    expect(caption.querySelector("mark.cd-claim")?.textContent).toBe("outside parliament on Monday.");
    expect(html).toMatch(/\.cd-article p\.caption\{[^}]*font-style:italic/);
    // The body paragraphs are not captions.
    expect(document.querySelectorAll(".cd-article p:not(.caption)").length).toBeGreaterThanOrEqual(2);
  });

  it("an exported HTML file imports again with the caption as a caption and the same text", () => {
    const html = renderAnnotatedHtml(bundle);
    const { document } = parseHTML(html);
    const again = toArticleDocument({ format: "html", body: document.querySelector(".cd-article")!.innerHTML });
    const captions = again.doc.content?.filter((b) => b.type === "caption") ?? [];
    expect(captions.length).toBe(1);
    // The footnote reference after the claim is part of the exported text; the caption's own words are all there.
    const text = (captions[0]!.content ?? []).map((n) => n.text ?? "").join("");
    expect(text).toMatch(/^Protesters outside parliament on Monday\..*\(Photo: Jane Doe\/AP\)$/);
  });

  it("Markdown renders the caption as an italic paragraph, claim brackets inside", () => {
    const markdown = renderMarkdown(bundle);
    const line = markdown.split("\n").find((l) => l.includes("Protesters"));
    expect(line).toMatch(/^_Protesters \\\[outside parliament on Monday\.\\\] \(True\)\[\^1\] \(Photo: Jane Doe\/AP\)_$/);
    const { document } = parseHTML(`<body>${micromark(line!)}</body>`);
    expect(document.querySelector("p > em")?.textContent).toContain("Protesters [outside parliament on Monday.] (True)");
    // The body paragraphs stay plain.
    expect(markdown).toMatch(/^Crowds gathered/m);
  });
});

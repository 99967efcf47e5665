import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sanitizeArticleHtml } from "./html";
import { toArticleDocument } from "./index";
import { ALLOWED_MARKS, ALLOWED_NODES, blockTexts, expectedPlainText, walk } from "./test-helpers";

const hostile = readFileSync(new URL("./fixtures/hostile.html", import.meta.url), "utf8");

describe("hostile HTML", () => {
  const { doc, plainText } = toArticleDocument({ format: "html", body: hostile });
  const nodes = [...walk(doc)];

  it("produces only allow-listed nodes and marks", () => {
    for (const node of nodes) {
      expect(ALLOWED_NODES).toContain(node.type);
      for (const mark of node.marks ?? []) expect(ALLOWED_MARKS).toContain(mark.type);
    }
  });

  it("puts nothing dangerous in any attribute or mark", () => {
    const structure = JSON.stringify(nodes.map(({ text: _text, content: _content, ...rest }) => rest));
    for (const needle of ["javascript", "vbscript", "data:", "onerror", "onclick", "onload", "alert", "evil.example", "style", "script"]) {
      expect(structure.toLowerCase()).not.toContain(needle);
    }
  });

  it("lets 'alert' survive only as visible link text", () => {
    // The javascript: link lost its mark, so its text merged with its neighbours.
    const withAlert = nodes.filter(({ content: _children, ...own }) => JSON.stringify(own).includes("alert"));
    expect(withAlert.map((node) => node.type)).toEqual(["text"]);
    expect(withAlert[0]?.text).toMatch(/^Links: alert\(1\), mixed-case link/);
    expect(withAlert[0]?.marks).toBeUndefined();
    expect(plainText.match(/alert/g)).toHaveLength(1);
  });

  it("drops the content of script, style, iframe, object, noscript, template, form controls, svg and the title", () => {
    expect(plainText).not.toMatch(/HOSTILE/);
  });

  it("keeps only the one safe link, with fixed attributes", () => {
    const linkMarks = nodes.flatMap((node) => (node.marks ?? []).filter((m) => m.type === "link").map((m) => ({ text: node.text, attrs: m.attrs })));
    expect(linkMarks).toEqual([
      {
        text: "a real source",
        attrs: { href: "https://example.org/report", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null },
      },
    ]);
  });

  it("keeps the visible article text", () => {
    expect(blockTexts(doc)).toEqual([
      "Minister's claim about hospital waiting times",
      "The first paragraph is ordinary reporting and must survive.",
      "An image follows: and the sentence goes on.",
      "An equation: E=mc2.",
      "Links: alert(1), mixed-case link, spaced link, entity link, tab link, data link, vbscript link, protocol-relative link and a real source.",
      "Inline handlers sit on this paragraph, whose text must survive.",
      "A list item with bold textAn emphasised item",
      "A quoted source says the figures are wrong.",
      "The last paragraph is ordinary reporting and must survive.",
    ]);
    expect(doc.content?.[0]).toMatchObject({ type: "heading", attrs: { level: 2 } });
    expect(plainText).toBe(expectedPlainText(doc));
  });

  it("is already clean after sanitize-html alone (the schema is the second wall)", () => {
    const clean = sanitizeArticleHtml(hostile).toLowerCase();
    for (const tag of ["script", "style", "iframe", "img", "svg", "math", "form", "input", "button", "object", "embed", "meta", "base", "link", "template", "noscript", "textarea", "select", "title"]) {
      expect(clean).not.toContain(`<${tag}`);
    }
    expect(clean).not.toContain("<!--");
    expect(clean).not.toMatch(/javascript:|vbscript:|data:|evil\.example|\son\w+=|style=|hostile/);
  });
});

describe("hostile markup in other shapes", () => {
  it.each([
    ["unclosed script swallows the rest", "<p>Before</p><script>alert(1)<p>after</p>", ["Before"]],
    ["script split by a fake closing tag", "<p>A</p><script>x = '</scr' + 'ipt>'; alert(1)</script><p>B</p>", ["A", "B"]],
    ["nested noscript markup", "<noscript><noscript><p>x</p></noscript><p>HOSTILE</p></noscript><p>Visible</p>", ["Visible"]],
    ["encoded javascript href", '<p><a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">text</a></p>', ["text"]],
    ["newline inside scheme", '<p><a href="java\nscript:alert(1)">text</a></p>', ["text"]],
    ["relative and anchor links", '<p><a href="/news/1">one</a> <a href="#top">two</a></p>', ["one two"]],
    ["comment hiding markup", "<p>Seen<!-- <img src=x onerror=alert(1)> --></p>", ["Seen"]],
    ["markdown link with javascript", "[click](javascript:alert(1)) me", ["click me"]],
  ])("%s", (_name, body, expected) => {
    const { doc } = toArticleDocument({ format: body.startsWith("[") ? "markdown" : "html", body });
    expect(blockTexts(doc)).toEqual(expected);
    const marksAndAttrs = JSON.stringify([...walk(doc)].map((n) => [n.marks, n.attrs]));
    expect(marksAndAttrs).not.toMatch(/javascript|alert|onerror/i);
    expect(marksAndAttrs).not.toContain("href");
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sanitizeArticleHtml } from "./html";
import { ImportError, toArticleDocument, type DocNode } from "./index";
import { ALLOWED_MARKS, ALLOWED_NODES, blockTexts, expectedPlainText, walk } from "./test-helpers";

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error("expected an ImportError");
}

/** A node's own fields, without its children (and without `omit`). */
function own(node: DocNode, omit?: keyof DocNode): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== "content" && key !== omit));
}

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
    const structure = JSON.stringify(nodes.map((node) => own(node, "text")));
    for (const needle of ["javascript", "vbscript", "data:", "onerror", "onclick", "onload", "alert", "evil.example", "style", "script"]) {
      expect(structure.toLowerCase()).not.toContain(needle);
    }
  });

  it("lets 'alert' survive only as visible link text", () => {
    // The javascript: link lost its mark, so its text merged with its neighbours.
    const withAlert = nodes.filter((node) => JSON.stringify(own(node)).includes("alert"));
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

describe("pathological input is refused or flattened, quickly", () => {
  it("flattens HTML nested a few hundred levels, keeping the text", () => {
    const { doc } = toArticleDocument({ format: "html", body: "<blockquote>".repeat(600) + "Deep text" });
    expect(blockTexts(doc)).toEqual(["Deep text"]);
    let depth = 0;
    for (let node: DocNode | undefined = doc; node; node = node.content?.[0]) depth++;
    expect(depth).toBeLessThanOrEqual(260);
  });

  // Before the guards these took minutes; the timeouts are the real assertion.
  it("refuses HTML nested thousands of levels deep", { timeout: 20_000 }, () => {
    const error = importError(() => toArticleDocument({ format: "html", body: "<div>".repeat(400_000) }));
    expect(error.code).toBe("unreadable");
    expect(error.message).toMatch(/nested too deeply/);
  });

  it("refuses files that are almost all tags", { timeout: 20_000 }, () => {
    const error = importError(() => toArticleDocument({ format: "html", body: "<p>x<br>".repeat(60_000) }));
    expect(error.code).toBe("too_large");
    expect(error.message).toMatch(/too much formatting/);
  });

  it("flattens absurdly nested Markdown instead of overflowing the parser", { timeout: 20_000 }, () => {
    const quotes = toArticleDocument({ format: "markdown", body: ">".repeat(1_000_000) + " deep" });
    expect(quotes.plainText).toBe("deep");
    const indented = Array.from({ length: 1_400 }, (_, i) => "  ".repeat(i) + "- item").join("\n");
    expect(toArticleDocument({ format: "markdown", body: indented }).plainText.match(/item/g)).toHaveLength(1_400);
  });
});

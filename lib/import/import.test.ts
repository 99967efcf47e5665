import { describe, expect, it } from "vitest";
import { decodeUpload, detectFormat, ImportError, MAX_ARTICLE_BYTES, toArticleDocument, type DocNode, type ImportFormat } from "./index";
import { ALLOWED_MARKS, ALLOWED_NODES, blockTexts, expectedPlainText, texts, walk } from "./test-helpers";

function importAs(format: ImportFormat, body: string) {
  const result = toArticleDocument({ format, body });
  // Every import must produce exactly the text the anchoring layer will see.
  expect(result.plainText).toBe(expectedPlainText(result.doc));
  for (const node of walk(result.doc)) {
    expect(ALLOWED_NODES).toContain(node.type);
    for (const mark of node.marks ?? []) expect(ALLOWED_MARKS).toContain(mark.type);
  }
  return result;
}

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error("expected an ImportError");
}

function links(doc: DocNode): { text: string; href: unknown }[] {
  return [...walk(doc)].flatMap((node) =>
    (node.marks ?? []).filter((m) => m.type === "link").map((m) => ({ text: node.text ?? "", href: m.attrs?.href })),
  );
}

describe("detectFormat", () => {
  it.each([
    ["article.txt", "text"],
    ["Article.TXT", "text"],
    ["notes.md", "markdown"],
    ["notes.markdown", "markdown"],
    ["page.html", "html"],
    ["page.HTM", "html"],
    ["archive.2024.html", "html"],
  ] as const)("%s → %s", (name, format) => {
    expect(detectFormat(name)).toBe(format);
  });

  it.each(["article.docx", "article.pdf", "README", "md", ".txt.exe", "article.txt/"])("%s → null", (name) => {
    expect(detectFormat(name)).toBeNull();
  });
});

describe("decodeUpload", () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it("decodes UTF-8 and strips a BOM", () => {
    expect(decodeUpload(new Uint8Array([0xef, 0xbb, 0xbf, ...encode("“Hello” — مرحبا")]))).toBe("“Hello” — مرحبا");
    expect(decodeUpload(encode("plain"))).toBe("plain");
  });

  it("rejects invalid UTF-8 (e.g. a Latin-1 file)", () => {
    const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9]); // "Café" in Windows-1252
    const error = importError(() => decodeUpload(latin1));
    expect(error.code).toBe("unreadable");
    expect(error.message).toMatch(/UTF-8/);
  });

  it("rejects binary files (NUL bytes), even if otherwise valid UTF-8", () => {
    expect(importError(() => decodeUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).code).toBe("unreadable");
    // UTF-16LE text is NUL-heavy and must not be imported as garbage.
    expect(importError(() => decodeUpload(new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]))).code).toBe("unreadable");
  });

  it("rejects files over the limit before decoding them", () => {
    const error = importError(() => decodeUpload(new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61)));
    expect(error.code).toBe("too_large");
    expect(decodeUpload(new Uint8Array(MAX_ARTICLE_BYTES).fill(0x61))).toHaveLength(MAX_ARTICLE_BYTES);
  });
});

describe("toArticleDocument: errors", () => {
  it.each([
    ["text", ""],
    ["text", "   \n\t\r\n  "],
    ["markdown", "\n\n   \n"],
    ["html", ""],
    ["html", "<p>   </p><p>&nbsp;</p><br><div>\n</div>"],
    ["html", "<script>alert('only a script')</script>"],
    ["html", "<style>p{}</style><!-- just a comment --><img src=x onerror=alert(1)>"],
    ["markdown", "<script>alert(1)</script>"],
  ] as const)("%s %j → empty", (format, body) => {
    const error = importError(() => toArticleDocument({ format, body }));
    expect(error.code).toBe("empty");
    expect(error.message).toMatch(/no article text/i);
  });

  it("rejects bodies over 2 MB, counting UTF-8 bytes", () => {
    const tooMany = "a".repeat(MAX_ARTICLE_BYTES + 1);
    const error = importError(() => toArticleDocument({ format: "text", body: tooMany }));
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("2 MB");

    // 700,000 CJK characters are 0.7 M UTF-16 units but 2.1 MB of UTF-8.
    const cjk = "中".repeat(700_000);
    expect(importError(() => toArticleDocument({ format: "html", body: cjk })).code).toBe("too_large");
  });

  it("accepts a body exactly at the limit", () => {
    const body = "a".repeat(MAX_ARTICLE_BYTES);
    expect(toArticleDocument({ format: "text", body }).plainText).toHaveLength(MAX_ARTICLE_BYTES);
  });

  it("checks the size before anything else", () => {
    const hugeButBlank = " ".repeat(MAX_ARTICLE_BYTES + 1);
    expect(importError(() => toArticleDocument({ format: "text", body: hugeButBlank })).code).toBe("too_large");
  });
});

describe("toArticleDocument: text", () => {
  it("uses blank lines as paragraph breaks and joins wrapped lines", () => {
    const body = "First paragraph wraps\r\nonto a second line.\r\n\r\n\r\nSecond   paragraph\twith  tabs.\n  \nThird.\rStill third.";
    const { doc, plainText } = importAs("text", body);
    expect(blockTexts(doc)).toEqual([
      "First paragraph wraps onto a second line.",
      "Second paragraph with tabs.",
      "Third. Still third.",
    ]);
    expect(plainText).toBe("First paragraph wraps onto a second line.\n\nSecond paragraph with tabs.\n\nThird. Still third.");
    expect(doc.content?.every((block) => block.type === "paragraph")).toBe(true);
  });

  it("makes each line a paragraph when there is no blank line at all", () => {
    const { doc } = importAs("text", "  Headline as scraped\nFirst line of the story.\r\nSecond line of the story.\n");
    expect(blockTexts(doc)).toEqual(["Headline as scraped", "First line of the story.", "Second line of the story."]);
  });

  it("keeps curly quotes, dashes, Arabic and emoji exactly", () => {
    const body = "“We never said that,” the minister’s office said — twice.\n\nقال الوزير إن الأرقام «غير صحيحة» 📉";
    const { doc, plainText } = importAs("text", body);
    expect(blockTexts(doc)).toEqual([
      "“We never said that,” the minister’s office said — twice.",
      "قال الوزير إن الأرقام «غير صحيحة» 📉",
    ]);
    expect(plainText).toBe(body);
  });

  it("never interprets HTML or Markdown", () => {
    const body = "<script>alert(1)</script> is what the hacker posted.\n\n# Not a heading, **not bold**, <b>not bold</b> &amp; not an entity";
    const { doc } = importAs("text", body);
    expect(blockTexts(doc)).toEqual([
      "<script>alert(1)</script> is what the hacker posted.",
      "# Not a heading, **not bold**, <b>not bold</b> &amp; not an entity",
    ]);
    expect([...walk(doc)].some((node) => node.marks?.length)).toBe(false);
  });
});

describe("toArticleDocument: markdown", () => {
  const body = [
    "# Claims about the budget",
    "",
    "The minister said spending rose by **12%** and that *nobody* disputed it.",
    "This line wraps.",
    "",
    "## What we checked",
    "",
    "- Treasury [figures](https://example.gov/budget \"Budget\")",
    "- The *Office* for Budget Responsibility",
    "",
    "3. Third point",
    "4. Fourth point",
    "",
    "> “It’s simply untrue,” said an economist.",
    "",
    "#### Footnote heading",
    "",
    "Line with a hard break  ",
    "after two spaces, [a bad link](javascript:alert(1)) and ~~struck~~ text.",
    "",
    "<div onclick=\"alert(1)\">Raw HTML <script>alert(2)</script>kept as text</div>",
  ].join("\n");

  it("keeps headings, emphasis, lists, links and quotes", () => {
    const { doc } = importAs("markdown", body);
    const [h1, p1, h2, ul, ol, quote, h4, p2, p3] = doc.content ?? [];
    expect(h1).toMatchObject({ type: "heading", attrs: { level: 2 }, content: [{ text: "Claims about the budget" }] });
    expect(p1?.content).toEqual([
      { type: "text", text: "The minister said spending rose by " },
      { type: "text", text: "12%", marks: [{ type: "bold" }] },
      { type: "text", text: " and that " },
      { type: "text", text: "nobody", marks: [{ type: "italic" }] },
      { type: "text", text: " disputed it. This line wraps." },
    ]);
    expect(h2).toMatchObject({ type: "heading", attrs: { level: 2 } });
    expect(ul?.type).toBe("bulletList");
    expect(blockTexts({ type: "doc", content: ul?.content })).toEqual(["Treasury figures", "The Office for Budget Responsibility"]);
    expect(ol).toMatchObject({ type: "orderedList", attrs: { start: 3 } });
    expect(quote).toMatchObject({ type: "blockquote", content: [{ type: "paragraph", content: [{ text: "“It’s simply untrue,” said an economist." }] }] });
    expect(h4).toMatchObject({ type: "heading", attrs: { level: 4 } });
    expect(p2?.content?.map((n) => n.type)).toContain("hardBreak");
    expect(texts({ type: "doc", content: [p2!] }).join("")).toBe("Line with a hard breakafter two spaces, a bad link and struck text.");
    expect(blockTexts({ type: "doc", content: [p3!] })).toEqual(["Raw HTML kept as text"]);
    expect(doc.content).toHaveLength(9);
  });

  it("keeps only safe links, with the schema's attributes", () => {
    const { doc } = importAs("markdown", body);
    expect(links(doc)).toEqual([{ text: "figures", href: "https://example.gov/budget" }]);
    const mark = [...walk(doc)].flatMap((n) => n.marks ?? []).find((m) => m.type === "link");
    expect(mark?.attrs).toEqual({
      href: "https://example.gov/budget",
      target: "_blank",
      rel: "noopener noreferrer nofollow",
      class: null,
      title: null,
    });
    expect(JSON.stringify(doc)).not.toMatch(/alert|onclick|script/);
  });
});

describe("toArticleDocument: html", () => {
  const article = `
    <article class="story" data-id="42">
      <header><h1 class="headline">Fact check: did crime really double?</h1>
      <p class="byline">By <a href="/authors/jane" rel="author">Jane Doe</a> &middot; 3 March 2025</p></header>
      <div class="body">
        <p>The claim, made by <strong>Councillor Smith</strong> on <em>Tuesday</em>, was shared
           <b>12,000</b> times. Police <a href="https://police.example/stats?year=2024&amp;area=north" title="Stats">figures</a> say otherwise.</p>
        <h2>What the data shows</h2>
        <ul><li>Burglary fell by 4%.</li><li>Violent crime rose by <i>2%</i>.</li></ul>
        <h3>Methodology</h3>
        <ol><li><p>We compared 2023 and 2024.</p><ul><li>Same months</li></ul></li><li>We asked the council.</li></ol>
        <h5>Corrections</h5>
        <blockquote><p>“The figures speak for themselves,” a spokesperson said.</p></blockquote>
        <div>Contact: <a href="mailto:factcheck@example.org">factcheck@example.org</a></div><div>Second div.</div>
        <table><tr><th>Year</th><th>Offences</th></tr><tr><td>2023</td><td>1,204</td></tr></table>
        <p>Line one<br>line two<br></p>
        <p>&nbsp;</p>
      </div>
    </article>`;

  it("keeps the structure of a news article", () => {
    const { doc, plainText } = importAs("html", article);
    expect(doc.content?.map((b) => (b.type === "heading" ? `h${b.attrs?.level}` : b.type))).toEqual([
      "h2", "paragraph", "paragraph", "h2", "bulletList", "h3", "orderedList", "h4", "blockquote",
      "paragraph", "paragraph", "paragraph", "paragraph", "paragraph",
    ]);
    expect(blockTexts(doc)).toEqual([
      "Fact check: did crime really double?",
      "By Jane Doe · 3 March 2025",
      "The claim, made by Councillor Smith on Tuesday, was shared 12,000 times. Police figures say otherwise.",
      "What the data shows",
      "Burglary fell by 4%.Violent crime rose by 2%.",
      "Methodology",
      "We compared 2023 and 2024.Same monthsWe asked the council.",
      "Corrections",
      "“The figures speak for themselves,” a spokesperson said.",
      "Contact: factcheck@example.org",
      "Second div.",
      "Year Offences",
      "2023 1,204",
      "Line oneline two",
    ]);
    expect(plainText).toContain("Line one\nline two");
    expect(plainText.endsWith("line two")).toBe(true);
  });

  it("keeps marks and absolute links only", () => {
    const { doc } = importAs("html", article);
    expect(links(doc)).toEqual([
      { text: "figures", href: "https://police.example/stats?year=2024&area=north" },
      { text: "factcheck@example.org", href: "mailto:factcheck@example.org" },
    ]);
    const marked = [...walk(doc)].filter((n) => n.marks?.some((m) => m.type !== "link")).map((n) => [n.text, n.marks?.map((m) => m.type)]);
    expect(marked).toEqual([
      ["Councillor Smith", ["bold"]],
      ["Tuesday", ["italic"]],
      ["12,000", ["bold"]],
      ["2%", ["italic"]],
    ]);
    expect(JSON.stringify(doc)).not.toMatch(/class"?:"|headline|story|data-id|author"/);
  });

  it("nests lists as the schema requires", () => {
    const { doc } = importAs("html", article);
    const ol = doc.content?.find((b) => b.type === "orderedList");
    expect(ol?.content?.[0]).toMatchObject({
      type: "listItem",
      content: [{ type: "paragraph" }, { type: "bulletList", content: [{ type: "listItem" }] }],
    });
  });

  it("keeps a nested list whose item has no text of its own", () => {
    const { doc } = importAs("html", "<ul><li><ul><li>Inner</li></ul></li></ul>");
    expect(blockTexts(doc)).toEqual(["Inner"]);
  });

  it("treats entities as text, never as markup", () => {
    const { doc } = importAs("html", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”</p>");
    expect(blockTexts(doc)).toEqual(["<script>alert(1)</script> & “quotes”"]);
  });

  it("keeps right-to-left text", () => {
    const { doc } = importAs("html", '<p dir="rtl">قال الوزير إن الأرقام <strong>غير صحيحة</strong></p>');
    expect(blockTexts(doc)).toEqual(["قال الوزير إن الأرقام غير صحيحة"]);
  });
});

describe("toArticleDocument: output shape", () => {
  it("is the editor's canonical JSON (merged text nodes, default attributes)", () => {
    const { doc } = importAs("html", "<p>a <a href='/relative'>b</a> c</p><ol><li>one</li></ol><h1>T</h1>");
    expect(doc).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "a b c" }] },
        { type: "orderedList", attrs: { start: 1, type: null }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }] },
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "T" }] },
      ],
    });
  });

  it("removes invisible control characters but keeps the text around them", () => {
    expect(importAs("text", "Bell\u0007 and\u001b escape").plainText).toBe("Bell and escape");
    expect(importAs("html", "<p>Bell&#7; here</p>").plainText).toBe("Bell here");
  });
});

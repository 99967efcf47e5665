import { parse } from "csv-parse/sync";
import { parseHTML } from "linkedom";
import { micromark } from "micromark";
import { gfmFootnote, gfmFootnoteHtml } from "micromark-extension-gfm-footnote";
import { describe, expect, it } from "vitest";
import { claimFragment } from "@/lib/claim-fragment";
import { ratingScale, jsonLdScriptContent, toClaimReviewJsonLd } from "./claimreview";
import { CSV_COLUMNS, renderCsv } from "./csv";
import { renderAnnotatedArticle, renderAnnotatedHtml } from "./html";
import { EXPORT_FORMATS, exportFilename, slugify } from "./index";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { makeBundle } from "./test-fixture";

const HOSTILE = `<img src=x onerror=alert(1)> "quotes", commas & <script>alert(2)</script> [link](javascript:alert(3)) **bold** [^9]`;

const bundle = makeBundle([
  {
    quote: "Unemployment fell to 4.2% in October",
    verdict: "mostly_true",
    rationale: `First paragraph.\n\nSecond ${HOSTILE}`,
    claimant: "Minister <b>Smith</b>",
    sources: [{ title: HOSTILE, excerpt: "An “excerpt”\nover lines" }, { url: "https://example.org/b?x=1&y=2", title: "" }],
  },
  // Overlaps the first claim and crosses the bold "4.2%".
  { quote: "4.2% in October, the lowest since 2008", verdict: "false", claimant: "Ministry of Labour" },
  { quote: "3 per cent 😀 and wages", verdict: null, status: "open" },
  // Inside the article's own link.
  { quote: "the office", verdict: "unverifiable" },
  // Spans two list items.
  { quote: "Exports grew by a third 🇫🇷.\n\nImports", verdict: "true", status: "verdict_proposed" },
  // Nested entirely inside claim 1.
  { quote: "fell to", verdict: "half_true" },
]);
// A claim whose quote is no longer in the text: an orphan, never dropped.
bundle.claims.push({
  ...bundle.claims[0]!,
  id: "00000000-0000-4000-8000-999999999999",
  quote: { exact: "a sentence the editor removed", prefix: "", suffix: "" },
  position: { start: 2, end: 31 },
  claimAsChecked: "A removed sentence",
  verdict: "false",
});

const N = bundle.claims.length;

describe("annotated HTML", () => {
  const html = renderAnnotatedHtml(bundle);
  const { document } = parseHTML(html);

  it("is a standalone page with no scripts, handlers or external resources", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(document.querySelectorAll("script, iframe, object, embed, link, img, form").length).toBe(0);
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        expect(attr.name.startsWith("on"), `${el.tagName} ${attr.name}`).toBe(false);
        expect(["src", "srcset", "action", "formaction", "background"]).not.toContain(attr.name);
      }
    }
    const css = [...document.querySelectorAll("style")].map((s) => s.textContent).join("");
    expect(css).not.toMatch(/url\(|@import/i);
    expect(css).toContain("@media print");
  });

  it("links only to in-page notes, the article's own links, the original and the sources (http/https)", () => {
    const sources = new Set(bundle.claims.flatMap((c) => c.sources.map((s) => s.url)));
    for (const a of document.querySelectorAll("a[href]")) {
      const href = a.getAttribute("href")!;
      if (href.startsWith("#")) {
        expect(document.getElementById(href.slice(1)), href).not.toBeNull();
        continue;
      }
      expect(href).toMatch(/^https?:\/\//);
      expect(a.getAttribute("rel")).toBe("noopener noreferrer");
      const inArticle = a.closest(".cd-article") !== null;
      const isSource = sources.has(href);
      const isOriginal = href === bundle.article.sourceUrl;
      expect(inArticle || isSource || isOriginal, href).toBe(true);
    }
    expect(document.querySelectorAll('[href^="javascript"], [href^="data"]').length).toBe(0);
  });

  it("escapes every piece of user text", () => {
    expect(document.querySelector("h1")!.textContent).toBe(bundle.article.title);
    expect(html).not.toContain("<b>Smith</b>");
    expect(document.body.textContent).toContain("Minister <b>Smith</b>");
    expect(document.body.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("keeps the article text intact and highlights each claim exactly where its quote is", () => {
    const article = document.querySelector(".cd-article")!;
    const clone = article.cloneNode(true) as Element;
    for (const sup of clone.querySelectorAll("sup.cd-ref")) sup.remove();
    const flat = (s: string) => s.replace(/\s+/g, "");
    expect(flat(clone.textContent ?? "")).toBe(flat(bundle.article.plainText));
    bundle.claims.slice(0, 6).forEach((claim, i) => {
      const text = [...clone.querySelectorAll(`mark[data-claim="${i + 1}"]`)].map((m) => m.textContent).join("");
      expect(flat(text), `claim ${i + 1}`).toBe(flat(claim.quote.exact));
    });
  });

  it("nests overlapping highlights validly: a mark never crosses an element boundary", () => {
    // Every closing tag in the markup closes the element opened last: no crossing.
    const source = /<article class="cd-article"[^>]*>([\s\S]*)<\/article>/.exec(html)![1]!;
    const stack: string[] = [];
    for (const [, close, name] of source.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
      if (name === "br" || name === "hr") continue;
      if (!close) stack.push(name!);
      else expect(stack.pop(), `</${name}>`).toBe(name);
    }
    expect(stack).toEqual([]);
    const article = document.querySelector(".cd-article")!;
    expect(article.querySelectorAll("mark").length).toBe(source.split("<mark ").length - 1);
    expect(article.querySelectorAll("mark mark").length).toBeGreaterThan(0);
    expect(article.querySelectorAll("a a, a sup a").length).toBe(0);
  });

  it("shows each verdict in words next to its footnote number, with a footnote per claim", () => {
    const refs = [...document.querySelectorAll("sup.cd-ref a")];
    expect(refs.map((a) => a.textContent!.replace(/\u00a0/g, " "))).toEqual([
      // In the order the claims end: "fell to" (2) ends inside claim 1.
      "2 · Half true",
      "1 · Mostly true",
      "3 · False",
      "4 · No verdict yet",
      "5 · Unverifiable",
      "6 · True",
    ]);
    for (const claim of bundle.claims) expect(document.getElementById(claimFragment(claim.id)), `note of ${claim.id}`).not.toBeNull();
    const note1 = document.getElementById(claimFragment(bundle.claims[0]!.id))!;
    expect(note1.textContent).toContain("Claim 1");
    expect(note1.textContent).toContain("Claim as checked");
    expect(note1.textContent).toContain("Minister <b>Smith</b>");
    expect(note1.textContent).toContain("Second");
    expect(note1.querySelectorAll(".cd-sources a").length).toBe(2);
  });

  it("lists claims not found in the text in their own section", () => {
    const headings = [...document.querySelectorAll("h2")].map((h) => h.textContent);
    expect(headings).toContain("Claims not found in the text");
    const orphan = document.getElementById(claimFragment(bundle.claims[N - 1]!.id))!;
    expect(orphan.textContent).toContain("a sentence the editor removed");
    expect(document.querySelector(`mark[data-claim="${N}"]`)).toBeNull();
    expect(document.querySelector(".cd-summary")!.textContent).toContain("1 claim was not found");
  });

  it("has a summary with counts by verdict and the scope", () => {
    const summary = document.querySelector(".cd-summary")!.textContent!;
    expect(summary).toContain("Scope: All claims");
    expect(summary).toContain(`${N} claims checked`);
    expect(summary).toMatch(/False\s*2/);
    const approved = renderAnnotatedHtml({ ...bundle, scope: "approved" });
    expect(approved).toContain("Approved claims only");
    expect(approved).toContain('name="claimdesk-export-scope" content="approved"');
  });

  it("gives the published page a scoped fragment and its CSS", () => {
    const { css, html: fragment } = renderAnnotatedArticle(bundle);
    expect(fragment.startsWith('<div class="claimdesk-export">')).toBe(true);
    expect(fragment).not.toContain("<html");
    expect(fragment).toContain("Ed Editor");
    const publicPage = renderAnnotatedArticle(bundle, { audience: "public" }).html;
    expect(publicPage).not.toContain("Ed Editor");
    expect(publicPage).toContain("Approved on 2026-11-22");
    for (const rule of css.split("}").map((r) => r.trim()).filter((r) => r && !r.startsWith("@"))) {
      expect(rule.startsWith(".claimdesk-export") || rule.startsWith("@page") || rule.startsWith("}"), rule).toBe(true);
    }
  });
});

describe("Markdown", () => {
  const markdown = renderMarkdown(bundle);
  const html = micromark(markdown, { extensions: [gfmFootnote()], htmlExtensions: [gfmFootnoteHtml()] });
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);

  it("resolves every footnote reference to a footnote, one per claim", () => {
    const refs = [...document.querySelectorAll("a[data-footnote-ref]")];
    expect(refs).toHaveLength(N);
    for (const ref of refs) {
      const id = ref.getAttribute("href")!.slice(1);
      expect(document.getElementById(id), id).not.toBeNull();
    }
    expect(document.querySelectorAll("section.footnotes > ol > li")).toHaveLength(N);
    // An unresolved reference would stay as literal text.
    for (let n = 1; n <= N; n++) expect(document.body.textContent).not.toContain(`[^${n}]`);
  });

  it("keeps user text literal: no HTML, links or emphasis from article, claim or source text", () => {
    expect(document.querySelectorAll("script, img").length).toBe(0);
    for (const a of document.querySelectorAll("a[href]")) expect(a.getAttribute("href")).toMatch(/^(#|https?:\/\/)/);
    expect(document.querySelector("h1")!.textContent).toBe(bundle.article.title);
    expect(document.body.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(document.body.textContent).toContain("Minister <b>Smith</b>");
    expect(document.body.textContent).toContain("**bold** [^9]");
  });

  it("marks claims in the text with brackets and the verdict, keeps the article's formatting", () => {
    const text = document.body.textContent!;
    expect(text).toContain("[Unemployment [fell to] (Half true)");
    expect(text).toContain("(Mostly true)");
    expect(document.querySelector("strong")!.textContent).toContain("4.2%");
    expect(document.querySelector('a[href^="https://stats.example.org/report"]')).not.toBeNull();
    expect(document.querySelectorAll("h2").length).toBeGreaterThan(1);
    expect(markdown).toContain("Claims not found in the text");
    expect(markdown).toContain("All claims");
  });
});

describe("JSON", () => {
  it("holds the article, document, scale, scope and every claim", () => {
    const json = JSON.parse(renderJson(bundle));
    expect(json.format).toBe("claimdesk-article");
    expect(json.version).toBe(1);
    expect(json.scope).toBe("all");
    expect(json.article.text).toBe(bundle.article.plainText);
    expect(json.article.content).toEqual(bundle.article.content);
    expect(json.verdictScale).toHaveLength(bundle.scale.length);
    expect(json.claims).toHaveLength(N);
    expect(json.claims[0].sources[0].title).toBe(HOSTILE);
    expect(json.claims[0].verdictLabel).toBe("Mostly true");
  });
});

describe("CSV", () => {
  const csv = renderCsv(bundle);
  const rows: string[][] = parse(csv, { bom: true, relax_column_count: false });

  it("is RFC 4180 with CRLF line ends, a header and one row per claim", () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(N + 1);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\r\n").length).toBeGreaterThan(N);
    // Split on CRLF only, the rows are the same: every record ends with CRLF.
    expect(parse(csv, { bom: true, record_delimiter: "\r\n" })).toEqual(rows);
  });

  it("round-trips quotes, commas and newlines", () => {
    const first = rows[1]!;
    expect(first[CSV_COLUMNS.indexOf("Rationale")]).toBe(bundle.claims[0]!.rationale);
    expect(first[CSV_COLUMNS.indexOf("Source URLs")]).toBe("https://stats.example.org/release/1\nhttps://example.org/b?x=1&y=2");
    expect(first[CSV_COLUMNS.indexOf("Verdict")]).toBe("Mostly true");
    expect(first[CSV_COLUMNS.indexOf("Export scope")]).toContain("All claims");
    expect(csv).toContain('""quotes""');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    const evil = makeBundle([
      { quote: "Imports shrank", claimant: "=HYPERLINK(\"http://evil\")", rationale: "+1", claimAsChecked: "-2+3", verdict: "true" },
      { quote: "The deficit halved", claimant: "@SUM(A1)", rationale: "\tTab", claimAsChecked: "\rCR", verdict: "false" },
    ]);
    const parsed: string[][] = parse(renderCsv(evil), { bom: true });
    const cells = parsed.slice(1).flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain("'=HYPERLINK(\"http://evil\")");
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).toContain("'+1");
  });
});

// JSON-LD read back as plain JSON: any shape, checked by the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

describe("ClaimReview", () => {
  const graph = toClaimReviewJsonLd(bundle) as unknown as { "@context": string; "@graph": Loose[] };
  const reviews = graph["@graph"].filter((n) => n["@type"] === "ClaimReview");

  it("with the approval workflow: one review per approved claim with a verdict", () => {
    // Approved with a verdict: claims 1, 2, 3 (orphan is approved too: 7), 5 (unverifiable), not 4 (open), not 6 (proposed).
    const approvedWithVerdict = bundle.claims.filter((c) => c.status === "approved" && c.verdict);
    expect(reviews).toHaveLength(approvedWithVerdict.length);
    expect(graph["@context"]).toBe("https://schema.org");
  });

  it("has Google's required properties on every review", () => {
    for (const r of reviews) {
      expect(r.claimReviewed).toBeTruthy();
      // Not published: the claim's note in the desk, never a page that does not exist.
      expect(r.url).toMatch(/^http:\/\/localhost:3000\/articles\/[0-9a-f-]+#claim-[0-9a-f-]{36}$/);
      expect(r["@id"]).toBe(r.url);
      expect(r.reviewRating["@type"]).toBe("Rating");
      expect(r.reviewRating.alternateName).toBeTruthy();
      expect(r.author).toEqual({ "@type": "Organization", name: "Example Fact Check", url: "https://factcheck.example.org/" });
      expect(r.datePublished).toBe("2026-11-22");
      expect(r.itemReviewed["@type"]).toBe("Claim");
      expect(r.itemReviewed.datePublished).toBe("2026-11-01");
      expect(r.itemReviewed.appearance).toMatchObject({ "@type": "CreativeWork", url: bundle.article.sourceUrl });
    }
  });

  it("matches the HTML footnote ids and maps the scale to numbers", () => {
    const first = reviews.find((r) => r.claimReviewed === bundle.claims[0]!.claimAsChecked)!;
    expect(first.url.endsWith(`#${claimFragment(bundle.claims[0]!.id)}`)).toBe(true);
    expect(first.reviewRating).toEqual({ "@type": "Rating", alternateName: "Mostly true", ratingValue: 5, bestRating: 6, worstRating: 1 });
    expect(first.itemReviewed.author).toEqual({ "@type": "Person", name: "Minister <b>Smith</b>" });
    const unverifiable = reviews.find((r) => r.reviewRating.alternateName === "Unverifiable")!;
    expect(unverifiable.reviewRating).toEqual({ "@type": "Rating", alternateName: "Unverifiable" });
    const ministry = reviews.find((r) => r.claimReviewed.startsWith("4.2%"))!;
    expect(ministry.itemReviewed.author["@type"]).toBe("Organization");
    const { ratings, best } = ratingScale(bundle.scale);
    expect(best).toBe(6);
    expect(ratings.get("false")).toBe(1);
    expect(ratings.get("true")).toBe(6);
    expect(ratings.has("unverifiable")).toBe(false);
  });

  it("without the workflow: every claim with a verdict, flagged as unapproved", () => {
    const open = toClaimReviewJsonLd({ ...bundle, workflow: false }) as unknown as { "@graph": Loose[] };
    const list = open["@graph"].filter((n) => n["@type"] === "ClaimReview");
    expect(list).toHaveLength(bundle.claims.filter((c) => c.verdict).length);
    expect(list.some((r) => r.creativeWorkStatus === "Unapproved")).toBe(true);
    expect(open["@graph"][0]!.description).toContain("not been approved");
  });

  it("is safe inside a script element", () => {
    const value = { a: "</script><script>alert(1)</script>", b: "<!-- x -->", c: "a & b", d: "\u2028\u2029" };
    const text = jsonLdScriptContent(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("format table and file names", () => {
  it("has every format with its label, type and extension", () => {
    expect(Object.keys(EXPORT_FORMATS)).toEqual(["html", "markdown", "json", "web-annotation", "claimreview", "csv"]);
    expect(EXPORT_FORMATS["web-annotation"].label).toBe("W3C Web Annotation");
    expect(EXPORT_FORMATS.csv.contentType).toBe("text/csv; charset=utf-8");
    for (const spec of Object.values(EXPORT_FORMATS)) expect(spec.render(bundle).length).toBeGreaterThan(100);
  });

  it("names files from the title slug, the export date and the extension", () => {
    const b = { ...bundle, article: { ...bundle.article, title: "Middle East Tensions" } };
    expect(exportFilename(b, "web-annotation")).toBe("middle-east-tensions-2026-11-25.annotations.jsonld");
    expect(exportFilename(b, "claimreview")).toBe("middle-east-tensions-2026-11-25.claimreview.jsonld");
    expect(exportFilename(b, "csv")).toBe("middle-east-tensions-2026-11-25.csv");
    expect(exportFilename(bundle, "html")).toBe("economie-prices-wages-in-2026-2026-11-25.html");
    expect(slugify("Ça “coûte” 100 € — 日本語")).toBe("ca-coute-100");
    expect(slugify("日本語")).toBe("article");
    expect(slugify("a".repeat(100)).length).toBe(60);
  });
});

describe("claims that end or start between blocks", () => {
  // A quote that takes in the paragraph break (possible with a mouse selection).
  const b = makeBundle([
    { quote: "the minister said.\n\n", verdict: "false" },
    { quote: "\n\nPrices", verdict: "true" },
  ]);

  it("HTML places the reference at the end of the block the claim ends in", () => {
    const { document } = parseHTML(renderAnnotatedHtml(b));
    const firstParagraph = document.querySelector(".cd-article p")!;
    expect(firstParagraph.querySelector(`a[href="#${claimFragment(b.claims[0]!.id)}"]`)).not.toBeNull();
    expect(document.querySelector(".cd-article h2")!.querySelector(`a[href="#${claimFragment(b.claims[1]!.id)}"]`)).not.toBeNull();
    expect(document.querySelector('mark[data-claim="2"]')!.textContent).toBe("Prices");
  });

  it("Markdown closes and opens the brackets in the right blocks", () => {
    const markdown = renderMarkdown(b);
    expect(markdown).toContain("\\[the minister said.\\] (False)[^1]");
    expect(markdown).toContain("## \\[Prices\\] (True)[^2]");
  });
});

describe("Markdown escaping", () => {
  it("keeps line-start syntax and inline syntax literal, leaves running hyphens alone", async () => {
    const { escapeMarkdown } = await import("./escape");
    const text = "- item\n# heading\n1. first\n2) second\n> quote\n===\n+ plus\n    code?\n`tick` *star* _under_ <b>x</b> &amp; ~~s~~ a|b [l](u) ![i](u)\nIraq-Iran (1980s) well-known";
    const html = micromark(text.split("\n").map(escapeMarkdown).join("\\\n"), { extensions: [gfmFootnote()], htmlExtensions: [gfmFootnoteHtml()] });
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    expect(document.querySelectorAll("ul, ol, h1, h2, blockquote, hr, code, em, strong, a, img, b, pre").length).toBe(0);
    expect(document.body.textContent).toContain("- item");
    expect(document.body.textContent).toContain("<b>x</b> &amp;");
    expect(escapeMarkdown("Iraq-Iran (1980s) well-known")).toBe("Iraq-Iran (1980s) well-known");
  });
});

describe("the exporters read text offsets from the one document walk", () => {
  // A text node straight under the doc (not produced by the importer, but
  // possible in stored JSON): the text model counts it, so the renderers must
  // too, or every claim after it lands on the wrong characters.
  const base = makeBundle([]);
  const content = {
    type: "doc",
    content: [
      { type: "text", text: "Loose words " },
      { type: "paragraph", content: [{ type: "text", text: "Unemployment fell to 4.2%." }] },
      { type: "unknownBlock", content: [{ type: "text", text: "Then a block of an unknown type." }] },
    ],
  };
  const plainText = "Loose words Unemployment fell to 4.2%.\n\nThen a block of an unknown type.";
  const claimAt = (quote: string): (typeof base.claims)[number] => {
    const start = plainText.indexOf(quote);
    return {
      ...makeBundle([{ quote: "Unemployment fell" }]).claims[0]!,
      quote: { exact: quote, prefix: plainText.slice(Math.max(0, start - 32), start), suffix: plainText.slice(start + quote.length, start + quote.length + 32) },
      position: { start, end: start + quote.length },
    };
  };
  const b = { ...base, article: { ...base.article, content, plainText }, claims: [claimAt("fell to 4.2%"), { ...claimAt("block of an unknown"), id: "00000000-0000-4000-8000-0000000000ff" }] };

  it("Markdown brackets exactly the claimed words after a loose text node and in an unknown block", () => {
    const markdown = renderMarkdown(b);
    expect(markdown).toContain("Unemployment \\[fell to 4.2%\\] (False)[^1].");
    expect(markdown).toContain("Then a \\[block of an unknown\\] (False)[^2] type.");
  });

  it("HTML highlights exactly the claimed words", () => {
    const { document } = parseHTML(renderAnnotatedHtml(b));
    expect([...document.querySelectorAll(".cd-article mark")].map((m) => m.textContent)).toEqual(["fell to 4.2%", "block of an unknown"]);
  });
});

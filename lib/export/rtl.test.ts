import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { toClaimReviewJsonLd } from "./claimreview";
import { renderAnnotatedHtml } from "./html";
import { renderJson } from "./json";
import { makeBundle } from "./test-fixture";
import { toWebAnnotationCollection } from "./web-annotation";

// An Arabic article with an English paragraph, as a Middle East desk gets them.
const ARABIC = `قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة.

## الهدنة صامدة

The ministry said 40 people were hurt.

- أكد المتحدث أن الهدنة صامدة منذ ثلاثة أيام.

> نفى الجيش أي تحرك جديد.`;
const CLAIM = "المحادثات ستستأنف الأسبوع المقبل";

const bundle = makeBundle([{ quote: CLAIM, verdict: "unverifiable" }, { quote: "40 people were hurt", verdict: "false" }], {}, ARABIC);
bundle.article.language = "ar";
bundle.article.title = "محادثات القاهرة";

describe("exports of a right-to-left article", () => {
  it("HTML: every block takes its direction from its own text, and the article and title carry its language", () => {
    const { document } = parseHTML(renderAnnotatedHtml(bundle));
    const article = document.querySelector("article.cd-article")!;
    expect(article.getAttribute("lang")).toBe("ar");
    expect(document.querySelector("h1")!.getAttribute("lang")).toBe("ar");
    expect(document.querySelector("h1")!.getAttribute("dir")).toBe("auto");
    // The page's own words (summary, notes) stay English.
    expect(document.documentElement.getAttribute("lang")).toBe("en");
    const blocks = [...article.querySelectorAll("p, h2, h3, h4, li, ul, ol")];
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(block.getAttribute("dir"), block.outerHTML).toBe("auto");
    expect(document.querySelector("q")!.getAttribute("lang")).toBe("ar");
    expect(document.querySelector("q")!.getAttribute("dir")).toBe("auto");
  });

  it("HTML: the marker of an Arabic claim is one isolated piece, number and verdict together", () => {
    const { document } = parseHTML(renderAnnotatedHtml(bundle));
    const mark = document.querySelector('mark[data-claim="1"]')!;
    expect(mark.textContent).toBe(CLAIM);
    const ref = mark.nextElementSibling!;
    expect(ref.tagName).toBe("SUP");
    // dir="auto" makes the marker a bidi isolate (HTML's UA style: unicode-bidi: isolate),
    // so the Arabic around it cannot pull "1" and "· Unverifiable" apart.
    expect(ref.getAttribute("dir")).toBe("auto");
    expect(ref.textContent).toBe("1\u00a0·\u00a0Unverifiable");
    expect(renderAnnotatedHtml(bundle)).toContain(".cd-ref{font:600 .72rem system-ui,sans-serif;line-height:1;white-space:nowrap;unicode-bidi:isolate}");
  });

  it("HTML: an article whose language is not determined gets no lang guess", () => {
    const und = { ...bundle, article: { ...bundle.article, language: "und" } };
    const { document } = parseHTML(renderAnnotatedHtml(und));
    expect(document.querySelector("article.cd-article")!.hasAttribute("lang")).toBe(false);
  });

  it("JSON, W3C Web Annotation and ClaimReview carry the language", () => {
    expect(JSON.parse(renderJson(bundle)).article.language).toBe("ar");
    const annotations = toWebAnnotationCollection(bundle).first.items;
    expect(annotations.map((a) => a.target.language)).toEqual(["ar", "ar"]);
    const graph = (toClaimReviewJsonLd(bundle) as unknown as { "@graph": Record<string, unknown>[] })["@graph"];
    const reviews = graph.filter((n) => n["@type"] === "ClaimReview") as { itemReviewed: { inLanguage?: string; appearance: { inLanguage?: string } } }[];
    expect(reviews.length).toBe(2);
    for (const r of reviews) {
      expect(r.itemReviewed.inLanguage).toBe("ar");
      expect(r.itemReviewed.appearance.inLanguage).toBe("ar");
    }
  });

  it("leaves the language out of W3C and ClaimReview when it is not determined", () => {
    const und = { ...bundle, article: { ...bundle.article, language: "und" } };
    expect(toWebAnnotationCollection(und).first.items[0]!.target.language).toBeUndefined();
    expect(JSON.stringify(toClaimReviewJsonLd(und))).not.toContain("inLanguage");
  });
});

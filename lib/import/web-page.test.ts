import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodePage } from "./charset";
import { ImportError } from "./format";
import { runTask, type WebPageResult } from "./tasks";
import { extractWebPage, publishedDate } from "./web-page";

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/pages/${name}`, import.meta.url));
const PAGE_URL = "https://news.example/local/water-rates-rise?utm_campaign=x";
/** The worker's task, run in process: extraction, then the HTML importer. */
const importPage = (name: string, url = PAGE_URL, contentType = "text/html") =>
  runTask({ kind: "web-page", html: decodePage(fixture(name), contentType).text, url }) as WebPageResult;

describe("a news page with site chrome", () => {
  const page = importPage("news.html");

  it("keeps the article's paragraphs and subheading, in order", () => {
    expect(page.plainText.startsWith("Households in the port city will pay 12% more for water")).toBe(true);
    expect(page.plainText).toContain("What it means for bills");
    expect(page.plainText.trimEnd().endsWith("which represents about 3,000 households.")).toBe(true);
    expect(page.plainText.indexOf("Opposition councillors")).toBeGreaterThan(page.plainText.indexOf("Councillor Anne Whitfield"));
  });

  it("leaves out the navigation, footer, related links, share tools, comments, cookie banner and paywall teaser", () => {
    for (const chrome of [
      "Politics", "Subscribe from £1", "Skip to content", "Share on X", "Read more", "Ferry timetable",
      "Related stories", "Energy bills to fall", "Privacy policy", "All rights reserved",
      "Comments (48)", "HarbourDad", "Sell the harbour stake", "Post comment",
      "We use cookies", "for subscribers", "Become a member", "Subscribe now",
    ]) {
      expect(page.plainText, chrome).not.toContain(chrome);
    }
    // The headline is the article's title, not repeated as its first line; the byline is metadata.
    expect(page.plainText).not.toContain("By Maria Okafor");
  });

  it("reads the metadata from JSON-LD (@graph), meta tags and the canonical link", () => {
    expect(page.metadata).toEqual({
      title: "Port city water rates to rise 12% next year",
      byline: "Maria Okafor and Tom Lindqvist",
      siteName: "The Harbour Courier",
      publishedTime: "2024-03-05T07:30:00+01:00",
      publishedOn: "2024-03-05",
      // rel=canonical (relative, resolved against the page) wins over og:url with its tracking parameter.
      canonicalUrl: "https://news.example/local/2024/03/water-rates-rise",
      excerpt: "The council approved a 12% rise in water rates to pay for a new treatment plant.",
      lang: "en",
    });
  });

  it("returns HTML the sanitiser has already cleaned (no scripts, classes, images or inline handlers)", () => {
    expect(page.articleHtml).toContain("<h2>What it means for bills</h2>");
    expect(page.articleHtml).not.toMatch(/<script|<img|class=|onload|<form/i);
  });
});

describe("metadata fallbacks", () => {
  it("reads a windows-1252 page whose charset is only in a meta tag, and a plain JSON-LD Article with a string author", () => {
    const page = importPage("latin1.html", "https://gazette.example/ville/cafe");
    expect(page.plainText).toContain("Après quarante-deux ans d’activité");
    expect(page.plainText).toContain("de 1 200 € à 2 050 € par mois");
    expect(page.plainText).toContain("« C’est une page qui se tourne »");
    expect(page.plainText).not.toContain("Accueil");
    expect(page.metadata).toMatchObject({
      title: "Le café du port ferme ses portes",
      byline: "Élise Durand",
      siteName: "Gazette du Littoral",
      publishedOn: "2023-11-30",
      canonicalUrl: "https://gazette.example/ville/cafe",
      lang: "fr",
    });
  });

  it("takes og:url, then the address itself, as the canonical URL, and Open Graph and article: tags without JSON-LD", () => {
    const paragraphs = Array.from({ length: 4 }, (_, i) => `<p>Paragraph ${i + 1} of a story long enough to count as an article: the harbour authority published its annual figures on Tuesday.</p>`).join("");
    const html = `<html><head><title>Site | Story</title>
      <meta property="og:title" content="The story's own title"><meta property="og:site_name" content="Coast Daily">
      <meta property="og:url" content="https://coast.example/story"><meta property="article:published_time" content="2022-07-01T23:30:00-05:00">
      <meta name="author" content="By Sam Reyes"></head><body><article>${paragraphs}<p><a href="/other">a relative link</a> in the text.</p></article></body></html>`;
    const { metadata, articleHtml } = extractWebPage({ html, url: "https://coast.example/story?ref=home" });
    expect(metadata).toMatchObject({ title: "The story's own title", siteName: "Coast Daily", byline: "Sam Reyes", canonicalUrl: "https://coast.example/story", publishedOn: "2022-07-01" });
    // Relative links are made absolute against the page, or the imported article would link nowhere.
    expect(articleHtml).toContain('href="https://coast.example/other"');
    const bare = extractWebPage({ html: html.replace(/<meta property="og:url"[^>]*>/, ""), url: "https://coast.example/story?ref=home" });
    expect(bare.metadata.canonicalUrl).toBe("https://coast.example/story?ref=home");
  });

  it("turns published times into the day the page states", () => {
    expect(publishedDate("2024-03-05T23:30:00-05:00")).toBe("2024-03-05");
    expect(publishedDate("2024-02-30")).toBeNull();
    expect(publishedDate("Tue, 05 Mar 2024 07:30:00 GMT")).toBe("2024-03-05");
    expect(publishedDate("last Tuesday")).toBeNull();
    expect(publishedDate(null)).toBeNull();
  });
});

describe("pages without an article", () => {
  it("refuses a sign-in page with a readable error", () => {
    const error = (() => {
      try {
        importPage("no-article.html");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe("empty");
    expect((error as ImportError).message).toMatch(/could not find an article on that page/);
  });

  it("refuses an empty page and a page of links", () => {
    expect(() => extractWebPage({ html: "<html><body></body></html>", url: PAGE_URL })).toThrow(/could not find an article/);
    const links = `<ul>${Array.from({ length: 60 }, (_, i) => `<li><a href="/s/${i}">Story number ${i}</a></li>`).join("")}</ul>`;
    expect(() => extractWebPage({ html: `<html><body><nav>${links}</nav></body></html>`, url: PAGE_URL })).toThrow(/could not find an article/);
  });
});

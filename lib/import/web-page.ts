/**
 * A fetched news page → its article and metadata. Runs in the import worker
 * (task "web-page" in ./tasks.ts), never on the server's event loop: a
 * 5 MB page is a large DOM, and readability walks it several times.
 *
 * - @mozilla/readability finds the article and drops the site around it
 *   (navigation, related links, comments, footers). It runs over linkedom,
 *   the DOM the HTML importer already uses (jsdom ≥ 30 needs Node 22).
 * - Paywall and subscription prompts inside the article body are removed
 *   first: readability keeps a short boxed paragraph when it sits among the
 *   article's own paragraphs.
 * - Metadata is read before readability runs (it changes the document), from
 *   JSON-LD (Article, NewsArticle and their kin, also inside `@graph`), then
 *   Open Graph / article:* meta tags, then readability's own guesses.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { ImportError } from "./format";

export type WebPageMetadata = {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** As the page gives it (ISO 8601 as a rule). */
  publishedTime: string | null;
  /** YYYY-MM-DD, the day as written in the page's own time zone. */
  publishedOn: string | null;
  /** link rel=canonical, else og:url, else the address that answered; absolute http(s). */
  canonicalUrl: string;
  excerpt: string | null;
  lang: string | null;
};

export type ExtractedWebPage = { metadata: WebPageMetadata; articleHtml: string };

export const NO_ARTICLE_MESSAGE =
  "Claimdesk could not find an article on that page: it looks like a front page, a list of links, a sign-in page or an empty page. Open the article itself and fetch its address, or paste the article text instead.";

/** Fewer characters of article text than this is not an article (a sign-in form, a cookie wall). */
const MIN_ARTICLE_CHARS = 200;
/** Above this share of its text in links, a candidate is a list of links (a front page, a section index). */
const MAX_LINK_SHARE = 0.5;
/** Pages with more elements are refused rather than walked (readability's own guard). */
const MAX_PAGE_ELEMENTS = 150_000;

const ARTICLE_TYPES = /^(Article|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|ScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|SatiricalArticle|WebPage)$/;

/** Class or id of a paywall / subscription prompt (word-bounded: "subscriber-only" holds the article on some sites). */
const PAYWALL_PATTERN = /\b(paywall|regwall|subscribe|subscription-(?:prompt|wall|box|banner|cta)|piano-(?:offer|template)|meter-(?:prompt|banner))\b/i;
/** A prompt is short; an element with this much text is the (gated) article itself. */
const PAYWALL_MAX_CHARS = 600;

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim().replace(/\s+/g, " ") : null);

function typesOf(node: JsonObject): string[] {
  const type = node["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string").map((t) => t.replace(/^https?:\/\/schema\.org\//, ""));
}

/** Every JSON-LD object on the page, arrays and `@graph`s flattened. */
function jsonLdNodes(document: Document): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(value)) return value.forEach((v) => visit(v, depth + 1));
    if (!isObject(value)) return;
    nodes.push(value);
    if (Array.isArray(value["@graph"])) visit(value["@graph"], depth + 1);
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json" i]'))) {
    try {
      visit(JSON.parse((script.textContent ?? "").replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, "")), 0);
    } catch {
      // A broken JSON-LD block is common; the meta tags still count.
    }
  }
  return nodes;
}

function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === "string") return text(value) ? [text(value)!] : [];
  if (isObject(value)) return text(value.name) ? [text(value.name)!] : [];
  return [];
}

function joinNames(list: string[]): string | null {
  const unique = [...new Set(list)];
  if (!unique.length) return null;
  return unique.length === 1 ? unique[0]! : `${unique.slice(0, -1).join(", ")} and ${unique.at(-1)}`;
}

function articleFromJsonLd(document: Document) {
  const nodes = jsonLdNodes(document);
  // The page's main article: a NewsArticle-like node, preferring one that is not a bare WebPage.
  const article =
    nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t) && t !== "WebPage")) ?? nodes.find((n) => typesOf(n).includes("WebPage") && (n.datePublished || n.author));
  if (!article) return null;
  const site = nodes.find((n) => typesOf(n).includes("WebSite"));
  return {
    title: text(article.headline) ?? text(article.name),
    byline: joinNames(names(article.author)),
    siteName: names(article.publisher)[0] ?? (site ? text(site.name) : null),
    publishedTime: text(article.datePublished) ?? text(article.dateCreated),
    url: text(article.url) ?? text(article.mainEntityOfPage) ?? (isObject(article.mainEntityOfPage) ? text(article.mainEntityOfPage["@id"]) : null),
  };
}

function meta(document: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const element of Array.from(document.querySelectorAll("meta"))) {
      const name = element.getAttribute("property") ?? element.getAttribute("name") ?? element.getAttribute("itemprop");
      if (name?.toLowerCase() === key) {
        const value = text(element.getAttribute("content"));
        if (value) return value;
      }
    }
  }
  return null;
}

/** An absolute http(s) URL, or null. */
function absoluteHttpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** "2024-03-05T07:30:00+01:00" → "2024-03-05": the date as the page states it, not shifted to UTC. */
export function publishedDate(value: string | null): string | null {
  if (!value) return null;
  const written = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (written) {
    const [, y, m, d] = written;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return null;
  const year = new Date(parsed).getUTCFullYear();
  return year > 1800 && year < 3000 ? new Date(parsed).toISOString().slice(0, 10) : null;
}

function readMetadata(document: Document, pageUrl: string): Omit<WebPageMetadata, "publishedOn" | "excerpt" | "lang" | "title" | "byline"> & { title: string | null; byline: string | null } {
  const ld = articleFromJsonLd(document);
  const canonicalLink = document.querySelector('link[rel~="canonical" i]')?.getAttribute("href");
  const canonicalUrl = absoluteHttpUrl(canonicalLink, pageUrl) ?? absoluteHttpUrl(meta(document, "og:url"), pageUrl) ?? absoluteHttpUrl(ld?.url, pageUrl) ?? pageUrl;
  return {
    title: ld?.title ?? meta(document, "og:title", "twitter:title"),
    byline: ld?.byline ?? meta(document, "author", "article:author", "dc.creator", "parsely-author", "byl"),
    siteName: ld?.siteName ?? meta(document, "og:site_name", "application-name"),
    publishedTime:
      ld?.publishedTime ??
      meta(document, "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date.issued", "dc.date", "parsely-pub-date", "sailthru.date") ??
      document.querySelector("article time[datetime], time[pubdate][datetime]")?.getAttribute("datetime") ??
      null,
    canonicalUrl,
  };
}

function removePaywallPrompts(document: Document): void {
  for (const element of Array.from(document.querySelectorAll("body [class], body [id], body [data-paywall]"))) {
    if (!element.isConnected) continue;
    const label = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
    if ((element.hasAttribute("data-paywall") || PAYWALL_PATTERN.test(label)) && (element.textContent ?? "").trim().length <= PAYWALL_MAX_CHARS) element.remove();
  }
}

const squeeze = (value: string | null | undefined) => (value ?? "").replace(/\s+/g, " ").trim();

/**
 * Readability always returns its best candidate; on a sign-in page that is a
 * form's labels, on a front page a list of headlines. Too little text, or
 * text that is mostly links, is not an article.
 */
function looksLikeAnArticle(content: string): boolean {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${content}</body></html>`);
  const total = squeeze(document.body.textContent).length;
  if (total < MIN_ARTICLE_CHARS) return false;
  const linked = Array.from(document.body.querySelectorAll("a")).reduce((sum, a) => sum + squeeze(a.textContent).length, 0);
  return linked / total <= MAX_LINK_SHARE;
}

const clip = (value: string | null, max: number): string | null => (value && value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value);

/**
 * A page's HTML (decoded) and the address it answered from → the article's
 * HTML (as readability found it, not yet sanitised) and metadata. Throws
 * ImportError("empty") when there is no article.
 */
export function extractWebPage({ html, url }: { html: string; url: string }): ExtractedWebPage {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  // Relative links and images resolve against the page (a <base href> first), as in a browser.
  const base = absoluteHttpUrl(doc.querySelector("base[href]")?.getAttribute("href"), url) ?? url;
  Object.defineProperty(doc, "baseURI", { value: base, configurable: true });
  Object.defineProperty(doc, "documentURI", { value: url, configurable: true });

  const found = readMetadata(doc, url);
  removePaywallPrompts(doc);

  let parsed: ReturnType<Readability<string>["parse"]>;
  try {
    parsed = new Readability(doc, { maxElemsToParse: MAX_PAGE_ELEMENTS, keepClasses: false }).parse();
  } catch (error) {
    if (error instanceof Error && /Aborting parsing document/.test(error.message)) {
      throw new ImportError("too_complex", "This page has too many elements to read. Save the article text from your browser and paste it instead.");
    }
    throw error;
  }
  if (!parsed?.content || !looksLikeAnArticle(parsed.content)) throw new ImportError("empty", NO_ARTICLE_MESSAGE);

  const publishedTime = found.publishedTime ?? text(parsed.publishedTime);
  const byline = (found.byline ?? text(parsed.byline))?.replace(/^by\s+/i, "") ?? null;
  return {
    articleHtml: parsed.content,
    metadata: {
      // The import form's limits (lib/import/article-input.ts): a metadata value never makes an import fail.
      title: clip(found.title ?? text(parsed.title), 300),
      byline: clip(byline, 200),
      siteName: clip(found.siteName ?? text(parsed.siteName), 200),
      publishedTime,
      publishedOn: publishedDate(publishedTime),
      canonicalUrl: found.canonicalUrl.length <= 2048 ? found.canonicalUrl : url,
      excerpt: clip(text(parsed.excerpt), 500),
      lang: text(parsed.lang),
    },
  };
}

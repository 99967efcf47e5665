import "server-only";
import type { SessionUser } from "@/lib/auth";
import { AppError, RetryLaterError } from "@/lib/errors";
import { decodePage } from "@/lib/import/charset";
import { ImportError } from "@/lib/import/format";
import { runImportTask } from "@/lib/import/pool";
import type { WebPageMetadata } from "@/lib/import/web-page";
import { OUTBOUND_LIMITS, OutboundError, outboundRequest } from "@/lib/net/outbound";
import { importFromUrlSchema } from "@/lib/import/article-input";
import { parseInput } from "@/lib/validation";
import { isEditorRole } from "@/lib/workflow";
import { createArticle, getArticle } from "./articles";
import { chargeWindow, type RateLimit } from "./rate-limit";

/**
 * Import from a URL: the page is fetched through the one guarded outbound
 * request (lib/net/outbound.ts), decoded, and its article found and parsed
 * in the import worker (task "web-page": readability over linkedom, then the
 * HTML importer's sanitiser and limits).
 *
 * Nothing is kept between the preview and the import (two instances behind a
 * load balancer share no memory): the preview hands the client the article's
 * sanitised HTML, and the import page sends it back as an HTML import, which
 * the server parses and sanitises again like any other. That is no more
 * trust than the paste box already gives, and it imports exactly the text
 * the user previewed; fetching again could bring a different page (a live
 * story updated, an A/B variant, a paywall on the second visit) and doubles
 * the requests to the publisher.
 */

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

/** What a fetched article is: its sanitised HTML and the page's metadata. Used by import and by "Refresh from URL". */
export type FetchedArticle = {
  /** Sanitised article HTML, ready for an HTML import (format "html"). */
  html: string;
  plainText: string;
  metadata: WebPageMetadata & { /** The address that answered, after redirects. */ finalUrl: string };
};

export type ArticlePreview = {
  url: string;
  finalUrl: string;
  title: string;
  author: string;
  publisher: string;
  /** YYYY-MM-DD or "". */
  publishedOn: string;
  /** The canonical URL, the article's source URL unless the user changes it. */
  sourceUrl: string;
  excerpt: string;
  /** The first paragraphs of the text (at most 3, each at most 600 characters). */
  paragraphs: string[];
  wordCount: number;
  /** What the import page sends back with the confirmed metadata (format "html"). */
  html: string;
};

const urlInput = importFromUrlSchema.pick({ url: true });

const fieldError = (code: ConstructorParameters<typeof AppError>[0], message: string) => new AppError(code, message, { url: message });

/** A refusal of the outbound request, in words a user acts on (shown next to the URL field). */
export function outboundAppError(error: OutboundError): AppError {
  const limitMb = Math.round(OUTBOUND_LIMITS.maxBytes / (1024 * 1024));
  switch (error.code) {
    case "invalid_url":
      return fieldError("bad_request:import", error.message);
    case "blocked":
      return fieldError(
        "bad_request:import",
        `That address is on a private network or is reserved (${error.details.host ?? "not a public address"}), so Claimdesk does not fetch it. Use the article's public web address.`,
      );
    case "too_many_redirects":
      return fieldError("bad_request:import", `The page redirected more than ${OUTBOUND_LIMITS.maxRedirects} times. Open it in a browser and fetch the address it ends at.`);
    case "too_large":
      return fieldError("too_large:import", `The page is larger than ${limitMb} MB, so it was not imported. Copy the article text from your browser and paste it instead.`);
    case "timeout":
      return fieldError("unavailable:import", `The page did not answer within ${Math.round(OUTBOUND_LIMITS.timeoutMs / 1000)} s. Try again later, or paste the article text instead.`);
    case "unsupported_type":
      return fieldError(
        "bad_request:import",
        `That address is not a web page (${error.details.mediaType || "no content type"}). Fetch the article's web page, or upload a .txt, .md or .html file instead.`,
      );
    case "unreachable":
      return fieldError("bad_request:import", `${error.message} Check the address and try again.`);
  }
}

function workerAppError(error: ImportError): AppError {
  switch (error.code) {
    case "empty":
      return fieldError("bad_request:import", error.message.startsWith("Claimdesk could not find") ? error.message : "That page has no article text in it. Open the article itself, or paste its text instead.");
    case "too_large":
      return fieldError("too_large:import", "The article on that page is larger than 2 MB once its formatting is removed. Paste the part you need instead.");
    case "too_complex":
      return fieldError(
        "bad_request:import",
        error.message.startsWith("This page")
          ? error.message
          : "Reading that page took longer, or needed more memory, than the importer allows, so nothing was imported. Copy the article text from your browser and paste it instead.",
      );
    case "busy":
      return fieldError("unavailable:import", error.message);
    case "unreadable":
      return fieldError("bad_request:import", "That page cannot be read as an article. Copy the article text from your browser and paste it instead.");
  }
}

/**
 * Fetches a page and finds its article: sanitised HTML plus metadata. Throws
 * AppError (with a `url` field error) for every refusal: a private address,
 * too large, too slow, not HTML, an error status, no article. The function
 * "Refresh from URL" calls with an article's source URL.
 */
export async function fetchArticleFromUrl(url: string): Promise<FetchedArticle> {
  let response;
  try {
    response = await outboundRequest({
      url,
      headers: { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" },
      acceptContentType: (mediaType) => HTML_TYPES.has(mediaType),
    });
  } catch (error) {
    if (error instanceof OutboundError) throw outboundAppError(error);
    throw error;
  }
  if (response.status < 200 || response.status > 299) {
    const what = response.status === 404 || response.status === 410 ? "there is no page at that address" : response.status === 401 || response.status === 403 ? "the site refused to give it to Claimdesk" : "the site could not give it";
    throw fieldError("bad_request:import", `The page answered with HTTP ${response.status}: ${what}. Check the address in a browser, or paste the article text instead.`);
  }
  const { text } = decodePage(response.body, response.headers["content-type"]);
  try {
    const result = await runImportTask({ kind: "web-page", html: text, url: response.url });
    return { html: result.articleHtml, plainText: result.plainText, metadata: { ...result.metadata, finalUrl: response.url } };
  } catch (error) {
    if (error instanceof ImportError) throw workerAppError(error);
    throw error;
  }
}

const FETCH_WINDOW_MS = 10 * 60_000;

/** URL_FETCH_LIMIT: page fetches one person may make per 10 minutes, 30 by default. */
export function urlFetchLimit(env: Record<string, string | undefined> = process.env): RateLimit {
  const raw = env.URL_FETCH_LIMIT?.trim();
  if (!raw) return { limit: 30, windowMs: FETCH_WINDOW_MS };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`URL_FETCH_LIMIT must be a whole number, at least 1; got "${raw}".`);
  return { limit: n, windowMs: FETCH_WINDOW_MS };
}

/**
 * Counts one page fetch of a person (the import page's Fetch, an import from
 * a URL, Refresh from URL, the API's url bodies) against URL_FETCH_LIMIT, in
 * the database so every instance counts the same fetches. Every attempt
 * counts, a refused one too: the limit is on what the server is asked to
 * fetch, which is what makes it a poor tool for probing other sites.
 */
export async function chargeUrlFetch(actor: SessionUser, now = Date.now()): Promise<void> {
  const limit = urlFetchLimit();
  const charge = await chargeWindow(`url-fetch:${actor.id}`, limit, now);
  if (charge.allowed) return;
  const seconds = Math.max(1, Math.ceil((charge.resetAt - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const message = `Too many page fetches; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}. Claimdesk fetches at most ${limit.limit} pages per person every ${FETCH_WINDOW_MS / 60_000} minutes; you can paste the article's text meanwhile.`;
  throw new RetryLaterError("rate_limited:import", message, seconds, { url: message });
}

function paragraphsOf(plainText: string): string[] {
  return plainText
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .slice(0, 3)
    .map((p) => (p.length > 600 ? `${p.slice(0, 599).trimEnd()}…` : p));
}

const wordCount = (plainText: string) => plainText.split(/\s+/).filter(Boolean).length;

/** The import page's "Fetch": the article's preview, with what the import needs to send back. */
export async function previewArticleFromUrl({ actor, url }: { actor: SessionUser | null; url: unknown }): Promise<ArticlePreview> {
  if (!actor) throw new AppError("unauthorized:auth");
  const input = parseInput(urlInput, { url }, "import");
  await chargeUrlFetch(actor);
  const fetched = await fetchArticleFromUrl(input.url);
  const m = fetched.metadata;
  return {
    url: input.url,
    finalUrl: m.finalUrl,
    title: m.title ?? "",
    author: m.byline ?? "",
    publisher: m.siteName ?? "",
    publishedOn: m.publishedOn ?? "",
    sourceUrl: m.canonicalUrl,
    excerpt: m.excerpt ?? "",
    paragraphs: paragraphsOf(fetched.plainText),
    wordCount: wordCount(fetched.plainText),
    html: fetched.html,
  };
}

/**
 * Fetches and imports in one step (POST /api/v1/articles with a `url`): the
 * page's metadata, each field replaced by the caller's when given; the source
 * URL is the canonical one. Imported through createArticle as HTML.
 */
export async function createArticleFromUrl({ actor, input }: { actor: SessionUser | null; input: unknown }): Promise<{ id: string }> {
  if (!actor) throw new AppError("unauthorized:auth");
  const data = parseInput(importFromUrlSchema, input, "import");
  await chargeUrlFetch(actor);
  const fetched = await fetchArticleFromUrl(data.url);
  const m = fetched.metadata;
  const given = (input ?? {}) as Record<string, unknown>;
  const pick = <K extends keyof typeof data>(key: K, fromPage: string | null) => (key in given ? data[key] : fromPage);
  return createArticle({
    actor,
    input: {
      title: data.title ?? m.title ?? new URL(m.finalUrl).hostname,
      sourceUrl: pick("sourceUrl", m.canonicalUrl),
      publisher: pick("publisher", m.siteName),
      author: pick("author", m.byline),
      publishedOn: pick("publishedOn", m.publishedOn),
      format: "html",
      body: fetched.html,
    },
  });
}

export type FetchedVersion = { format: "html"; content: string; sourceUrl: string; title: string };

/**
 * Refresh from URL: the article's page fetched again (its source URL, or
 * `url` when given: the API's `{"url": …}` new revision), as a new version
 * for the editor to preview and save (previewExternalRevision /
 * saveExternalRevision). Editors and admins, as for any new version.
 */
export async function fetchNewVersionFromSource({ actor, articleId, url }: { actor: SessionUser; articleId: unknown; url?: unknown }): Promise<FetchedVersion> {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:article", "Only an editor or admin can bring in a new version of the article.");
  const { sourceUrl } = await getArticle({ articleId: typeof articleId === "string" ? articleId : "" });
  const address = url === undefined ? sourceUrl : parseInput(urlInput, { url }, "import").url;
  if (!address) throw new AppError("bad_request:article", "This article has no source URL to fetch it from. Add it in the article's details, or paste the new text.");
  await chargeUrlFetch(actor);
  const fetched = await fetchArticleFromUrl(address);
  return { format: "html", content: fetched.html, sourceUrl: fetched.metadata.finalUrl, title: fetched.metadata.title ?? "" };
}

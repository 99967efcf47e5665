import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiRateLimits, articles } from "@/db/schema";
import { RetryLaterError } from "@/lib/errors";
import { OutboundError } from "@/lib/net/outbound";
import { expectAppError, openTestDesk } from "@/test/support/database";
import { startPageServer, type PageServer } from "@/test/support/page-server";
import { createArticle, getArticle } from "./articles";
import { saveExternalRevision } from "./revisions";
import { chargeUrlFetch, createArticleFromUrl, fetchArticleFromUrl, fetchNewVersionFromSource, outboundAppError, previewArticleFromUrl, urlFetchLimit } from "./url-import";

// The import worker starts from source through tsx: seconds on a busy machine.
const SLOW = { timeout: 60_000 };
const desk = await openTestDesk("url-import");
let pages: PageServer;
const previousAllow = process.env.URL_IMPORT_ALLOW_HOSTS;

beforeAll(async () => {
  pages = await startPageServer();
  // The fixture server is on loopback: let exactly its host:port through the guard, as the e2e app does.
  process.env.URL_IMPORT_ALLOW_HOSTS = pages.hostPort;
});
afterAll(async () => {
  process.env.URL_IMPORT_ALLOW_HOSTS = previousAllow;
  await pages?.close();
  await desk.close();
});

describe("previewArticleFromUrl", () => {
  it("previews a news page: metadata, the first paragraphs, the word count and the HTML to import", SLOW, async () => {
    const preview = await previewArticleFromUrl({ actor: desk.reviewer, url: `${pages.origin}/news` });
    expect(preview).toMatchObject({
      url: `${pages.origin}/news`,
      finalUrl: `${pages.origin}/news`,
      title: "Port city water rates to rise 12% next year",
      author: "Maria Okafor and Tom Lindqvist",
      publisher: "The Harbour Courier",
      publishedOn: "2024-03-05",
      sourceUrl: `${pages.origin}/local/2024/03/water-rates-rise`,
    });
    expect(preview.paragraphs).toHaveLength(3);
    expect(preview.paragraphs[0]).toMatch(/^Households in the port city will pay 12% more/);
    expect(preview.wordCount).toBeGreaterThan(200);
    expect(preview.wordCount).toBeLessThan(320);
    expect(preview.html).toContain("<h2>What it means for bills</h2>");
    expect(preview.html).not.toMatch(/HarbourDad|Related stories|for subscribers/);
  });

  it("follows a redirect chain (each hop checked) to the article, and says where it ended", SLOW, async () => {
    const preview = await previewArticleFromUrl({ actor: desk.editor, url: `${pages.origin}/redirect/4` });
    expect(preview.finalUrl).toBe(`${pages.origin}/news`);
    expect(preview.title).toBe("Port city water rates to rise 12% next year");
  });

  it("refuses what is not a public HTML article, each with a message that says what to do, next to the URL field", SLOW, async () => {
    const cases: [string, string, RegExp][] = [
      [`${pages.origin}/to-loopback`, "bad_request:import", /^That address is on a private network or is reserved \(127\.0\.0\.1\)/],
      ["http://169.254.169.254/latest/meta-data/", "bad_request:import", /private network/],
      [`${pages.origin}/huge`, "too_large:import", /^The page is larger than 5 MB/],
      [`${pages.origin}/report.pdf`, "bad_request:import", /^That address is not a web page \(application\/pdf\)/],
      [`${pages.origin}/no-article`, "bad_request:import", /could not find an article on that page/],
      [`${pages.origin}/redirect/6`, "bad_request:import", /redirected more than 5 times/],
      [`${pages.origin}/status/404`, "bad_request:import", /HTTP 404: there is no page at that address/],
      ["ftp://example.com/article", "bad_request:import", /http:\/\/ or https:\/\//],
      ["", "bad_request:import", /Enter the article's web address/],
    ];
    for (const [url, code, message] of cases) {
      const error = await expectAppError(previewArticleFromUrl({ actor: desk.reviewer, url }), code);
      expect(error.fieldErrors?.url, url).toMatch(message);
    }
  });

  it("is for signed-in users only", async () => {
    await expectAppError(previewArticleFromUrl({ actor: null, url: `${pages.origin}/news` }), "unauthorized:auth");
  });
});

describe("outboundAppError", () => {
  it("words the timeout and the unreachable host for the user", () => {
    expect(outboundAppError(new OutboundError("timeout", "x")).message).toBe("The page did not answer within 10 s. Try again later, or paste the article text instead.");
    expect(outboundAppError(new OutboundError("timeout", "x")).code).toBe("unavailable:import");
    expect(outboundAppError(new OutboundError("unreachable", "Could not reach nowhere.example: its name could not be found.")).fieldErrors?.url).toBe(
      "Could not reach nowhere.example: its name could not be found. Check the address and try again.",
    );
  });
});

describe("fetchArticleFromUrl", () => {
  it("gives the sanitised HTML and metadata a new revision would be made from", SLOW, async () => {
    const fetched = await fetchArticleFromUrl(`${pages.origin}/latin1`);
    expect(fetched.html).toContain("1 200 € à 2 050 €");
    expect(fetched.metadata).toMatchObject({ title: "Le café du port ferme ses portes", byline: "Élise Durand", publishedOn: "2023-11-30", finalUrl: `${pages.origin}/latin1` });
  });
});

describe("createArticleFromUrl", () => {
  it("imports the page's article with its metadata, source URL = canonical URL, and the caller's overrides", SLOW, async () => {
    const { id } = await createArticleFromUrl({ actor: desk.editor, input: { url: `${pages.origin}/news`, author: "Maria Okafor", publishedOn: null } });
    const article = await getArticle({ articleId: id });
    expect(article).toMatchObject({
      title: "Port city water rates to rise 12% next year",
      author: "Maria Okafor",
      publisher: "The Harbour Courier",
      publishedOn: null,
      sourceUrl: `${pages.origin}/local/2024/03/water-rates-rise`,
      importedBy: desk.editor.id,
    });
    expect(article.plainText.startsWith("Households in the port city")).toBe(true);
    expect(article.plainText).not.toMatch(/HarbourDad|Privacy policy|Become a member/);
  });

  it("stores nothing when the page is refused", SLOW, async () => {
    await expectAppError(createArticleFromUrl({ actor: desk.editor, input: { url: `${pages.origin}/no-article`, title: "Nothing" } }), "bad_request:import");
    await expectAppError(createArticleFromUrl({ actor: desk.editor, input: { url: `${pages.origin}/news`, title: "x".repeat(301) } }), "bad_request:import");
    const db = await getDb();
    expect(await db.select({ id: articles.id }).from(articles).where(eq(articles.title, "Nothing"))).toEqual([]);
  });
});

describe("Refresh from URL (fetchNewVersionFromSource)", () => {
  it("fetches the article's source URL again as a new version that maps its claims; reviewers and articles without a URL are refused", SLOW, async () => {
    const { id } = await createArticleFromUrl({ actor: desk.editor, input: { url: `${pages.origin}/news` } });
    const article = await getArticle({ articleId: id });
    expect(article.sourceUrl).toBe(`${pages.origin}/local/2024/03/water-rates-rise`);
    const kept = await desk.mark("bills in the city would remain below the national average", { articleId: id });
    const changed = await desk.mark("approved the rise by 31 votes to 9", { articleId: id });

    await expectAppError(fetchNewVersionFromSource({ actor: desk.reviewer, articleId: id }), "forbidden:article");
    const version = await fetchNewVersionFromSource({ actor: desk.editor, articleId: id });
    expect(version).toMatchObject({ format: "html", sourceUrl: `${pages.origin}/local/2024/03/water-rates-rise` });
    expect(version.content).toContain("30 votes to 10");

    const saved = await saveExternalRevision({ actor: desk.editor, input: { articleId: id, baseRevision: 1, format: version.format, content: version.content, sourceUrl: version.sourceUrl, note: "Refreshed from the site" } });
    if (saved.status !== "saved") throw new Error("expected a saved revision");
    const states = new Map(saved.anchors.map((a) => [a.id, a.state]));
    expect(states.get(kept.id)).toBe("unchanged");
    expect(states.get(changed.id)).toBe("changed");
    expect((await getArticle({ articleId: id })).plainText).toContain("Work is due to start in the autumn.");

    const { id: pasted } = await createArticle({ actor: desk.editor, input: { title: "No URL", format: "text", body: "Pasted, with no source." } });
    await expectAppError(fetchNewVersionFromSource({ actor: desk.editor, articleId: pasted }), "bad_request:article");
  });
});

describe("the per-person limit on page fetches (URL_FETCH_LIMIT, in the database)", () => {
  const saved = process.env.URL_FETCH_LIMIT;
  afterAll(() => {
    if (saved === undefined) delete process.env.URL_FETCH_LIMIT;
    else process.env.URL_FETCH_LIMIT = saved;
  });

  it("reads URL_FETCH_LIMIT: 30 per 10 minutes by default, a whole number otherwise", () => {
    expect(urlFetchLimit({})).toEqual({ limit: 30, windowMs: 600_000 });
    expect(urlFetchLimit({ URL_FETCH_LIMIT: "5" })).toEqual({ limit: 5, windowMs: 600_000 });
    expect(() => urlFetchLimit({ URL_FETCH_LIMIT: "many" })).toThrow(/whole number/);
    expect(() => urlFetchLimit({ URL_FETCH_LIMIT: "0" })).toThrow(/at least 1/);
  });

  it("refuses a person's fetch past the limit with the wait in minutes, before anything is fetched; others are not held back", SLOW, async () => {
    process.env.URL_FETCH_LIMIT = "2";
    const busy = await desk.addUser("reviewer");
    // Refused fetches count too: two attempts at a private address use up the two.
    for (let i = 0; i < 2; i++) await expectAppError(previewArticleFromUrl({ actor: busy, url: "http://169.254.169.254/latest/" }), "bad_request:import");
    const error = await expectAppError(previewArticleFromUrl({ actor: busy, url: `${pages.origin}/news` }), "rate_limited:import");
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/^Too many page fetches; try again in (\d+ minutes|1 minute)\. /);
    expect(error.fieldErrors?.url).toBe(error.message);
    const wait = (error as RetryLaterError).retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(600);
    // An import from a URL is a fetch too, and nothing is stored.
    await expectAppError(createArticleFromUrl({ actor: busy, input: { url: `${pages.origin}/news`, title: "Throttled import" } }), "rate_limited:import");
    const db = await getDb();
    expect(await db.select({ id: articles.id }).from(articles).where(eq(articles.title, "Throttled import"))).toEqual([]);
    // The count is a row of the shared table, not a counter of this process.
    const [row] = await db.select().from(apiRateLimits).where(eq(apiRateLimits.key, `url-fetch:${busy.id}`));
    expect(row?.count).toBe(4);

    const other = await desk.addUser("reviewer");
    expect((await previewArticleFromUrl({ actor: other, url: `${pages.origin}/news` })).title).toBe("Port city water rates to rise 12% next year");
  });

  it("counts Refresh from URL and starts afresh in the next 10-minute window", SLOW, async () => {
    process.env.URL_FETCH_LIMIT = "1";
    const editor = await desk.addUser("editor");
    const { id } = await createArticle({ actor: editor, input: { title: "Refresh limit", format: "text", body: "Some text.", sourceUrl: `${pages.origin}/news` } });
    expect((await fetchNewVersionFromSource({ actor: editor, articleId: id })).format).toBe("html");
    const refused = await expectAppError(fetchNewVersionFromSource({ actor: editor, articleId: id }), "rate_limited:import");
    expect(refused.message).toMatch(/^Too many page fetches; try again in/);
    const now = Date.now();
    await expect(chargeUrlFetch(editor, now)).rejects.toThrow(/Too many page fetches/);
    await expect(chargeUrlFetch(editor, now + 600_000)).resolves.toBeUndefined();
  });
});

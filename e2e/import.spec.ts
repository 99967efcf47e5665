import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/accounts";
import { articleRegion, articleTextbox, ImportPage, openArticleListInNewTab, uniqueTitle } from "./support/import-page";

test.use({ storageState: storageStateFor("reviewer") });

const TWO_MB = 2 * 1024 * 1024;

const file = (name: string, content: string | Buffer, mimeType: string) => ({
  name,
  mimeType,
  buffer: typeof content === "string" ? Buffer.from(content, "utf8") : content,
});

/** Paragraph texts of the imported article, in order. */
const paragraphs = (page: Page) => articleTextbox(page).getByRole("paragraph");

/** The error summary is on screen and has the focus, even though Import sits below the fold. */
async function expectErrorShown(importPage: ImportPage) {
  await expect(importPage.alert()).toBeVisible();
  await expect(importPage.alert()).toBeFocused();
  await expect(importPage.alert()).toBeInViewport();
}

/** Opens the article list in a new tab and checks that no article has this title. */
async function expectNotImported(page: Page, title: string) {
  const list = await openArticleListInNewTab(page);
  await expect(list.getByRole("link", { name: title })).toHaveCount(0);
  await list.close();
}

let importPage: ImportPage;

test.beforeEach(async ({ page }) => {
  importPage = new ImportPage(page);
  await importPage.goto();
});

test.describe("pasted text", () => {
  test("plain text: blank lines separate paragraphs, single newlines are wrapping", async ({ page }) => {
    const title = uniqueTitle("Plain text import");
    await importPage.importArticle({
      title,
      publisher: "The Daily Check",
      author: "Sam Writer",
      publishedOn: "2024-11-01",
      sourceUrl: "https://news.example.org/plain",
      format: "Plain text",
      body: "The minister said waiting times fell by half.\n\nThe opposition disputed the figure,\ncalling it selective.\n\n<script>This is text, not code.</script>\n",
    });
    await expect(paragraphs(page)).toHaveText([
      "The minister said waiting times fell by half.",
      "The opposition disputed the figure, calling it selective.",
      "<script>This is text, not code.</script>",
    ]);
    // The details typed in the form are shown with the article.
    await expect(page.getByText("The Daily Check · By Sam Writer · 1 Nov 2024")).toBeVisible();
    await expect(page.getByRole("link", { name: "Original article" })).toHaveAttribute("href", "https://news.example.org/plain");
  });

  test("Markdown: headings, lists and links keep their meaning", async ({ page }) => {
    const title = uniqueTitle("Markdown import");
    await importPage.importArticle({
      title,
      format: "Markdown",
      body: [
        "Opening paragraph with **strong** words.",
        "",
        "## What the report says",
        "",
        "- Beds fell by 4%",
        "- Staff rose by 2%",
        "",
        "Read [the full report](https://example.org/report) for details.",
      ].join("\n"),
    });
    const article = articleTextbox(page);
    await expect(article.getByRole("heading", { level: 2, name: "What the report says" })).toBeVisible();
    await expect(article.getByRole("list").getByRole("listitem")).toHaveText(["Beds fell by 4%", "Staff rose by 2%"]);
    await expect(article.getByRole("link", { name: "the full report" })).toHaveAttribute("href", "https://example.org/report");
    await expect(article.getByText("strong", { exact: true })).toHaveCSS("font-weight", "700");
    // The Markdown syntax itself is gone.
    await expect(article).not.toContainText("##");
    await expect(article).not.toContainText("](");
  });

  test("HTML: structure kept, page furniture reduced to text", async ({ page }) => {
    const title = uniqueTitle("HTML import");
    await importPage.importArticle({
      title,
      format: "HTML",
      body: [
        "<article>",
        "<h2>Council budget</h2>",
        "<div>The council approved the budget.</div><div>Spending rises 3%.</div>",
        "<ol><li>Roads</li><li>Schools</li></ol>",
        "<blockquote>We kept every promise.</blockquote>",
        '<p>See <a href="https://council.example.gov/budget">the budget</a>.</p>',
        "</article>",
      ].join(""),
    });
    const article = articleTextbox(page);
    await expect(article.getByRole("heading", { level: 2, name: "Council budget" })).toBeVisible();
    // Two <div>s are two paragraphs, not "approved the budget.Spending".
    await expect(article.getByRole("paragraph").filter({ hasText: /council approved|Spending rises/ })).toHaveText([
      "The council approved the budget.",
      "Spending rises 3%.",
    ]);
    await expect(article.getByRole("list").getByRole("listitem")).toHaveText(["Roads", "Schools"]);
    await expect(article.getByRole("blockquote")).toHaveText("We kept every promise.");
    await expect(article.getByRole("link", { name: "the budget" })).toHaveAttribute("href", "https://council.example.gov/budget");
  });
});

test.describe("uploaded files", () => {
  test("a .txt file is imported as plain text, whatever format is selected", async ({ page }) => {
    const title = uniqueTitle("Text file import");
    await importPage.importArticle({
      title,
      // The file's extension decides: "# not a heading" stays literal text.
      format: "Markdown",
      file: file("report.txt", "# not a heading\n\nSecond paragraph from a file.\n", "text/plain"),
    });
    await expect(paragraphs(page)).toHaveText(["# not a heading", "Second paragraph from a file."]);
    await expect(articleTextbox(page).getByRole("heading")).toHaveCount(0);
  });

  test("a .md file is imported as Markdown", async ({ page }) => {
    const title = uniqueTitle("Markdown file import");
    await importPage.importArticle({
      title,
      file: file("story.md", "## Key numbers\n\n1. First figure\n2. Second figure\n\nA [source](https://example.org/s).\n", "text/markdown"),
    });
    const article = articleTextbox(page);
    await expect(article.getByRole("heading", { level: 2, name: "Key numbers" })).toBeVisible();
    await expect(article.getByRole("list").getByRole("listitem")).toHaveText(["First figure", "Second figure"]);
    await expect(article.getByRole("link", { name: "source" })).toHaveAttribute("href", "https://example.org/s");
  });

  test("an .html file is imported as HTML, with a UTF-8 byte order mark and accents intact", async ({ page }) => {
    const title = uniqueTitle("HTML file import");
    const html = "\uFEFF<html><head><title>Page title</title></head><body><h1>Élection à Zürich</h1><p>Le maire a dit « 42 % ».</p></body></html>";
    await importPage.importArticle({ title, file: file("page.html", html, "text/html") });
    const article = articleTextbox(page);
    // The article's own h1 is the imported title; a heading inside the body becomes h2.
    await expect(article.getByRole("heading", { level: 2, name: "Élection à Zürich" })).toBeVisible();
    await expect(paragraphs(page)).toHaveText(["Le maire a dit « 42 % »."]);
    await expect(article).not.toContainText("Page title");
  });

  test("a hostile HTML file runs nothing and keeps only the article text", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const popups: string[] = [];
    page.context().on("page", (p) => popups.push(p.url()));

    // The unit-test fixture (it only calls alert) plus payloads that would set a flag we can read.
    const fixture = readFileSync(path.join(process.cwd(), "lib/import/fixtures/hostile.html"), "utf8");
    const flagPayloads = [
      "<p>Flag paragraph one.<img src=x onerror=\"window.__pwned='img'\"></p>",
      "<script>window.__pwned='script'</script>",
      '<svg><animate onbegin="window.__pwned=\'svg\'" attributeName="x" dur="1s"></animate></svg>',
      '<details open ontoggle="window.__pwned=\'details\'"><summary>Flag summary</summary></details>',
      '<p><a href="javascript:window.__pwned=\'link\'">a link that must not run</a></p>',
      '<p style="background:url(javascript:window.__pwned=\'css\')">Flag paragraph two.</p>',
    ].join("\n");
    const hostile = fixture.replace("</body>", `${flagPayloads}\n</body>`);
    expect(hostile).toContain("Flag paragraph two.");

    const title = uniqueTitle("Hostile HTML import");
    await importPage.importArticle({ title, file: file("hostile.html", hostile, "text/html") });

    const region = articleRegion(page);
    const article = articleTextbox(page);
    // The visible reporting survives.
    await expect(article.getByRole("heading", { level: 2, name: "Minister's claim about hospital waiting times" })).toBeVisible();
    for (const text of [
      "The first paragraph is ordinary reporting and must survive.",
      "An image follows: and the sentence goes on.",
      "Inline handlers sit on this paragraph, whose text must survive.",
      "The last paragraph is ordinary reporting and must survive.",
      "Flag paragraph one.",
      "Flag paragraph two.",
    ]) {
      await expect(article.getByRole("paragraph").filter({ hasText: text })).toHaveText(text);
    }
    await expect(article.getByRole("blockquote")).toHaveText("A quoted source says the figures are wrong.");
    await expect(article.getByRole("listitem")).toHaveText(["A list item with bold text", "An emphasised item"]);

    // Nothing executable or embedded reached the page.
    for (const selector of ["script", "iframe", "frame", "img", "form", "input", "button[formaction]", "object", "embed", "[onerror]", "[onload]", "[onclick]", "[onbegin]", "[ontoggle]"]) {
      await expect(region.locator(selector), `no ${selector} in the article region`).toHaveCount(0);
    }
    // The region also holds the toolbar (with its icon); the article itself has no markup of its own either.
    for (const selector of ["svg", "math", "style", "details", "base", "meta", "[style]", "[class*='HOSTILE' i]"]) {
      await expect(article.locator(selector), `no ${selector} in the article text`).toHaveCount(0);
    }
    await expect(region.locator('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i], a[href^="//"]')).toHaveCount(0);
    // The one safe link is kept, and links with a dangerous target are plain text.
    await expect(article.getByRole("link")).toHaveCount(1);
    await expect(article.getByRole("link", { name: "a real source" })).toHaveAttribute("href", "https://example.org/report");
    await expect(article.getByText("a link that must not run")).toBeVisible();
    // The content of scripts, styles, the page title and form controls is not article text.
    await expect(region).not.toContainText("HOSTILE");

    // Clicking where a javascript: link was does nothing either.
    await article.getByText("a link that must not run").click();
    await article.getByText("Flag paragraph one.").hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // The page did not navigate away (meta refresh, base href) and no dialog or popup opened.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    expect(page.url()).not.toContain("evil.example");
    expect(dialogs).toEqual([]);
    expect(popups).toEqual([]);

    // Opened again from the server, it is still inert.
    await page.reload();
    await expect(article.getByRole("paragraph").filter({ hasText: "Flag paragraph two." })).toBeVisible();
    await expect(region.locator("script, iframe, img, [onerror]")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});

test.describe("errors keep what was typed and create nothing", () => {
  test("an empty body: a clear error, and the title is still there", async ({ page }) => {
    const title = uniqueTitle("Empty body");
    await importPage.fill({ title, publisher: "The Daily Check", body: "   \n\n  " });
    await importPage.submit();
    await expectErrorShown(importPage);
    await expect(importPage.alert()).toContainText(/article text|paste/i);
    await expect(importPage.body()).toHaveAccessibleDescription(/article text|paste/i);
    await expect(importPage.title()).toHaveValue(title);
    await expect(importPage.publisher()).toHaveValue("The Daily Check");
    await expect(page).toHaveURL(/\/articles\/import$/);
    await expectNotImported(page, title);

    // Fixing the mistake and importing again works from the same form.
    await importPage.body().fill("Now there is some text.");
    await importPage.submit();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("a missing title: the Title field says so and the body is kept", async ({ page }) => {
    const body = `A body without a title ${Date.now()}.`;
    await importPage.fill({ body });
    await importPage.submit();
    await expectErrorShown(importPage);
    await expect(importPage.alert()).toBeVisible();
    await expect(importPage.title()).toHaveAttribute("aria-invalid", "true");
    await expect(importPage.title()).toHaveAccessibleDescription("Give the article a title.");
    await expect(page.getByText("Give the article a title.", { exact: true })).toBeVisible();
    await expect(importPage.body()).toHaveValue(body);
    await expect(page).toHaveURL(/\/articles\/import$/);
  });

  for (const bad of ["not a web address", "javascript:alert(1)", "ftp://files.example.org/a.txt"]) {
    test(`an invalid Source URL (${bad}) is refused with a field error`, async ({ page }) => {
      const title = uniqueTitle("Bad source URL");
      await importPage.fill({ title, sourceUrl: bad, body: "Some article text." });
      await importPage.submit();
    await expectErrorShown(importPage);
      await expect(importPage.sourceUrl()).toHaveAttribute("aria-invalid", "true");
      await expect(importPage.sourceUrl()).toHaveAccessibleDescription(/http:\/\/ or https:\/\//);
      await expect(importPage.alert()).toBeVisible();
      await expect(importPage.title()).toHaveValue(title);
      await expect(importPage.sourceUrl()).toHaveValue(bad);
      await expectNotImported(page, title);
    });
  }

  test("a file over 2 MB is refused, saying the limit", async ({ page }) => {
    const title = uniqueTitle("Too large file");
    const big = Buffer.alloc(TWO_MB + 1, "a");
    await importPage.fill({ title, file: file("huge.txt", big, "text/plain") });
    await importPage.submit();
    await expectErrorShown(importPage);
    await expect(importPage.alert()).toContainText("2 MB");
    await expect(importPage.title()).toHaveValue(title);
    await expectNotImported(page, title);
  });

  test("a pathological Markdown file is refused readably within seconds, and the desk keeps working", async ({ page }) => {
    const title = uniqueTitle("Markdown bomb");
    // 500 KB of `*a`: the old parser needed well over a minute for this, with the whole server stopped.
    await importPage.fill({ title, file: file("bomb.md", "*a".repeat(250_000), "text/markdown") });
    await importPage.submit();
    await expectErrorShown(importPage);
    await expect(importPage.alert()).toContainText(/too complex to import|too much formatting to import/);
    await expect(importPage.alert()).toContainText(/plain text/);
    await expect(importPage.title()).toHaveValue(title);
    await expectNotImported(page, title);

    // The same form imports an ordinary article straight after.
    await importPage.fill({ title, file: file("fine.md", "An *ordinary* article.", "text/markdown") });
    await importPage.submit();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("a binary file named .txt is refused as unreadable", async ({ page }) => {
    const title = uniqueTitle("Binary file");
    // The start of a .docx (a zip archive): bytes with NULs.
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xdf, 0xa4, 0xd2, 0x6c]);
    await importPage.fill({ title, file: file("article.txt", binary, "text/plain") });
    await importPage.submit();
    await expectErrorShown(importPage);
    await expect(importPage.alert()).toContainText("cannot be read as text");
    await expect(importPage.title()).toHaveValue(title);
    await expectNotImported(page, title);
  });

  test("a file of another type is refused", async ({ page }) => {
    const title = uniqueTitle("PDF file");
    await importPage.fill({ title, file: file("article.pdf", "%PDF-1.7 not really", "application/pdf") });
    await importPage.submit();
    await expectErrorShown(importPage);
    await expect(importPage.alert()).toContainText(/\.txt, \.md or \.html/);
    await expect(importPage.title()).toHaveValue(title);
    await expectNotImported(page, title);
  });
});

import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoSeriousFindings } from "./support/axe";
import { expect, SAMPLE_MARKDOWN, screenshotForReview, test } from "./support/fixtures";
import { ImportPage } from "./support/import-page";
import { TEXT } from "./support/sample-text";

// Search: the header box (`/` focuses it) and the /search page, as a reviewer
// uses them. Each test searches for a tag of its own, so other specs' copies
// of the sample article never change what it sees.

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search", exact: true });
const group = (page: Page, kind: "Articles" | "Claims" | "Sources") => page.getByRole("region", { name: new RegExp(`^${kind} \\(`) });

/** A copy of the sample article under a tag, with the "majority" claim (False, claimant tagged) and the "citizens" claim (no verdict). */
async function prepare(openBrowserAs: (role: "reviewer") => Promise<import("./support/article-page").ArticlePage>, tag: string) {
  const reviewer = await openBrowserAs("reviewer");
  const importer = new ImportPage(reviewer.page);
  await importer.goto();
  const title = `Search ${tag} copy`;
  const articlePath = await importer.importArticle({ title, format: "Markdown", body: SAMPLE_MARKDOWN });
  await reviewer.open(articlePath);
  const majority = await reviewer.markText(TEXT.majority);
  await reviewer.fillClaimant(`Spokesperson ${tag}`);
  await reviewer.setVerdict("False");
  await reviewer.expectSaved();
  await reviewer.markText(TEXT.citizens);
  await reviewer.fillClaimant(`Spokesperson ${tag}`);
  await reviewer.expectSaved();
  await reviewer.page.close();
  return { title, articlePath, majority };
}

test("a reviewer presses /, searches with a straight apostrophe, filters, and opens a claim on its place", async ({ openBrowserAs, articlePage, reviewerPage: page }, testInfo) => {
  test.setTimeout(120_000);
  const tag = `t${randomUUID().slice(0, 8)}`;
  const { title, articlePath, majority } = await prepare(openBrowserAs, tag);
  await page.setViewportSize({ width: 1366, height: 900 });

  await page.goto("/articles");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Wait for hydration: the shortcut is a client listener.
  await expect.poll(() => searchBox(page).evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$")))).toBe(true);
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  await expect(searchBox(page)).toBeFocused();
  // Typed with a straight apostrophe; the article has a curly one.
  await page.keyboard.type(`Iraq's provinces ${tag}`);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/search\?q=Iraq%27s\+provinces\+/);
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(searchBox(page)).toHaveValue(`Iraq's provinces ${tag}`);
  const claims = group(page, "Claims");
  await expect(claims.getByRole("heading", { level: 2 })).toHaveText("Claims (1)");
  const claimResult = claims.getByRole("article");
  await expect(claimResult).toHaveCount(1);
  await expect(claimResult).toContainText("Iraq’s provinces");
  await expect(claimResult).toContainText("False");
  const marks = claimResult.locator("mark");
  // The snippet marks the words as the article spells them.
  await expect(marks.filter({ hasText: /^Iraq’s$/ })).toHaveCount(1);
  await expect(marks.filter({ hasText: /^provinces$/ })).toHaveCount(1);
  // The article copy matches by its title and text.
  await expect(group(page, "Articles").getByRole("link", { name: title, exact: true })).toBeVisible();
  await expect(group(page, "Sources").getByRole("heading", { level: 2 })).toHaveText("Sources (0)");
  await expectNoSeriousFindings(page, "search results");
  await screenshotForReview(page, "search-1366", testInfo);

  // Both claims mention Iraq’s…; the verdict filter keeps the False one.
  await page.getByLabel("Search for", { exact: true }).fill(`Iraq's ${tag}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(claims.getByRole("heading", { level: 2 })).toHaveText("Claims (2)");
  await page.getByText("Filters", { exact: true }).click();
  await page.getByLabel("Verdict", { exact: true }).selectOption({ label: "False" });
  await page.getByRole("button", { name: "Apply filters", exact: true }).click();
  await expect(page).toHaveURL(/verdict=false/);
  await expect(claims.getByRole("heading", { level: 2 })).toHaveText("Claims (1)");
  await expect(claims.getByRole("article")).toContainText("vast majority");
  await expect(page.getByText("Filters (1 on)", { exact: true })).toBeVisible();

  // The claim opens in its article, scrolled to and selected.
  await claims.getByRole("link").first().click();
  await expect(page).toHaveURL(`${articlePath}?claim=${majority}`);
  await expect(articlePage.listItem(TEXT.majority)).toHaveAttribute("aria-current", "true");
  await expect(articlePage.quotedText()).toHaveText(TEXT.majority);
  await expect(articlePage.highlight(TEXT.majority)).toBeInViewport();
});

test("/ does not steal the key while typing in a field, and odd queries get results or a plain message", async ({ reviewerPage: page }) => {
  await page.goto("/search");
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(page.getByText("Type what you are looking for")).toBeVisible();
  const field = page.getByLabel("Search for", { exact: true });
  await expect.poll(() => searchBox(page).evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$")))).toBe(true);
  await field.click();
  await page.keyboard.type('a/b "NEAR(x* AND:y ^');
  await expect(field).toHaveValue('a/b "NEAR(x* AND:y ^');
  await expect(searchBox(page)).not.toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Nothing matches")).toBeVisible();

  await page.goto(`/search?q=${"x".repeat(300)}`);
  await expect(page.getByRole("alert").filter({ hasText: "Keep the search" })).toHaveText("Keep the search under 200 characters.");
});

test("search works at 390 px: the header box, the results and no sideways scrolling", async ({ openBrowserAs }, testInfo) => {
  test.setTimeout(120_000);
  const tag = `t${randomUUID().slice(0, 8)}`;
  await prepare(openBrowserAs, tag);
  const { page } = await openBrowserAs("reviewer", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto("/articles");
  await searchBox(page).tap();
  await searchBox(page).fill(`milit ${tag}`);
  await searchBox(page).press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  const claims = group(page, "Claims");
  await expect(claims.getByRole("heading", { level: 2 })).toHaveText("Claims (1)");
  await expect(claims.locator("mark").filter({ hasText: /^militias$/ })).toHaveCount(1);
  await expect(claims.getByRole("link").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousFindings(page, "search results at 390 px");
  await screenshotForReview(page, "search-390", testInfo);
});

test("date filters say their format, and a date in another format in the link is reported, not silently ignored", async ({ reviewerPage: page }) => {
  await page.goto("/search?q=militias&from=01%2F11%2F2024&to=2024-12-31");
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "“Article date from” was not applied: “01/11/2024” is not a date. Use the format YYYY-MM-DD, e.g. 2024-11-01.",
  );
  // The filters are shown open, with the format each date field expects.
  const from = page.getByLabel("Article date from", { exact: true });
  await expect(from).toBeVisible();
  await expect(from).toHaveAccessibleDescription(/^YYYY-MM-DD/);
  await expect(page.getByLabel("Article date to", { exact: true })).toHaveValue("2024-12-31");
  // A valid date reports nothing.
  await page.goto("/search?q=militias&from=2024-11-01");
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  // The import form says it too.
  await page.goto("/articles/import");
  await expect(page.getByLabel("Publication date", { exact: true })).toHaveAccessibleDescription("YYYY-MM-DD, e.g. 2024-11-01");
});

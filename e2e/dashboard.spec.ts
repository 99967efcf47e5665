import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { SAMPLE_TITLE } from "./support/accounts";
import { expect, SAMPLE_MARKDOWN, screenshotForReview, test } from "./support/fixtures";
import { ImportPage } from "./support/import-page";
import { TEXT } from "./support/sample-text";

// The desk dashboard: editors and admins see every article with its summary,
// filter it (the filters live in the URL), sort it by its column headers and
// page through it. Reviewers are refused.

const dashboardTable = (page: Page) => page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: /Article/ }) });
const articleLinks = (page: Page) => dashboardTable(page).getByRole("row").getByRole("link").filter({ hasNotText: "Summary" });
const rowOf = (page: Page, title: string) => dashboardTable(page).getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

test("an editor opens the Dashboard from the navigation and sees the sample article with its counts", async ({ editorPage }, testInfo) => {
  await editorPage.goto("/articles");
  await editorPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(editorPage).toHaveURL(/\/dashboard$/);
  await expect(editorPage.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // Find the sample article by its publication day (1 November 2024; imported copies carry the import day).
  await editorPage.getByLabel("Article date from").fill("2024-11-01");
  await editorPage.getByLabel("Article date to").fill("2024-11-01");
  await editorPage.getByRole("button", { name: "Apply filters" }).click();
  await expect(editorPage).toHaveURL(/from=2024-11-01&to=2024-11-01/);
  const row = rowOf(editorPage, SAMPLE_TITLE);
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell").nth(4)).toHaveText(/^\d+$/);
  await expect(row).toContainText(/No claims yet|approved · \d+ with a verdict/);
  await expect(editorPage.getByRole("table", { name: "Claims by status" })).toBeVisible();
  await expect(editorPage.getByRole("heading", { name: "Approved verdicts over time" })).toBeVisible();
  await screenshotForReview(editorPage, "dashboard", testInfo);
});

test("the list narrows by publisher and verdict, sorts by a header, and Back restores the view", async ({ openBrowserAs, editorPage }, testInfo) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  // A year no other test uses, so a date range holds exactly these two articles.
  const year = 1901 + (parseInt(tag.slice(0, 6), 16) % 90);
  const reviewer = await openBrowserAs("reviewer");
  const importer = new ImportPage(reviewer.page);
  const alpha = { title: `Dash ${tag} Alpha`, publisher: `Gazette ${tag}`, publishedOn: `${year}-01-10` };
  const zulu = { title: `Dash ${tag} Zulu`, publisher: `Tribune ${tag}`, publishedOn: `${year}-02-20` };
  await importer.goto();
  const alphaPath = await importer.importArticle({ ...alpha, format: "Markdown", body: SAMPLE_MARKDOWN });
  await importer.goto();
  await importer.importArticle({ ...zulu, format: "Markdown", body: SAMPLE_MARKDOWN });

  // On Alpha, two claims: one judged False through the claim form, one left without a verdict.
  await reviewer.open(alphaPath);
  await reviewer.markText(TEXT.majority);
  await reviewer.setVerdict("False");
  await reviewer.expectSaved();
  await reviewer.markText(TEXT.citizens);
  await reviewer.expectSaved();

  await editorPage.goto("/dashboard");
  const publisher = editorPage.getByLabel("Publisher", { exact: true });
  const verdict = editorPage.getByLabel("Has verdict", { exact: true });
  const apply = editorPage.getByRole("button", { name: "Apply filters" });

  await publisher.selectOption({ label: alpha.publisher });
  await apply.click();
  await expect(articleLinks(editorPage)).toHaveText([alpha.title]);
  const row = rowOf(editorPage, alpha.title);
  await expect(row.getByRole("cell").nth(4)).toHaveText("2");
  await expect(row).toContainText("0 of 2 approved · 1 with a verdict");
  await expect(row).toContainText("In progress");
  await expect(editorPage.getByText("Articles 1–1 of 1")).toBeVisible();

  // Same publisher, a verdict none of its claims has: nothing. Then the verdict it has.
  await verdict.selectOption({ label: "True" });
  await apply.click();
  await expect(editorPage.getByText("No articles match these filters.")).toBeVisible();
  await verdict.selectOption({ label: "False" });
  await apply.click();
  await expect(articleLinks(editorPage)).toHaveText([alpha.title]);
  await publisher.selectOption({ label: zulu.publisher });
  await apply.click();
  await expect(editorPage.getByText("No articles match these filters.")).toBeVisible();

  // Both articles by date range; newest first by default.
  await editorPage.getByRole("link", { name: "Clear" }).click();
  // Wait for the cleared view before typing: the form is replaced when it arrives.
  await expect(editorPage).not.toHaveURL(/publisher=/);
  await expect(editorPage.getByRole("link", { name: "Clear" })).toHaveCount(0);
  await expect(publisher).toHaveValue("");
  await expect(verdict).toHaveValue("");
  await editorPage.getByLabel("Article date from").fill(`${year}-01-01`);
  await editorPage.getByLabel("Article date to").fill(`${year}-12-31`);
  await apply.click();
  await expect(articleLinks(editorPage)).toHaveText([zulu.title, alpha.title]);
  const dateHeader = editorPage.getByRole("columnheader", { name: "Date" });
  await expect(dateHeader).toHaveAttribute("aria-sort", "descending");

  // Sort by title with the header button: A→Z, then Z→A.
  const titleHeader = editorPage.getByRole("columnheader", { name: "Article" });
  await titleHeader.getByRole("button").click();
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(articleLinks(editorPage)).toHaveText([alpha.title, zulu.title]);
  await expect(dateHeader).toHaveAttribute("aria-sort", "none");
  await titleHeader.getByRole("button").click();
  await expect(titleHeader).toHaveAttribute("aria-sort", "descending");
  await expect(articleLinks(editorPage)).toHaveText([zulu.title, alpha.title]);

  // The view is in the URL: Back returns to the previous order, and the link can be shared.
  await editorPage.goBack();
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(articleLinks(editorPage)).toHaveText([alpha.title, zulu.title]);
  const shared = editorPage.url();
  const colleague = await openBrowserAs("admin");
  await colleague.page.goto(shared);
  await expect(articleLinks(colleague.page)).toHaveText([alpha.title, zulu.title]);
  await screenshotForReview(editorPage, "dashboard-filtered", testInfo);
});

test("a reviewer has no Dashboard link and is refused the page", async ({ reviewerPage }) => {
  await reviewerPage.goto("/articles");
  const nav = reviewerPage.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Articles" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  const response = await reviewerPage.goto("/dashboard");
  expect(response?.status()).toBe(403);
  await expect(reviewerPage.getByRole("heading", { level: 1, name: /not allowed/ })).toBeVisible();
  await expect(reviewerPage.getByRole("table")).toHaveCount(0);
  await expect(reviewerPage.getByRole("button", { name: "Apply filters" })).toHaveCount(0);
});

import type { Page } from "@playwright/test";
import type { ArticlePage } from "./support/article-page";
import { expectNoSeriousFindings } from "./support/axe";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// The corrections log: once a fact-check is published, a text revision drafts
// a correction; an editor writes the public note, chooses Correction or
// Clarification and publishes it; the public page lists it under Corrections.

test.slow(); // two browsers, a publish, a text revision and the public page

const NOTE = "We first quoted the article as saying citizens “fear” the consequences; it says they “dread” them. The verdict is unchanged.";

const editText = (p: ArticlePage) => p.region().getByRole("button", { name: "Edit text", exact: true });
const saveText = (p: ArticlePage) => p.region().getByRole("button", { name: "Save text", exact: true });
const correctionsSection = (page: Page) => page.getByRole("region", { name: "Corrections", exact: true });

test("an editor publishes the fact-check, edits its text, and publishes the correction the desk drafted; the public page shows it under Corrections", async ({
  openBrowserAs,
  importSampleCopy,
  browser,
}, testInfo) => {
  const url = await importSampleCopy("Corrections");

  // A reviewer checks a claim; an editor approves it and publishes the fact-check.
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.markText(TEXT.citizens);
  await rita.setVerdict("False");
  await rita.submitForApproval();

  const eddie = await openBrowserAs("editor");
  const page = eddie.page;
  await eddie.open(url);
  await eddie.openFromList(TEXT.citizens);
  await eddie.approve();
  // Nothing to correct before anything changed.
  await expect(correctionsSection(page)).toHaveCount(0);
  const publicPath = await eddie.publish();

  // The editor changes a word inside the approved claim: "fear" → "dread", and saves the text.
  await editText(eddie).click();
  await expect(saveText(eddie)).toBeVisible();
  await eddie.placeCaretBefore("fear the consequences");
  for (let i = 0; i < "fear".length; i++) await page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => eddie.selectedText()).toBe("fear");
  await page.keyboard.type("dread");
  await saveText(eddie).click();
  await expect(eddie.notice()).toContainText("Saved revision 2");

  // The desk drafted a correction: revision 2, with the claim's old and new words.
  const section = correctionsSection(page);
  await expect(section).toBeVisible();
  await expect(section).toContainText("The article text was revised (revision 2)");
  await expect(section.getByRole("deletion")).toContainText("fear the consequences");
  await expect(section.getByRole("insertion")).toContainText("dread the consequences");

  // Publishing without a note is refused on the spot, and nothing is lost.
  await section.getByRole("button", { name: "Publish correction", exact: true }).click();
  await expect(section.getByText("Write the public note")).toBeVisible();
  await section.getByRole("textbox", { name: "Public note" }).fill(NOTE);
  await section.getByRole("radio", { name: /^Clarification/ }).check();
  await section.getByRole("radio", { name: /^Correction/ }).check();
  await expect(section.getByRole("radio", { name: /^Correction/ })).toBeChecked();
  await expectNoSeriousFindings(page, "article page with a correction draft");
  await section.scrollIntoViewIfNeeded();
  await screenshotForReview(page, "corrections-draft", testInfo);
  await page.setViewportSize({ width: 390, height: 844 });
  await section.getByRole("textbox", { name: "Public note" }).scrollIntoViewIfNeeded();
  await screenshotForReview(page, "corrections-draft-390", testInfo);
  // Nothing sticks out sideways at 390 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1366, height: 900 });

  await section.getByRole("button", { name: "Publish correction", exact: true }).click();
  await expect(section.getByRole("status")).toHaveText("Correction published on the public page.");
  await expect(section.getByRole("button", { name: "Publish correction" })).toHaveCount(0);
  await expect(section.getByRole("listitem").filter({ hasText: NOTE })).toContainText("Correction");

  // Reviewers see no corrections controls.
  await rita.reload();
  await expect(correctionsSection(rita.page)).toHaveCount(0);
  await expect(rita.page.getByRole("button", { name: "Publish correction" })).toHaveCount(0);

  // A reader sees the correction, dated, with the date of the last update.
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 1366, height: 900 } });
  const reader = await context.newPage();
  await reader.goto(publicPath!);
  const heading = reader.getByRole("heading", { name: "Corrections", exact: true });
  await expect(heading).toBeVisible();
  const log = reader.getByRole("region", { name: "Corrections", exact: true });
  await expect(log).toContainText(NOTE);
  await expect(log).toContainText("Correction ·");
  await expect(log.getByRole("deletion")).toContainText("fear the consequences");
  await expect(reader.getByRole("link", { name: /^Updated / })).toBeVisible();
  await expect(reader.getByText(/Updated .*: a correction was published/)).toBeVisible();
  await expectNoSeriousFindings(reader, "published page with a correction");
  await heading.scrollIntoViewIfNeeded();
  await screenshotForReview(reader, "corrections-published", testInfo);
  await reader.setViewportSize({ width: 390, height: 844 });
  await heading.scrollIntoViewIfNeeded();
  await screenshotForReview(reader, "corrections-published-390", testInfo);
  expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

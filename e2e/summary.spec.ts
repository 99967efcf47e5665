import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// The per-article summary: a strip on the article page and its own view,
// with counts, progress, the roll-up (worst approved verdict and score) and
// the unresolved claims, each linking back to the claim.

test("the article summary shows counts, progress and the roll-up after verdicts are set and approved", async ({ articlePage, importSampleCopy, openBrowserAs }, testInfo) => {
  test.setTimeout(120_000);
  const path = await importSampleCopy("Summary");
  await articlePage.open(path);

  // Before any claim: the strip says so.
  const strip = articlePage.page.getByRole("region", { name: "Article summary" });
  await expect(strip).toContainText("No claims");

  // The reviewer marks three claims and proposes verdicts on two.
  await articlePage.markText(TEXT.majority);
  await articlePage.setVerdict("Mostly false");
  await articlePage.expectSaved();
  await articlePage.submitForApproval();
  await articlePage.markText(TEXT.opening);
  await articlePage.setVerdict("True");
  await articlePage.expectSaved();
  await articlePage.submitForApproval();
  await articlePage.markText(TEXT.citizens);
  await articlePage.expectSaved();

  // The editor approves both verdicts.
  const editor = await openBrowserAs("editor");
  await editor.open(path);
  for (const quote of [TEXT.majority, TEXT.opening]) {
    await editor.openFromList(quote);
    await editor.approve();
  }

  // The article page's strip, then the Summary view it links to.
  await editor.reload();
  const editorStrip = editor.page.getByRole("region", { name: "Article summary" });
  await expect(editorStrip).toContainText("1 of 2 checked claims is mostly false");
  await expect(editorStrip).toContainText("2 of 3 claims approved · 1 without a verdict");
  await expect(editorStrip.getByText("Worst approved verdict").locator("..")).toContainText("Mostly false");
  await editorStrip.getByRole("link", { name: "Summary" }).click();
  const page = editor.page;
  await expect(page).toHaveURL(/\/articles\/[0-9a-f-]{36}\/summary$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Summary");

  const stat = (label: string) => page.getByRole("term").filter({ hasText: label }).locator("..");
  await expect(stat("Claims")).toContainText("3");
  await expect(stat("Claims")).toContainText("1 unresolved");
  await expect(stat("With a verdict")).toContainText("66 %");
  await expect(stat("Approved")).toContainText("2 of 3 approved");
  // Score: mean of Mostly false (0.25) and True (1).
  await expect(stat("Score")).toContainText("0.63");
  await expect(page.getByText("Worst approved verdict", { exact: true }).locator("..")).toContainText("Mostly false");

  // The chart's data as a table: claims per verdict, and how many are approved.
  const verdictTable = page.getByRole("table", { name: "Claims by verdict, with how many are approved" });
  await expect(verdictTable.getByRole("row").filter({ hasText: "Mostly false" })).toContainText(/1\s*1/);
  await expect(verdictTable.getByRole("row").filter({ hasText: "No verdict" })).toContainText("1");
  const statusTable = page.getByRole("table", { name: "Claims by status" });
  await expect(statusTable.getByRole("row", { name: /Approved/ })).toContainText("2");
  await expect(statusTable.getByRole("row", { name: /Open/ })).toContainText("1");

  // Unresolved: the claim with no verdict, linked to open it; no orphans.
  const unresolved = page.getByRole("heading", { name: /Unresolved claims/ }).locator("..");
  await expect(unresolved.getByRole("link")).toHaveText([TEXT.citizens]);
  await expect(page.getByText("None: every claim still matches the text.")).toBeVisible();
  await screenshotForReview(page, "article-summary", testInfo);

  await unresolved.getByRole("link", { name: TEXT.citizens }).click();
  await expect(page).toHaveURL(/\/articles\/[0-9a-f-]{36}#claim-[0-9a-f-]{36}$/);
  await editor.expectReady();
  await expect(editor.quotedText()).toHaveText(TEXT.citizens);
});

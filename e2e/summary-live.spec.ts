import { expect, screenshotForReview, test } from "./support/fixtures";
import { MAJORITY_LONG, TEXT } from "./support/sample-text";

// The summary strip above the article follows every change on the page, and
// a colleague's changes when the page catches up, in words a reader follows.

test.slow(); // two browsers, several approvals

test("the summary strip keeps in step with claims marked, approved and deleted, here and in another browser", async ({ openBrowserAs, importSampleCopy }, testInfo) => {
  const url = await importSampleCopy("Summary live");
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  const ritaStrip = rita.page.getByRole("region", { name: "Article summary" });
  await expect(ritaStrip).toContainText("No claims marked yet");

  await rita.markText(TEXT.citizens);
  await expect(ritaStrip).toContainText("1 claim");
  await rita.setVerdict("False");
  await rita.submitForApproval();
  await rita.markText(TEXT.opening);
  await rita.setVerdict("True");
  await rita.submitForApproval();
  await rita.markText(TEXT.majority);
  await rita.setVerdict("Mostly true");
  await rita.submitForApproval();
  await expect(ritaStrip).toContainText("0 of 3 claims approved");
  await expect(ritaStrip).toContainText("No verdict approved yet");

  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  const strip = eddie.page.getByRole("region", { name: "Article summary" });
  for (const quote of [TEXT.citizens, TEXT.opening, TEXT.majority]) {
    await eddie.openFromList(quote);
    await eddie.approve();
  }
  // No reload: the strip follows the approvals.
  await expect(strip).toContainText("All 3 claims approved");
  await expect(strip).toContainText("1 of 3 checked claims is false");
  await expect(strip).not.toContainText("Complete");
  await expect(strip).not.toContainText(/score/i);
  await screenshotForReview(eddie.page, "summary-strip-live", testInfo);

  // A fourth claim, then deleting it: the counts follow.
  await eddie.markText(MAJORITY_LONG);
  await expect(strip).toContainText("3 of 4 claims approved");
  await eddie.deleteOpenClaim();
  await expect(strip).toContainText("All 3 claims approved");

  // The reviewer's page catches up when it is looked at again.
  await rita.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await expect(ritaStrip).toContainText("All 3 claims approved");
  await expect(ritaStrip).toContainText("1 of 3 checked claims is false");
});

test("the summary page explains the score and names the worst verdict", async ({ editorArticlePage, importSampleCopy, openBrowserAs }) => {
  const url = await importSampleCopy("Summary words");
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.markText(TEXT.citizens);
  await rita.setVerdict("False");
  await rita.submitForApproval();
  await editorArticlePage.open(url);
  await editorArticlePage.openFromList(TEXT.citizens);
  await editorArticlePage.approve();
  const page = editorArticlePage.page;
  await page.goto(`${url}/summary`);
  await expect(page.getByText("1 of 1 checked claim is false")).toBeVisible();
  const score = page.getByRole("term").filter({ hasText: "Score" }).locator("..");
  await expect(score).toContainText("0.00");
  await expect(score).toContainText("0 = false, 1 = true");
});

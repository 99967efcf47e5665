import { randomUUID } from "node:crypto";
import { ArticlePage } from "./support/article-page";
import { claimTabs } from "./support/claim-tabs";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { ImportPage, uniqueTitle } from "./support/import-page";

/** A town no other test names: the desk's earlier checks of it are this test's own. */
const town = () => `Zq${randomUUID().replace(/[-\d]/g, "").slice(0, 8)}`;

async function importText(p: ArticlePage, title: string, body: string): Promise<string> {
  const form = new ImportPage(p.page);
  await form.goto();
  const path = await form.importArticle({ title, format: "Plain text", body });
  await p.expectReady();
  return path;
}

test("a reviewer sees the desk's earlier check of the same claim in other words, and uses its verdict", async ({ openBrowserAs }, testInfo) => {
  const place = town();
  const earlierQuote = `Unemployment in ${place} fell to 4% in 2023.`;
  const p = await openBrowserAs("reviewer");

  // An earlier article, checked: verdict, rationale and a source.
  const earlierTitle = uniqueTitle("Jobs report");
  await importText(p, earlierTitle, `The minister spoke on Monday. ${earlierQuote} Critics disagreed.`);
  await p.selectTextWithMouse(earlierQuote);
  await p.markClaim();
  await p.setVerdict("False");
  await p.fillRationale("The statistics office puts it at 6.1% for 2023.");
  await p.addSource({ url: "https://example.org/labour-2023", title: "Labour market 2023", stance: "Refutes the claim" });
  await expect(p.saveStatus()).toHaveText(/Saved/);

  // A new article says the same in other words, and another figure in the next sentence.
  const newQuote = `The jobless rate in ${place} dropped to four per cent in 2023`;
  const otherFigure = `Unemployment in ${place} fell to 7% in 2023`;
  await importText(p, uniqueTitle("Campaign speech"), `${newQuote}, she said. Later: ${otherFigure}.`);
  await p.selectTextWithMouse(newQuote);
  // Selected, not marked yet: the earlier check is shown already, with nothing to copy into.
  const beforeMarking = p.details().getByRole("region", { name: "Checked before" });
  await expect(beforeMarking.getByRole("link", { name: `“${earlierQuote}”` })).toBeVisible();
  await expect(beforeMarking.getByRole("button", { name: "Use this verdict" })).toHaveCount(0);
  await p.markClaim();

  const checkedBefore = p.claimForm().getByRole("region", { name: "Checked before" });
  await expect(checkedBefore.getByRole("listitem")).toHaveCount(1);
  const match = checkedBefore.getByRole("listitem").first();
  await expect(match.getByRole("link", { name: `“${earlierQuote}”` })).toBeVisible();
  await expect(match).toContainText("False");
  await expect(match).toContainText(earlierTitle);
  await screenshotForReview(p.page, "checked-before-1366", testInfo);

  await match.getByRole("button", { name: "Use this verdict" }).click();
  await expect(p.verdict()).toHaveValue("false");
  await expect(p.rationale()).toHaveValue("The statistics office puts it at 6.1% for 2023.");
  await p.expectSource(1, { url: "https://example.org/labour-2023", title: "Labour market 2023" });
  // The reviewer's own words stay theirs.
  await expect(p.claimAsChecked()).toHaveValue(newQuote);

  const tabs = claimTabs(p);
  await tabs.tab("History").click();
  await expect(tabs.historyEntry(`used the verdict of an earlier check in “${earlierTitle}” as a starting point`)).toBeVisible();
  await tabs.tab("Details").click();

  // The same words with another figure are another claim: nothing checked before.
  await p.selectTextWithMouse(otherFigure);
  await p.markClaim();
  await expect(checkedBefore.getByText("The desk has not checked this claim before.")).toBeVisible();

  // On a phone the region is there too, and its link opens the earlier claim in its article.
  await p.page.setViewportSize({ width: 390, height: 844 });
  // (The claim list is a sheet there, behind its button.)
  await p.claimsButton().click();
  await p.listItem(newQuote).click();
  await expect(p.claimAsChecked()).toHaveValue(newQuote);
  const link = checkedBefore.getByRole("link", { name: `“${earlierQuote}”` });
  await link.scrollIntoViewIfNeeded();
  await screenshotForReview(p.page, "checked-before-390", testInfo);
  await link.click();
  await expect(p.page).toHaveURL(/\/articles\/[0-9a-f-]{36}\?claim=[0-9a-f-]{36}$/);
  // At 390 px the linked claim opens in its sheet, over the article; closed, the article's title shows.
  await expect(p.quotedText()).toHaveText(earlierQuote);
  await p.page.getByRole("dialog", { name: "Claim details" }).getByRole("button", { name: "Close claim", exact: true }).click();
  await expect(p.heading()).toHaveText(earlierTitle);
});

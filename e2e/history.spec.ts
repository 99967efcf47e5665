import { expect, screenshotForReview, test } from "./support/fixtures";
import { claimTabs } from "./support/claim-tabs";
import { TEXT } from "./support/sample-text";

// The History tab: the claim's timeline from its audit trail, read-only,
// with who did what and when.

test("the History tab shows creation, field changes with before and after, and the comment events, with names and times", async ({
  articlePage: rita,
  openBrowserAs,
  importSampleCopy,
}, testInfo) => {
  const url = await importSampleCopy();
  const r = claimTabs(rita);
  await rita.open(url);
  await rita.markText(TEXT.opening);
  await rita.setVerdict("Mostly false");
  await rita.expectSaved();
  await rita.fillRationale("Only two attacks were confirmed by independent sources.");
  await rita.expectSaved();

  await r.tab("Discussion").click();
  await r.commentField().fill("Reuters has the casualty figures.");
  await r.postButton().click();
  await r.comment("Reuters has the casualty figures.").getByRole("button", { name: "Edit comment" }).click();
  await r.editField().fill("Reuters and AP have the casualty figures.");
  await r.editField().press("Control+Enter");
  await expect(r.comment("Reuters and AP have the casualty figures.")).toContainText("Edited");
  await r.comment("Reuters and AP").getByRole("button", { name: "Delete comment" }).click();
  await r.deleteDialog().getByRole("button", { name: "Delete", exact: true }).click();
  await expect(r.comments().first()).toContainText("Comment deleted");

  await r.tab("History").click();
  await expect(r.history()).toHaveCount(6);
  await expect(r.history().nth(0)).toContainText("Rita Reviewer created the claim");
  await expect(r.history().nth(0)).toContainText(TEXT.opening);

  const verdict = r.historyEntry("changed the verdict");
  await expect(verdict).toContainText("Rita Reviewer");
  // The first saved edit also starts the review: the same entry shows the status move.
  await expect(verdict).toContainText("changed the verdict and status");
  await expect(verdict.getByRole("definition")).toHaveText([/Before\s*No verdict\s*After\s*Mostly false/, /Before\s*Open\s*After\s*In review/]);
  const rationale = r.historyEntry("changed the rationale");
  await expect(rationale.getByRole("definition")).toHaveText(/Before\s*\(empty\)\s*After\s*Only two attacks were confirmed by independent sources\./);

  await expect(r.historyEntry("commented")).toContainText("Reuters has the casualty figures.");
  await expect(r.historyEntry("edited a comment").getByRole("definition")).toHaveText(
    /Before\s*Reuters has the casualty figures\.\s*After\s*Reuters and AP have the casualty figures\./,
  );
  // The deleted comment's text stays in the record.
  await expect(r.historyEntry("deleted a comment")).toContainText("Reuters and AP have the casualty figures.");
  // Every entry says when, as a machine-readable time.
  for (const entry of await r.history().all()) {
    await expect(entry.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    await expect(entry.locator("time")).toContainText("just now");
  }
  // Read-only: nothing in the timeline can be changed.
  await expect(rita.details().getByRole("tabpanel").getByRole("button")).toHaveCount(0);
  await expect(rita.details().getByRole("tabpanel").getByRole("textbox")).toHaveCount(0);
  await screenshotForReview(rita.page, "history-tab", testInfo);

  // Back to Details, another change: History shows it when opened again.
  await r.tab("Details").click();
  await rita.fillClaimant("Regional news agencies");
  await rita.expectSaved();
  await r.tab("History").click();
  await expect(r.history()).toHaveCount(7);
  await expect(r.history().last()).toContainText("changed the claimant");

  // An editor in another browser sees the same timeline, with Rita's name.
  const eddie = await openBrowserAs("editor");
  const e = claimTabs(eddie);
  await eddie.open(url);
  await eddie.openFromList(TEXT.opening);
  await e.tab("History").click();
  await expect(e.history()).toHaveCount(7);
  await expect(e.historyEntry("changed the verdict")).toContainText("Rita Reviewer");
});

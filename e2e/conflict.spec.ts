import type { ArticlePage } from "./support/article-page";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Two people edit the same claim in two browsers. The second save meets a
// newer version: nothing is overwritten until its author chooses.

const THEIRS = "Rita: the 2024 survey contradicts the claim.";
const MINE = "Eddie: the survey asked a different question; keep looking.";

/**
 * Rita (reviewer) marks a claim; Eddie (editor, another browser) opens it;
 * Rita saves a new rationale; then Eddie types his and meets the conflict.
 */
async function editTheSameClaim(rita: ArticlePage, eddie: ArticlePage, url: string) {
  await rita.open(url);
  await rita.markText(TEXT.citizens);
  await rita.fillRationale("First notes.");
  await rita.expectSaved();

  await eddie.open(url);
  await eddie.openFromList(TEXT.citizens);
  await expect(eddie.rationale()).toHaveValue("First notes.");

  await rita.fillRationale(THEIRS);
  await rita.expectSaved();

  await eddie.fillRationale(MINE);
  await expect(eddie.conflictDialog()).toBeVisible();
  await expect(eddie.conflictDialog()).toContainText("Rita Reviewer saved a newer version while you were editing.");
  // Field by field: only what differs, his version next to the saved one.
  await expect(eddie.conflictDialog().getByRole("rowheader")).toHaveText(["Rationale"]);
  await expect(eddie.conflictRow("Rationale").getByRole("cell")).toHaveText([MINE, THEIRS]);
  await expect(eddie.saveStatus()).toHaveText("Conflict");
}

test("on a conflict, “Keep mine” saves my text over the newer version", async ({ articlePage: rita, editorArticlePage: eddie, importSampleCopy }, testInfo) => {
  const url = await importSampleCopy();
  await editTheSameClaim(rita, eddie, url);
  await screenshotForReview(eddie.page, "conflict-dialog", testInfo);

  // The dialog must be answered: Escape does not dismiss it.
  await eddie.page.keyboard.press("Escape");
  await expect(eddie.conflictDialog()).toBeVisible();

  await eddie.conflictDialog().getByRole("button", { name: "Keep mine" }).click();
  await expect(eddie.conflictDialog()).toBeHidden();
  await expect(eddie.rationale()).toHaveValue(MINE);
  await eddie.expectSaved();

  // Everyone now gets Eddie's text.
  await rita.reload();
  await rita.openFromList(TEXT.citizens);
  await expect(rita.rationale()).toHaveValue(MINE);
  await expect(rita.claimForm()).toContainText("last saved by Eddie Editor");
  await eddie.reload();
  await eddie.openFromList(TEXT.citizens);
  await expect(eddie.rationale()).toHaveValue(MINE);
});

test("on a conflict, “Take theirs” replaces my draft with the saved version", async ({ articlePage: rita, editorArticlePage: eddie, importSampleCopy }) => {
  const url = await importSampleCopy();
  await editTheSameClaim(rita, eddie, url);

  await eddie.conflictDialog().getByRole("button", { name: "Take theirs" }).click();
  await expect(eddie.conflictDialog()).toBeHidden();
  await expect(eddie.rationale()).toHaveValue(THEIRS);
  await eddie.expectSaved();

  // Eddie's text was not stored, and his draft is gone for good: not restored on reload.
  await eddie.reload();
  await eddie.openFromList(TEXT.citizens);
  await expect(eddie.rationale()).toHaveValue(THEIRS);
  await expect(eddie.saveStatus()).toHaveText("Saved");
  await rita.reload();
  await rita.openFromList(TEXT.citizens);
  await expect(rita.rationale()).toHaveValue(THEIRS);
  await expect(rita.claimForm()).toContainText("last saved by Rita Reviewer");

  // And Eddie can go on editing from the saved version without another conflict.
  await eddie.fillRationale(`${THEIRS} Eddie agrees.`);
  await eddie.expectSaved();
});

test("two reviewers in two browsers: the second save shows the conflict instead of overwriting", async ({ articlePage: first, openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  const second = await openBrowserAs("reviewer");
  await first.open(url);
  await first.markText(TEXT.opening);
  await first.expectSaved();
  await second.open(url);
  await second.openFromList(TEXT.opening);

  await first.setVerdict("Mostly true");
  await first.expectSaved();
  await second.setVerdict("Half true");
  await expect(second.conflictDialog()).toBeVisible();
  await expect(second.conflictRow("Verdict").getByRole("cell")).toHaveText(["Half true", "Mostly true"]);
  // Nothing was overwritten meanwhile.
  await first.reload();
  await expect(first.highlight(TEXT.opening)).toHaveAttribute("data-verdict", "mostly_true");

  await second.conflictDialog().getByRole("button", { name: "Take theirs" }).click();
  await expect(second.selectedLabel(second.verdict())).toHaveText("Mostly true");
  await expect(second.highlight(TEXT.opening)).toHaveAttribute("data-verdict", "mostly_true");
});

// A draft that could not be saved and meets a newer version on return is no
// longer shown as a conflict dialog: the claim panel asks whether to restore
// or discard it (e2e/drafts.spec.ts, "a draft older than the claim's current version").

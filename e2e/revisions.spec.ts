import type { ArticlePage } from "./support/article-page";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { failSaves } from "./support/network";
import { TEXT } from "./support/sample-text";

// Two browsers, a reload and a text revision: allow for a loaded machine.
test.slow();

/** A photo caption of the sample article: a paragraph of its own, deleted whole below. */
const CAPTION = "Women walk past an anti-Israel billboard covering the facade of a building in Tehran on October 26, 2024. (Atta Kenare/AFP)";
const CAPTION_CLAIM = "Women walk past an anti-Israel billboard";
const INSERTED = "Analysts dispute the figure. ";

const editText = (p: ArticlePage) => p.region().getByRole("button", { name: "Edit text", exact: true });
const saveText = (p: ArticlePage) => p.region().getByRole("button", { name: "Save text", exact: true });
const cancelEditing = (p: ArticlePage) => p.region().getByRole("button", { name: "Cancel editing", exact: true });
const recheck = (p: ArticlePage) => p.page.getByRole("region", { name: /^Needs re-check/ });
const recheckItem = (p: ArticlePage, text: RegExp) => recheck(p).getByRole("listitem").filter({ hasText: text });

test("an editor edits the text: the claim before the insert keeps its words, the approved claim whose word changed and the claim whose paragraph went wait for a re-check", async ({
  openBrowserAs,
  importSampleCopy,
}, testInfo) => {
  const url = await importSampleCopy();

  // A reviewer marks three claims and proposes a verdict on one; an editor approves it.
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  const before = await rita.markText(TEXT.majority);
  const changed = await rita.markText(TEXT.citizens);
  await rita.setVerdict("False");
  await rita.submitForApproval();
  const orphaned = await rita.markText(CAPTION_CLAIM);
  await rita.expectSaved();
  // Reviewers cannot change the text.
  await expect(editText(rita)).toHaveCount(0);

  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await eddie.openFromList(TEXT.citizens);
  await eddie.approve();
  await expect(eddie.currentStatus()).toHaveText("Approved");

  // Edit text: a sentence before the first claim.
  await editText(eddie).click();
  await expect(saveText(eddie)).toBeVisible();
  await expect(eddie.articleText()).toHaveAttribute("aria-readonly", "false");
  await eddie.placeCaretBefore(TEXT.majority);
  await eddie.page.keyboard.type(INSERTED);
  await expect(eddie.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);

  // A reload while editing keeps the unsaved edit, still in editing mode.
  await eddie.reload();
  await expect(saveText(eddie)).toBeVisible();
  await expect(eddie.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);
  await expect(eddie.notice()).toContainText("Your unsaved text edit was restored");

  // A word changed inside the approved claim: "fear" → "dread".
  await eddie.placeCaretBefore("fear the consequences");
  for (let i = 0; i < "fear".length; i++) await eddie.page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => eddie.selectedText()).toBe("fear");
  await eddie.page.keyboard.type("dread");
  // The caption paragraph, with the third claim, deleted.
  await eddie.selectTextWithMouse(CAPTION);
  await eddie.page.keyboard.press("Backspace");
  await eddie.page.keyboard.press("Backspace");
  await expect(eddie.articleText()).not.toContainText("Women walk past");
  await eddie.region().getByRole("textbox", { name: "Revision note (optional)" }).fill("Attribution and caption");
  await screenshotForReview(eddie.page, "revisions-editing", testInfo);
  await eddie.page.setViewportSize({ width: 390, height: 844 });
  await screenshotForReview(eddie.page, "revisions-editing-390", testInfo);
  await eddie.page.setViewportSize({ width: 1366, height: 900 });
  await saveText(eddie).click();

  // The new revision is loaded.
  await expect(eddie.notice()).toContainText("Saved revision 2. 2 claims need a re-check");
  await expect(editText(eddie)).toBeVisible();
  await expect(eddie.articleText()).toHaveAttribute("aria-readonly", "true");

  // The first claim still highlights exactly its words.
  await expect.poll(() => eddie.highlightedText(before)).toBe(TEXT.majority);
  await expect(eddie.highlightOf(before)).not.toHaveAttribute("data-anchor-state");

  // The second is in Needs re-check with its word diff, and no longer approved.
  const changedItem = recheckItem(eddie, /Text changed/);
  await expect(changedItem.locator("del")).toHaveText("removed: fear");
  await expect(changedItem.locator("ins")).toHaveText("added: dread");
  await expect(changedItem).toContainText("Verdict proposed");
  await expect(eddie.highlightOf(changed)).toHaveAttribute("data-anchor-state", "changed");
  await expect.poll(() => eddie.highlightedText(changed)).toBe(TEXT.citizens.replace("fear", "dread"));
  await eddie.openFromList(TEXT.citizens.replace("fear", "dread"));
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");

  // The third is listed as orphaned with its old quote, and highlights nothing.
  const orphanItem = recheckItem(eddie, /Orphaned/);
  await expect(orphanItem).toContainText(`“${CAPTION_CLAIM}”`);
  await expect(eddie.highlightOf(orphaned)).toHaveCount(0);
  await recheck(eddie).scrollIntoViewIfNeeded();
  await screenshotForReview(eddie.page, "revisions-recheck", testInfo);
  await eddie.page.setViewportSize({ width: 390, height: 844 });
  await recheck(eddie).scrollIntoViewIfNeeded();
  await screenshotForReview(eddie.page, "revisions-recheck-390", testInfo);
  await eddie.page.setViewportSize({ width: 1366, height: 900 });

  // Accept new text takes the changed claim off the list; it can be approved again by another editor.
  await changedItem.getByRole("button", { name: "Accept new text", exact: true }).click();
  await expect(recheckItem(eddie, /Text changed/)).toHaveCount(0);
  await expect(eddie.highlightOf(changed)).not.toHaveAttribute("data-anchor-state");

  // Withdraw claim: the orphaned claim goes to Deleted claims, nothing lost.
  await orphanItem.getByRole("button", { name: "Withdraw claim", exact: true }).click();
  await expect(recheck(eddie)).toHaveCount(0);
  await expect(eddie.deletedItem(CAPTION_CLAIM)).toBeVisible();

  // The reviewer, after a reload, sees the new text and still no Edit text.
  await rita.reload();
  await expect(rita.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);
  await expect(editText(rita)).toHaveCount(0);
});

test("a re-check shows in the assigned reviewer's My queue, and Re-anchor attaches the claim to the words the reviewer selects", async ({ openBrowserAs, importSampleCopy }, testInfo) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  const title = (await eddie.heading().textContent())!;
  const claim = await eddie.markText(CAPTION_CLAIM);
  await eddie.assignee().selectOption({ label: "Rita Reviewer (reviewer)" });
  await expect(eddie.workflow()).toContainText("Assigned.");
  // Another claim open, so the drag below starts on plain text rather than on the open highlight.
  await eddie.markText(TEXT.leadership);
  await eddie.expectSaved();

  // The caption paragraph goes, and a new caption takes its place.
  await editText(eddie).click();
  await eddie.selectTextWithMouse(CAPTION);
  await eddie.page.keyboard.type("Pedestrians pass a billboard in central Tehran.");
  await saveText(eddie).click();
  await expect(eddie.notice()).toContainText("Saved revision 2. 1 claim needs a re-check");

  const rita = await openBrowserAs("reviewer");
  await rita.page.goto("/queue");
  const recheckRows = rita.page.getByRole("table", { name: "Claims of yours whose text changed" }).getByRole("row").filter({ hasText: title });
  await expect(recheckRows).toHaveCount(1);
  await expect(recheckRows).toContainText("Words removed");
  await screenshotForReview(rita.page, "my-queue-recheck", testInfo);
  await recheckRows.getByRole("link", { name: CAPTION_CLAIM }).click();
  await rita.expectReady();

  // Re-anchor without a selection says what to do; with the new words selected it attaches the claim to exactly them.
  const item = recheckItem(rita, /Orphaned/);
  await item.getByRole("button", { name: "Re-anchor", exact: true }).click();
  await expect(item).toContainText("Select the new words of the claim in the article first");
  await rita.selectTextWithMouse("a billboard in central Tehran");
  await item.getByRole("button", { name: "Re-anchor", exact: true }).click();
  await expect(recheck(rita)).toHaveCount(0);
  await expect.poll(() => rita.highlightedText(claim)).toBe("a billboard in central Tehran");
  await expect(rita.highlightOf(claim)).not.toHaveAttribute("data-anchor-state");

  // Done: it leaves the queue.
  await rita.page.goto("/queue");
  await expect(rita.page.getByRole("table", { name: "Claims of yours whose text changed" })).toHaveCount(0);
});

test("Cancel editing discards the edit, and the discarded edit does not come back on a reload", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await editText(eddie).click();
  await eddie.placeCaretBefore(TEXT.leadership);
  await eddie.page.keyboard.type("Not kept. ");
  await expect(eddie.articleText()).toContainText("Not kept. ");
  await cancelEditing(eddie).click();
  await expect(eddie.articleText()).not.toContainText("Not kept. ");
  await expect(editText(eddie)).toBeVisible();
  await eddie.reload();
  await expect(eddie.articleText()).not.toContainText("Not kept. ");
  await expect(saveText(eddie)).toHaveCount(0);
});

test("saving against a revision someone else replaced shows both texts and keeps the edit", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  const adam = await openBrowserAs("admin");
  await eddie.open(url);
  await adam.open(url);

  await editText(adam).click();
  await adam.placeCaretBefore(TEXT.leadership);
  await adam.page.keyboard.type("Admin first. ");
  await saveText(adam).click();
  await expect(adam.notice()).toContainText("Saved revision 2");

  await editText(eddie).click();
  await eddie.placeCaretBefore(TEXT.leadership);
  await eddie.page.keyboard.type("Editor late. ");
  await saveText(eddie).click();
  const dialog = eddie.page.getByRole("dialog", { name: "The article text changed while you were editing" });
  await expect(dialog.getByRole("region", { name: "Current text (revision 2)" })).toContainText("Admin first. ");
  await expect(dialog.getByRole("region", { name: "Your edited text" })).toContainText("Editor late. ");
  await dialog.getByRole("button", { name: "Keep my edit for now" }).click();
  await expect(eddie.articleText()).toContainText("Editor late. ");

  // Still kept after a reload: the conflict comes back, and loading the current text is a choice.
  await eddie.page.reload();
  await expect(dialog.getByRole("region", { name: "Your edited text" })).toContainText("Editor late. ");
  await dialog.getByRole("button", { name: "Discard my edit and load the current text" }).click();
  await expect(eddie.articleText()).toContainText("Admin first. ");
  await expect(eddie.articleText()).not.toContainText("Editor late. ");
});

test("a save that cannot reach the server keeps the edit, and Save text again saves it", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await editText(eddie).click();
  await eddie.placeCaretBefore(TEXT.leadership);
  await eddie.page.keyboard.type("Offline words. ");
  const network = await failSaves(eddie.page, url);
  await saveText(eddie).click();
  await expect(eddie.notice()).toContainText("Could not reach the server, so the text was not saved. Your edit is kept in this browser");
  expect(network.failedSaves()).toBeGreaterThan(0);
  await expect(eddie.articleText()).toContainText(`Offline words. ${TEXT.leadership}`);
  await network.restore();
  await saveText(eddie).click();
  await expect(eddie.notice()).toContainText("Saved revision 2");
  await expect(eddie.articleText()).toContainText(`Offline words. ${TEXT.leadership}`);
  await expect(saveText(eddie)).toHaveCount(0);
});

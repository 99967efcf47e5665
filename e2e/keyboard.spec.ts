import type { ArticlePage } from "./support/article-page";
import { expect, screenshotForReview, test } from "./support/fixtures";

/** The caret sits at the very start of the block that begins with `text`. */
async function expectCaretAtStartOf(p: ArticlePage, text: string) {
  await expect
    .poll(async () => {
      const c = await p.caretContext(text.length);
      return c ? `${c.before}|${c.after}` : null;
    }, { message: `the caret starts the block “${text}…”` })
    .toBe(`|${text}`);
}
import { MAJORITY_LONG, TEXT } from "./support/sample-text";

// Working on an article with the keyboard only: where the focus goes after
// each step, moving between paragraphs and claims, and the list of shortcuts.

test("after “Add source” the new source's first field has the focus", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.citizens, { select: "keyboard", using: "shortcut" });
  await articlePage.addSourceButton().focus();
  await articlePage.page.keyboard.press("Enter");
  await expect(articlePage.sourceField(1, "Source URL")).toBeFocused();
  await articlePage.page.keyboard.type("https://example.org/survey");
  await articlePage.page.keyboard.press("Tab");
  await expect(articlePage.sourceField(1, "Source title")).toBeFocused();
  // A second one, the same way.
  await articlePage.addSourceButton().focus();
  await articlePage.page.keyboard.press("Space");
  await expect(articlePage.sourceField(2, "Source URL")).toBeFocused();
  await expect(articlePage.sourceField(1, "Source URL")).toHaveValue("https://example.org/survey");
});

test("Escape on the Return dialog gives the focus back to the Return button", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.markText(TEXT.citizens);
  await rita.setVerdict("False");
  await rita.submitForApproval();

  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await eddie.openFromList(TEXT.citizens);
  await eddie.returnButton().focus();
  await eddie.page.keyboard.press("Enter");
  await expect(eddie.returnDialog()).toBeVisible();
  await expect(eddie.returnDialog().getByRole("textbox", { name: "Reason" })).toBeFocused();
  await eddie.page.keyboard.press("Escape");
  await expect(eddie.returnDialog()).toBeHidden();
  await expect(eddie.returnButton()).toBeFocused();
});

test("Escape on “Choose a claim” gives the focus back to the article, and the chooser tells the claims apart", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(MAJORITY_LONG);
  await articlePage.setVerdict("Mostly true");
  await articlePage.expectSaved();
  // With the keyboard: the caret stays in the article.
  await articlePage.markText(TEXT.majority, { select: "keyboard", using: "shortcut" });
  await articlePage.expectSaved();

  // Caret just inside both claims, Enter: both cover it.
  await articlePage.page.keyboard.press("ArrowLeft");
  await articlePage.page.keyboard.press("ArrowRight");
  await articlePage.page.keyboard.press("Enter");
  await expect(articlePage.chooser()).toBeVisible();
  // Each choice says what it is: its quote, verdict, who marked it and when.
  const outer = articlePage.chooserItem(MAJORITY_LONG);
  await expect(outer).toContainText("Mostly true");
  await expect(outer).toContainText(/marked by Rita Reviewer, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
  await expect(outer).toContainText(/last saved by Rita Reviewer, (just now|\d+ minutes? ago)/);
  await expect(articlePage.chooserItem(TEXT.majority)).toContainText("No verdict");
  await expect(outer).toContainText(/\d+ words/);

  await articlePage.page.keyboard.press("Escape");
  await expect(articlePage.chooser()).toBeHidden();
  await expect(articlePage.articleText()).toBeFocused();
  // The caret is where it was: Enter opens the chooser again.
  await articlePage.page.keyboard.press("Enter");
  await expect(articlePage.chooser()).toBeVisible();
});

test("“Choose a claim” names who marked each claim, not whoever saved it last", async ({ articlePage, editorArticlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await articlePage.open(url);
  await articlePage.markText(MAJORITY_LONG);
  await articlePage.setVerdict("Mostly true");
  await articlePage.expectSaved();
  await articlePage.markText(TEXT.majority, { select: "keyboard", using: "shortcut" });
  await articlePage.expectSaved();

  // The editor works on the reviewer's claim: now they saved it last.
  await editorArticlePage.open(url);
  await editorArticlePage.openFromList(MAJORITY_LONG);
  await editorArticlePage.fillRationale("The provinces count comes from the 2024 survey.");
  await editorArticlePage.expectSaved();

  // A click on words both claims cover.
  await editorArticlePage.articleText().getByText("provinces are controlled", { exact: false }).last().click();
  await expect(editorArticlePage.chooser()).toBeVisible();
  const outer = editorArticlePage.chooserItem(MAJORITY_LONG);
  await expect(outer).toContainText(/marked by Rita Reviewer, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
  await expect(outer).toContainText("last saved by Eddie Editor");
  await expect(editorArticlePage.chooserItem(TEXT.majority)).toContainText("marked by Rita Reviewer");
});

test("a claim opened from the list puts the focus in its form; Escape goes back to the claim in the article", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.opening);
  await articlePage.markText(TEXT.leadership);
  await articlePage.expectSaved();

  await articlePage.listItem(TEXT.opening).focus();
  await articlePage.page.keyboard.press("Enter");
  await expect(articlePage.quotedText()).toHaveText(TEXT.opening);
  await expect(articlePage.claimAsChecked()).toBeFocused();
  await expect(articlePage.highlight(TEXT.opening)).toBeInViewport();

  // Escape (from any field of the form) goes back to the article, the caret at the claim.
  await articlePage.page.keyboard.press("Tab");
  await expect(articlePage.claimant()).toBeFocused();
  await articlePage.page.keyboard.press("Escape");
  await expect(articlePage.articleText()).toBeFocused();
  await expectCaretAtStartOf(articlePage, "Tensions in");

  // Ctrl+Enter in the article goes to the open claim's form.
  await articlePage.page.keyboard.press("Control+Enter");
  await expect(articlePage.claimAsChecked()).toBeFocused();
  // So does the "Back to the article" button.
  await articlePage.claimForm().getByRole("button", { name: "Back to the article" }).click();
  await expect(articlePage.articleText()).toBeFocused();
});

test("the section around the editor has its own name", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await expect(articlePage.page.getByRole("region", { name: "Article text" })).toHaveCount(0);
  await expect(articlePage.page.getByRole("region", { name: "Article and marking tools" }).getByRole("textbox", { name: "Article text" })).toBeVisible();
});

test("Alt+arrows move between paragraphs, Alt+N and Alt+P between claims", async ({ articlePage, importSampleCopy }, testInfo) => {
  await articlePage.open(await importSampleCopy());
  const keyboard = articlePage.page.keyboard;
  await articlePage.markText(TEXT.majority);
  await articlePage.markText(TEXT.citizens);
  await articlePage.markText(TEXT.leadership);
  await articlePage.expectSaved();

  await articlePage.placeCaretBefore("Tensions in the Middle East");
  await keyboard.press("Alt+ArrowDown");
  await expectCaretAtStartOf(articlePage, "Women walk past");
  await keyboard.press("Alt+ArrowDown");
  await expectCaretAtStartOf(articlePage, "Background: A History");
  await keyboard.press("Alt+ArrowUp");
  await expectCaretAtStartOf(articlePage, "Women walk past");

  // Next claim after the caret: it opens, the caret at its start and the article keeps the focus.
  await keyboard.press("Alt+n");
  await expect(articlePage.quotedText()).toHaveText(TEXT.majority);
  await articlePage.expectCaretBetween(". ", "The vast majority");
  await expect(articlePage.articleText()).toBeFocused();
  await keyboard.press("Alt+n");
  await expect(articlePage.quotedText()).toHaveText(TEXT.citizens);
  await keyboard.press("Alt+n");
  await expect(articlePage.quotedText()).toHaveText(TEXT.leadership);
  await expect(articlePage.highlight(TEXT.leadership)).toBeInViewport();
  // Past the last one: it says so and stays.
  await keyboard.press("Alt+n");
  await expect(articlePage.notice()).toContainText("last claim");
  await expect(articlePage.quotedText()).toHaveText(TEXT.leadership);
  await keyboard.press("Alt+p");
  await expect(articlePage.quotedText()).toHaveText(TEXT.citizens);
  await expect(articlePage.highlight(TEXT.citizens)).toBeInViewport();
  await screenshotForReview(articlePage.page, "keyboard-next-claim", testInfo);
});

test("“Keyboard shortcuts” lists every shortcut; ? opens it outside fields", async ({ articlePage, importSampleCopy }, testInfo) => {
  await articlePage.open(await importSampleCopy());
  const page = articlePage.page;
  const button = page.getByRole("button", { name: "Keyboard shortcuts" });
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await button.click();
  await expect(dialog).toBeVisible();
  for (const action of ["Mark the selection as a claim", "Open the claim at the caret", "Next claim", "Previous claim", "Next paragraph", "Previous paragraph", "Go to the open claim's form", "Back to the article", "Show this list"]) {
    await expect(dialog.getByRole("row").filter({ hasText: action })).toBeVisible();
  }
  await screenshotForReview(page, "keyboard-shortcuts", testInfo);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  // "?" in the article opens it.
  await articlePage.placeCaretBefore("Tensions in the Middle East");
  await page.keyboard.press("?");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(articlePage.articleText()).toBeFocused();

  // …but "?" typed into a field is just a question mark.
  await articlePage.markText(TEXT.citizens);
  await articlePage.claimant().click();
  await page.keyboard.type("Who?");
  await expect(articlePage.claimant()).toHaveValue("Who?");
  await expect(dialog).toBeHidden();
});

test("marking the words of an existing claim again opens that claim instead of a copy", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  const id = await articlePage.markText(TEXT.citizens);
  await articlePage.fillClaimant("A survey");
  await articlePage.expectSaved();
  await articlePage.markText(TEXT.majority);
  await articlePage.expectSaved();

  await articlePage.selectTextWithMouse(TEXT.citizens);
  await articlePage.markClaimButton().click();
  await expect(articlePage.quotedText()).toHaveText(TEXT.citizens);
  await expect(articlePage.claimant()).toHaveValue("A survey");
  await expect(articlePage.notice()).toContainText("already a claim");
  await expect(articlePage.claimList().getByRole("listitem")).toHaveCount(2);
  expect(await articlePage.highlightedClaimIds()).toContain(id);
  await articlePage.reload();
  await expect(articlePage.claimList().getByRole("listitem")).toHaveCount(2);
});

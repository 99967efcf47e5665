import { expectNoSeriousFindings } from "./support/axe";
import type { ArticlePage } from "./support/article-page";
import { downloadExport } from "./support/export-menu";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Two text revisions, their list, a diff and an old revision: allow for a loaded machine.
test.slow();

const INSERTED = "Analysts dispute the figure. ";

const editText = (p: ArticlePage) => p.region().getByRole("button", { name: "Edit text", exact: true });
const saveText = (p: ArticlePage) => p.region().getByRole("button", { name: "Save text", exact: true });
const note = (p: ArticlePage) => p.region().getByRole("textbox", { name: "Revision note (optional)" });

test("an editor edits the text twice, reads the revisions with their counts, compares 1 and 3, and opens and exports revision 1 with its claim as anchored then", async ({
  openBrowserAs,
  importSampleCopy,
}, testInfo) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  const claim = await eddie.markText(TEXT.citizens);
  await eddie.expectSaved();

  // Revision 2: one word inside the claim, "fear" → "dread".
  await editText(eddie).click();
  await eddie.placeCaretBefore("fear the consequences");
  for (let i = 0; i < "fear".length; i++) await eddie.page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => eddie.selectedText()).toBe("fear");
  await eddie.page.keyboard.type("dread");
  await note(eddie).fill("Stronger word");
  await saveText(eddie).click();
  await expect(eddie.notice()).toContainText("Saved revision 2");

  // Revision 3: a sentence before the first claim's paragraph.
  await editText(eddie).click();
  await eddie.placeCaretBefore(TEXT.majority);
  await eddie.page.keyboard.type(INSERTED);
  await saveText(eddie).click();
  await expect(eddie.notice()).toContainText("Saved revision 3");

  // The Revisions link opens the list, newest first, with who, when, the note and the counts.
  await eddie.page.getByRole("link", { name: "Revisions", exact: true }).click();
  await expect(eddie.page.getByRole("heading", { level: 1 })).toBeVisible();
  const list = eddie.page.getByRole("list", { name: "Revisions, newest first" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  const third = list.getByRole("listitem", { name: "Revision 3" });
  await expect(third).toContainText("4 added, 0 removed");
  await expect(third).toContainText("Claims affected");
  await expect(third).toContainText("None");
  await expect(third).toContainText("No note");
  const second = list.getByRole("listitem", { name: "Revision 2" });
  await expect(second).toContainText("Stronger word");
  await expect(second).toContainText("1 added, 1 removed");
  await expect(second).toContainText("1 claim changed");
  await expect(second).toContainText(/Eddie|Editor/);
  // The app's one date style: "1 Nov 2024, 14:05 UTC".
  await expect(second.locator("time")).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
  await expect(list.getByRole("listitem", { name: "Revision 1" })).toContainText("The text as imported");
  await screenshotForReview(eddie.page, "revisions-view-list", testInfo);

  // Compare 1 and 3: the changed word and the inserted sentence are marked, the claim of revision 3 on its words.
  await eddie.page.getByRole("combobox", { name: "From revision" }).selectOption("1");
  await eddie.page.getByRole("combobox", { name: "To revision" }).selectOption("3");
  await eddie.page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(eddie.page).toHaveURL(/[?&]from=1&to=3/);
  const diff = eddie.page.getByRole("region", { name: "Changes from revision 1 to revision 3" });
  await expect(diff.locator("del")).toContainText(["fear"]);
  await expect(diff.locator("ins").filter({ hasText: "dread" })).toHaveCount(1);
  await expect(diff.locator("ins").filter({ hasText: INSERTED.trim() })).toHaveCount(1);
  // Not by colour alone: each change is announced in words.
  await expect(diff.locator("del").first()).toContainText("[removed:");
  const marked = diff.locator(`mark[data-claim-id="${claim}"]`);
  await expect(marked.first()).toBeVisible();
  expect((await marked.allTextContents()).join("").replace(/\[(added|removed): |\]/g, "")).toBe(TEXT.citizens.replace("fear", "dread"));
  await expectNoSeriousFindings(eddie.page, "the revisions list and a diff");
  await screenshotForReview(eddie.page, "revisions-view-diff", testInfo);
  await eddie.page.setViewportSize({ width: 390, height: 844 });
  await diff.scrollIntoViewIfNeeded();
  expect(await eddie.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshotForReview(eddie.page, "revisions-view-diff-390", testInfo);
  await eddie.page.setViewportSize({ width: 1366, height: 900 });

  // Revision 1, read-only, with the claim exactly on its words of then.
  await list.getByRole("listitem", { name: "Revision 1" }).getByRole("link", { name: "Open revision 1" }).click();
  await expect(eddie.page).toHaveURL(/\/revisions\/1$/);
  const text = eddie.page.getByRole("article", { name: "Text of revision 1" });
  await expect(text.locator(`mark[data-claim-id="${claim}"]`)).toHaveText(TEXT.citizens);
  await expect(text).not.toContainText(INSERTED.trim());
  await expect(text).not.toContainText("dread");
  await expect(text.locator("[contenteditable]")).toHaveCount(0);
  await expectNoSeriousFindings(eddie.page, "revision 1, read-only");
  await screenshotForReview(eddie.page, "revisions-view-old", testInfo);

  // Its export carries revision 1's text and the claim's selectors there.
  const file = await downloadExport(eddie.page, "JSON");
  expect(file.filename).toMatch(/-revision-1\.json$/);
  expect(file.text).toContain(TEXT.citizens);
  expect(file.text).not.toContain(INSERTED.trim());
  const md = await downloadExport(eddie.page, "Markdown");
  expect(md.filename).toMatch(/-revision-1\.md$/);
  expect(md.text).toContain("fear the consequences");

  await eddie.page.setViewportSize({ width: 390, height: 844 });
  expect(await eddie.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshotForReview(eddie.page, "revisions-view-old-390", testInfo);
  await eddie.page.setViewportSize({ width: 1366, height: 900 });

  // And back to the current text.
  await eddie.page.getByRole("link", { name: "Back to the current text" }).click();
  await expect(eddie.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);
});

test("a reviewer sees the revisions too, and the claim's history links to the revision that changed its words", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  const claim = await eddie.markText(TEXT.citizens);
  await eddie.expectSaved();
  await editText(eddie).click();
  await eddie.placeCaretBefore("fear the consequences");
  for (let i = 0; i < "fear".length; i++) await eddie.page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => eddie.selectedText()).toBe("fear");
  await eddie.page.keyboard.type("dread");
  await saveText(eddie).click();
  await expect(eddie.notice()).toContainText("Saved revision 2");

  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.openFromList(TEXT.citizens.replace("fear", "dread"));
  await rita.page.getByRole("tab", { name: "History" }).click();
  const history = rita.page.getByRole("list", { name: "History of this claim" });
  await expect(history).toContainText("changed the claim’s words in revision 2");
  await expect(history).toContainText("In revision 2 (text changed), followed through the editor’s own edit.");
  await history.getByRole("link", { name: "Open revision 2" }).click();
  await expect(rita.page).toHaveURL(/\/revisions\/2$/);
  await expect(rita.page.getByRole("article", { name: "Text of revision 2" }).locator(`mark[data-claim-id="${claim}"]`)).toHaveText(
    TEXT.citizens.replace("fear", "dread"),
  );
  await rita.page.getByRole("link", { name: "All revisions" }).click();
  await expect(rita.page.getByRole("list", { name: "Revisions, newest first" }).getByRole("listitem")).toHaveCount(2);
});

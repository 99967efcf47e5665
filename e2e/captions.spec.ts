import type { Locator } from "@playwright/test";
import type { ArticlePage } from "./support/article-page";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { ImportPage, uniqueTitle } from "./support/import-page";

// Photo captions: recognised at import, shown as captions, and set by an
// editor with "Block type" while editing the text.
test.slow();

const CAPTION = "Residents wade through a flooded street in Riverton on Sunday. (Jane Doe/AP)";
const CAPTION_CLAIM = "Residents wade through a flooded street";
const LATER_CAPTION = "A rescue boat waits near the old bridge at dusk.";
const BODY = [
  "Floodwaters rose across the valley on Sunday, and officials said 2,000 people had left their homes overnight.",
  CAPTION,
  "The river peaked at 6.2 metres, the highest level since 1998, the regional water agency said on Monday.",
  LATER_CAPTION,
  "Schools in the district will stay closed until Wednesday.",
].join("\n\n");

const editText = (p: ArticlePage) => p.region().getByRole("button", { name: "Edit text", exact: true });
const saveText = (p: ArticlePage) => p.region().getByRole("button", { name: "Save text", exact: true });
const blockType = (p: ArticlePage) => p.region().getByRole("combobox", { name: "Block type", exact: true });
const block = (p: ArticlePage, text: string) => p.articleText().getByRole("paragraph").filter({ hasText: text });

async function style(locator: Locator) {
  return locator.evaluate((el) => {
    const s = getComputedStyle(el);
    return { fontStyle: s.fontStyle, fontSize: parseFloat(s.fontSize), color: s.color, className: el.className };
  });
}

test("an imported photo caption is shown as a caption; an editor makes a paragraph a caption with the keyboard and the new revision keeps it", async ({
  openBrowserAs,
}, testInfo) => {
  // A plain-text import: the line ending with a photo credit becomes a caption.
  const eddie = await openBrowserAs("editor");
  const importer = new ImportPage(eddie.page);
  await importer.goto();
  const url = await importer.importArticle({ title: uniqueTitle("Captions"), format: "Plain text", body: BODY });
  await eddie.expectReady();

  const caption = block(eddie, CAPTION);
  const body = block(eddie, "The river peaked");
  await expect(caption).toHaveClass(/\bcaption\b/);
  await expect(body).not.toHaveClass(/\bcaption\b/);
  await expect(block(eddie, LATER_CAPTION)).not.toHaveClass(/\bcaption\b/);
  const captionStyle = await style(caption);
  const bodyStyle = await style(body);
  expect(captionStyle.fontStyle).toBe("italic");
  expect(bodyStyle.fontStyle).toBe("normal");
  expect(captionStyle.fontSize).toBeLessThan(bodyStyle.fontSize);
  expect(captionStyle.color).not.toBe(bodyStyle.color);

  // A claim inside the caption anchors on exactly its words.
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  const claim = await rita.markText(CAPTION_CLAIM);
  await rita.expectSaved();
  await expect.poll(() => rita.highlightedText(claim)).toBe(CAPTION_CLAIM);
  // Reviewers never change the text, so never a block's type either.
  await expect(editText(rita)).toHaveCount(0);
  await expect(blockType(rita)).toHaveCount(0);

  // The editor: Block type only while editing the text.
  await eddie.reload();
  await expect(blockType(eddie)).toHaveCount(0);
  await editText(eddie).click();
  await expect(saveText(eddie)).toBeVisible();
  await eddie.placeCaretBefore(LATER_CAPTION);
  await expect(blockType(eddie)).toHaveValue("paragraph");
  // From the text back to the select with Shift+Tab, then the first letter picks "Caption".
  for (let i = 0; i < 10 && !(await blockType(eddie).evaluate((el) => el === document.activeElement)); i++) {
    await eddie.page.keyboard.press("Shift+Tab");
  }
  await expect(blockType(eddie)).toBeFocused();
  await eddie.page.keyboard.press("c");
  await expect(blockType(eddie)).toHaveValue("caption");
  await expect(block(eddie, LATER_CAPTION)).toHaveClass(/\bcaption\b/);
  // The focus stays on the select, so nothing typed went into the text.
  await expect(blockType(eddie)).toBeFocused();
  await expect(block(eddie, LATER_CAPTION)).toHaveText(LATER_CAPTION);
  await screenshotForReview(eddie.page, "captions-block-type", testInfo);
  await eddie.page.setViewportSize({ width: 390, height: 844 });
  await screenshotForReview(eddie.page, "captions-block-type-390", testInfo);
  await eddie.page.setViewportSize({ width: 1366, height: 900 });

  // Save text from the keyboard: the next control after the select.
  await blockType(eddie).focus();
  await eddie.page.keyboard.press("Tab");
  await expect(saveText(eddie)).toBeFocused();
  await eddie.page.keyboard.press("Enter");
  await expect(eddie.notice()).toContainText("Saved revision 2");
  await expect(editText(eddie)).toBeVisible();

  // The revision keeps it, after a reload too, and the caption's claim is where it was.
  await eddie.reload();
  await expect(block(eddie, LATER_CAPTION)).toHaveClass(/\bcaption\b/);
  await expect(block(eddie, CAPTION)).toHaveClass(/\bcaption\b/);
  await expect(block(eddie, "Schools in the district")).not.toHaveClass(/\bcaption\b/);
  await expect.poll(() => eddie.highlightedText(claim)).toBe(CAPTION_CLAIM);
  await screenshotForReview(eddie.page, "captions-saved", testInfo);
});

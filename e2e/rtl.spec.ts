import type { Page } from "@playwright/test";
import type { ArticlePage } from "./support/article-page";
import { downloadExport } from "./support/export-menu";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { ImportPage } from "./support/import-page";

// An article in Arabic with an English paragraph, as a Middle East desk gets
// them: each paragraph runs in its own direction, a claim is marked inside the
// Arabic with the keyboard, and the article's language reaches the exports.

const AR_1 = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة بحضور ممثلين عن الطرفين.";
const EN = "The ministry said 40 people were hurt in the clashes on Monday.";
const AR_2 = "وأكد المتحدث أن الهدنة صامدة منذ ثلاثة أيام، وأن المساعدات تصل إلى المدينة.";
const CLAIM = "المحادثات ستستأنف الأسبوع المقبل";

async function importArabicArticle(page: Page, label: string): Promise<string> {
  const importPage = new ImportPage(page);
  await importPage.goto();
  return importPage.importArticle({ title: `محادثات القاهرة · ${label} ${Date.now().toString(36)}`, format: "Plain text", body: [AR_1, EN, AR_2].join("\n\n") });
}

/** The box of the first character of `text` in the article, scrolled into view. */
async function firstCharacterBox(p: ArticlePage, text: string) {
  return p.articleText().evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(wanted);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + 1);
      (n.parentElement as HTMLElement).scrollIntoView({ block: "center", behavior: "instant" });
      const b = r.getBoundingClientRect();
      return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
    }
    throw new Error(`not in the article: ${wanted}`);
  }, text);
}

/**
 * Marks CLAIM with the keyboard: the caret is put just before its first word
 * (its right edge, the text runs right to left), then Shift+ArrowLeft extends
 * the selection one letter at a time, leftwards, which is forwards in Arabic;
 * Ctrl+Alt+M marks it.
 */
async function markArabicClaimWithKeyboard(p: ArticlePage): Promise<string> {
  const box = await firstCharacterBox(p, CLAIM);
  await p.page.mouse.click(box.right - 1, (box.top + box.bottom) / 2);
  await expect(p.articleText()).toBeFocused();
  await p.expectCaretBetween("إن ", "المحادثات");
  const letters = [...new Intl.Segmenter("ar", { granularity: "grapheme" }).segment(CLAIM)].length;
  for (let i = 0; i < letters; i++) await p.page.keyboard.press("Shift+ArrowLeft");
  await expect.poll(() => p.selectedText(), { message: "Shift+ArrowLeft selected the claim" }).toBe(CLAIM);
  return p.markClaim({ using: "shortcut" });
}

test("an Arabic paragraph runs right to left beside an English one, and a claim marked in it with the keyboard covers exactly its words", async ({ articlePage }, testInfo) => {
  await articlePage.page.setViewportSize({ width: 1366, height: 900 });
  await articlePage.open(await importArabicArticle(articlePage.page, "keyboard"));
  const text = articlePage.articleText();
  // The detected language is on the article text; every block decides its own direction.
  await expect(text).toHaveAttribute("lang", "ar");
  await expect(articlePage.page.getByText("Language: Arabic")).toBeVisible();
  const arabic = text.locator("p", { hasText: AR_1 });
  const english = text.locator("p", { hasText: EN });
  await expect(arabic).toHaveAttribute("dir", "auto");
  expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
  // Laid out from the right: the paragraph's first letter sits at its right edge.
  const first = await firstCharacterBox(articlePage, AR_1.slice(0, 4));
  const paragraph = (await arabic.boundingBox())!;
  expect(paragraph.x + paragraph.width - first.right).toBeLessThan(4);
  const englishFirst = await firstCharacterBox(articlePage, EN.slice(0, 4));
  expect(englishFirst.left - (await english.boundingBox())!.x).toBeLessThan(4);

  const id = await markArabicClaimWithKeyboard(articlePage);
  expect(await articlePage.highlightedText(id)).toBe(CLAIM);
  await expect(articlePage.quotedText()).toHaveText(CLAIM);
  // The highlight stays inside the Arabic paragraph's line box, right of the words before it.
  const mark = articlePage.highlightOf(id).first();
  const markBox = (await mark.boundingBox())!;
  expect(markBox.x + markBox.width).toBeLessThanOrEqual(paragraph.x + paragraph.width);
  expect(markBox.x).toBeGreaterThanOrEqual(paragraph.x);
  // The quote in the form and in the claim list reads right to left too.
  expect(await articlePage.quotedText().evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  const listQuote = articlePage.listItem(CLAIM).locator("[dir=auto]").first();
  expect(await listQuote.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await articlePage.setVerdict("Unverifiable");
  await articlePage.expectSaved();

  await screenshotForReview(articlePage.page, "rtl-article-1366", testInfo);
  await articlePage.page.setViewportSize({ width: 390, height: 844 });
  await articlePage.highlightOf(id).first().scrollIntoViewIfNeeded();
  await screenshotForReview(articlePage.page, "rtl-article-390", testInfo);
});

test("an editor changes the article's language, and the HTML export carries it with the Arabic claim's marker kept in one piece", async ({ editorArticlePage: eddie, browser }, testInfo) => {
  await eddie.page.setViewportSize({ width: 1366, height: 900 });
  await eddie.open(await importArabicArticle(eddie.page, "language"));
  await markArabicClaimWithKeyboard(eddie);
  await eddie.setVerdict("Unverifiable");
  await eddie.expectSaved();

  const language = eddie.page.getByRole("combobox", { name: "Language" });
  await expect(language).toHaveValue("ar");
  await language.selectOption({ label: "Persian" });
  await expect(eddie.page.getByText("Language set to Persian.")).toBeVisible();
  await expect(eddie.articleText()).toHaveAttribute("lang", "fa");
  await eddie.reload();
  await expect(eddie.page.getByRole("combobox", { name: "Language" })).toHaveValue("fa");

  const { text: html } = await downloadExport(eddie.page, "HTML");
  expect(html).toMatch(/<article class="cd-article" aria-label="Article text with highlighted claims" lang="fa">/);
  const { text: json } = await downloadExport(eddie.page, "JSON");
  expect(JSON.parse(json).article.language).toBe("fa");

  // The file as a reader opens it: the Arabic paragraph runs right to left and
  // the marker after the claim reads "1 · Unverifiable", left to right, in one piece.
  const reader = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await reader.setContent(html);
  const ref = reader.locator("sup.cd-ref").first();
  await expect(ref).toHaveText("1\u00a0·\u00a0Unverifiable");
  const layout = await ref.evaluate((sup) => {
    const text = sup.querySelector("a")!.firstChild as Text;
    const rect = (from: number, to: number) => {
      const r = document.createRange();
      r.setStart(text, from);
      r.setEnd(text, to);
      return r.getBoundingClientRect();
    };
    const one = rect(0, 1);
    const label = rect(4, text.data.length);
    const p = sup.closest("p")!;
    return { direction: getComputedStyle(p).direction, oneRight: one.right, labelLeft: label.left, sameLine: Math.abs(one.top - label.top) < 2, pieces: sup.getClientRects().length };
  });
  expect(layout.direction).toBe("rtl");
  expect(layout.sameLine).toBe(true);
  expect(layout.pieces).toBe(1);
  // "1" just left of "· Unverifiable", nothing else between them.
  expect(layout.labelLeft).toBeGreaterThan(layout.oneRight);
  expect(layout.labelLeft - layout.oneRight).toBeLessThan(20);
  await screenshotForReview(reader, "rtl-html-export-1366", testInfo);
  await reader.context().close();

  // The published page: the article in its language, the Arabic paragraph right to left.
  const href = await eddie.publish({ scope: "all" });
  const anonymous = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 390, height: 844 } });
  const published = await anonymous.newPage();
  await published.goto(href);
  const article = published.getByRole("article", { name: "Article text with highlighted claims" });
  await expect(article).toHaveAttribute("lang", "fa");
  const paragraph = article.locator("p", { hasText: AR_2 });
  expect(await paragraph.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await expect(article.locator("mark", { hasText: CLAIM })).toHaveText(CLAIM);
  await screenshotForReview(published, "rtl-published-390", testInfo);
  await anonymous.close();
});

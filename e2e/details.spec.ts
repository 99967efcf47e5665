import { expect, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Smaller things a new user noticed: each checked as they would see it.

test("a reviewer opening the dashboard is refused with HTTP 403 and a way back", async ({ reviewerPage }) => {
  const response = await reviewerPage.goto("/dashboard");
  expect(response?.status()).toBe(403);
  await expect(reviewerPage.getByRole("heading", { level: 1 })).toContainText("not allowed");
  await reviewerPage.getByRole("link", { name: "Go to the article list" }).click();
  await expect(reviewerPage).toHaveURL(/\/articles$/);
});

test("an unknown address shows the desk's own 404 page with a way back", async ({ reviewerPage }) => {
  const response = await reviewerPage.goto("/articles/not-an-article/nowhere");
  expect(response?.status()).toBe(404);
  await expect(reviewerPage.getByRole("heading", { level: 1 })).toContainText("Page not found");
  await expect(reviewerPage.getByRole("link", { name: "Claimdesk" })).toBeVisible();
  await reviewerPage.getByRole("link", { name: "Go to the article list" }).click();
  await expect(reviewerPage).toHaveURL(/\/articles$/);
});

test("the import form marks Title as required", async ({ reviewerPage }) => {
  await reviewerPage.goto("/articles/import");
  const title = reviewerPage.getByRole("textbox", { name: /^Title/ });
  await expect(title).toHaveAttribute("aria-required", "true");
  await expect(reviewerPage.getByText("Title", { exact: true }).locator("..")).toContainText("required");
});

test("the Stance select shows its whole label", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.citizens);
  await articlePage.setVerdict("Mostly false");
  await articlePage.addSource({ url: "https://example.org/a", stance: "Supports the claim" });
  const stance = articlePage.sourceField(1, "Stance");
  // The select is wide enough for its longest option, beside the arrow.
  const fits = await stance.evaluate((el: HTMLSelectElement) => {
    const cs = getComputedStyle(el);
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const widest = Math.max(...[...el.options].map((o) => ctx.measureText(o.text).width));
    return { widest, room: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
  });
  expect(fits.widest).toBeLessThanOrEqual(fits.room);
});

test("the open claim's highlight keeps its verdict colour visible while its text is selected", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.citizens);
  await articlePage.setVerdict("False");
  // Just marked: the words are still selected. The selection colour is not the browser's opaque blue.
  const selectionBackground = await articlePage.highlight(TEXT.citizens).evaluate((el) => getComputedStyle(el, "::selection").backgroundColor);
  expect(selectionBackground).not.toBe("rgba(0, 0, 0, 0)");
  expect(selectionBackground).toMatch(/rgba\(.*, 0\.\d+\)|\/ 0\.\d+\)$/); // translucent
});

test("the sticky toolbar never covers the line the caret moves to", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  const page = articlePage.page;
  await articlePage.placeCaretBefore(TEXT.leadership);
  const toolbar = articlePage.markClaimButton().locator("..");
  // Up through the article paragraph by paragraph, as a keyboard user reads back.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Alt+ArrowUp");
    const caretTop = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const range = window.getSelection()!.getRangeAt(0);
      const rect = range.getClientRects()[0] ?? (range.startContainer as Element).getBoundingClientRect?.() ?? range.getBoundingClientRect();
      return rect.top;
    });
    const bar = (await toolbar.boundingBox())!;
    expect(caretTop, `step ${i + 1}`).toBeGreaterThanOrEqual(bar.y + bar.height);
  }
});

test("the default scale lists Misleading (0.2) above False (0)", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.citizens);
  const labels = await articlePage.verdict().locator("option").allTextContents();
  expect(labels.indexOf("Misleading")).toBeGreaterThan(-1);
  expect(labels.indexOf("Misleading")).toBeLessThan(labels.indexOf("False"));
});

test("the published page says what the check found and colours each highlight by its verdict, with the label beside it", async ({
  browser,
  editorArticlePage,
  importSampleCopy,
  openBrowserAs,
}) => {
  test.slow();
  const url = await importSampleCopy("Published colours");
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.markText(TEXT.citizens);
  await rita.setVerdict("False");
  await rita.submitForApproval();
  await rita.markText(TEXT.opening);
  await rita.setVerdict("True");
  await rita.submitForApproval();
  const p = editorArticlePage;
  await p.open(url);
  for (const quote of [TEXT.citizens, TEXT.opening]) {
    await p.openFromList(quote);
    await p.approve();
  }
  const publishedUrl = await p.publish();

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const reader = await context.newPage();
  await reader.goto(publishedUrl);
  await expect(reader.getByRole("main").getByText("1 of 2 checked claims is false", { exact: true })).toBeVisible();
  const falseMark = reader.locator("mark", { hasText: TEXT.citizens });
  const trueMark = reader.locator("mark", { hasText: TEXT.opening });
  const background = (l: typeof falseMark) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(falseMark)).not.toBe(await background(trueMark));
  // The label, not the colour alone, says which verdict it is.
  await expect(reader.getByRole("link", { name: /^Claim \d+: False$/ })).toBeVisible();
  await expect(reader.getByRole("link", { name: /^Claim \d+: True$/ })).toBeVisible();
  await context.close();
});

test("a 404 from inside the desk shows under the desk's own header, once", async ({ reviewerPage }) => {
  const response = await reviewerPage.goto("/articles/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(reviewerPage.getByRole("heading", { level: 1 })).toContainText("Page not found");
  await expect(reviewerPage.getByRole("banner").getByRole("link", { name: "Sign out" }).or(reviewerPage.getByRole("banner").getByRole("button", { name: "Sign out" }))).toBeVisible();
  await expect(reviewerPage.getByRole("link", { name: "Claimdesk" })).toHaveCount(1);
  await reviewerPage.getByRole("link", { name: "Go to the article list" }).click();
  await expect(reviewerPage).toHaveURL(/\/articles$/);
});

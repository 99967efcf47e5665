import type { Locator, Page } from "@playwright/test";
import type { RoleName } from "./support/accounts";
import type { ArticlePage } from "./support/article-page";
import { expectNoSeriousFindings } from "./support/axe";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Phones and tablets: below `lg` (1024 px) the claim panel and the claim list
// open as sheets over the article, the toolbar keeps to one row behind a More
// menu, and no page scrolls sideways.

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

const sheet = (page: Page) => page.getByRole("dialog", { name: "Claim details" });
const listSheet = (page: Page) => page.getByRole("dialog", { name: /^Claims \(\d+\)$/ });
// While a sheet is open the article behind it is inert and hidden from assistive technology (a modal
// dialog), so role locators no longer reach into it: its highlights are found by their attribute.
const marks = (page: Page, id?: string) => page.locator(id ? `mark[data-claim-id="${id}"]` : "mark[data-claim-id]");
const claimIds = async (page: Page) => [...new Set(await marks(page).evaluateAll((all) => all.map((m) => m.getAttribute("data-claim-id")!)))];

/** Selects `text` and marks it by a tap on Mark claim (or Ctrl+Alt+M); returns the new claim's id once its sheet is open. */
async function markInSheet(p: ArticlePage, text: string, { using = "tap", select = "mouse" }: { using?: "tap" | "shortcut"; select?: "mouse" | "keyboard" | "already" } = {}) {
  if (select === "mouse") await p.selectTextWithMouse(text);
  else if (select === "keyboard") await p.selectTextWithKeyboard(text);
  const before = new Set(await claimIds(p.page));
  if (using === "tap") await p.markClaimButton().tap();
  else await p.page.keyboard.press("Control+Alt+m");
  await expect(sheet(p.page)).toBeVisible();
  await expect(p.quotedText()).toHaveText(text);
  let id = "";
  await expect.poll(async () => (id = (await claimIds(p.page)).find((x) => !before.has(x)) ?? "")).not.toBe("");
  return id;
}

/** The highlight is on screen, between the sticky toolbar and the top of the sheet: the reviewer sees both. */
async function expectHighlightAboveSheet(p: ArticlePage, highlight: Locator) {
  const toolbar = p.page.locator("section[aria-label='Article and marking tools'] > div").first();
  await expect
    .poll(async () => {
      const mark = await highlight.first().boundingBox();
      const panel = await sheet(p.page).boundingBox();
      const bar = await toolbar.boundingBox();
      if (!mark || !panel || !bar) return "not laid out";
      if (mark.y < bar.y + bar.height - 1) return `highlight under the toolbar (${mark.y} < ${bar.y + bar.height})`;
      if (mark.y + Math.min(mark.height, 20) > panel.y) return `highlight under the sheet (${mark.y} > ${panel.y})`;
      return "visible";
    })
    .toBe("visible");
  await expect(sheet(p.page)).toBeInViewport();
}

async function coreFlowByTouch(p: ArticlePage, url: string, viewport: { width: number; height: number }) {
  const page = p.page;
  await p.open(url);
  // The side columns are gone: the list is one button away, the panel not in the page's flow.
  await expect(page.getByRole("complementary", { name: "Claim details" })).toHaveCount(0);
  await expect(p.claimsButton()).toBeVisible();

  await p.selectTextWithMouse(TEXT.citizens);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const id = await markInSheet(p, TEXT.citizens, { select: "already" });
  await expectHighlightAboveSheet(p, marks(page, id));
  // The focus is in the sheet; the article did not jump away (at most it moved the highlight above the sheet).
  await expect.poll(() => sheet(page).evaluate((el) => el.contains(document.activeElement))).toBe(true);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollBefore)).toBeLessThan(viewport.height);

  await p.setVerdict("False");
  await p.addSource({ url: "https://example.org/survey", title: "Survey of Iraqi opinion", stance: "Supports the claim" });
  await expect(p.saveStatus()).toHaveText("Saved");
  // The sheet scrolls inside itself: the last field is reachable, the page behind stayed put.
  const scrollWithSheet = await page.evaluate(() => window.scrollY);
  await p.sourceField(1, "Accessed on").scrollIntoViewIfNeeded();
  await expect(p.sourceField(1, "Accessed on")).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollWithSheet);
  await screenshotForReview(page, `phone-claim-sheet-${viewport.width}`, test.info());

  // Close claim: the sheet goes, the focus goes back to the highlight (Mark claim, busy while marking, let it go).
  await sheet(page).getByRole("button", { name: "Close claim", exact: true }).tap();
  await expect(sheet(page)).toBeHidden();
  await expect(p.articleText()).toBeFocused();
  await expect.poll(async () => (await p.caretContext(TEXT.citizens.length))?.after, { message: "the caret is at the claim" }).toBe(TEXT.citizens);
  await expect(marks(page, id).first()).toBeInViewport();

  // The claim list, from its button, the same way; choosing a claim opens it with the focus in its form.
  await expect(p.claimsButton()).toHaveText("Claims (1)");
  await p.claimsButton().tap();
  await expect(listSheet(page)).toBeVisible();
  await expect(listSheet(page).getByText("All changes saved")).toBeVisible();
  await p.listItem(TEXT.citizens).tap();
  await expect(listSheet(page)).toBeHidden();
  await expect(sheet(page)).toBeVisible();
  await expect(p.claimAsChecked()).toBeFocused();
  await expect(p.verdict().locator("option:checked")).toHaveText("False");
  await p.expectSource(1, { url: "https://example.org/survey", title: "Survey of Iraqi opinion" });
  await expectHighlightAboveSheet(p, marks(page, id));
  // Escape closes it; the focus returns to the highlight (the caret at the claim's first word).
  await page.keyboard.press("Escape");
  await expect(sheet(page)).toBeHidden();
  await expect(p.articleText()).toBeFocused();
  await expect.poll(async () => (await p.caretContext(TEXT.citizens.length))?.after, { message: "the caret is at the claim" }).toBe(TEXT.citizens);
  return id;
}

test("on a phone (390×844) a reviewer marks a claim, gives a verdict and a source in a sheet over the article", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy("Phone core flow");
  const p = await openBrowserAs("reviewer", { viewport: PHONE, hasTouch: true });
  await coreFlowByTouch(p, url, PHONE);
  // Reloaded: the verdict and the source were saved.
  await p.reload();
  await p.claimsButton().click();
  await p.listItem(TEXT.citizens).click();
  await expect(p.verdict().locator("option:checked")).toHaveText("False");
  await p.expectSource(1, { title: "Survey of Iraqi opinion" });
});

test("on a tablet (768×1024) the same flow by touch, and by keyboard alone", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy("Tablet core flow");
  const p = await openBrowserAs("reviewer", { viewport: TABLET, hasTouch: true });
  await coreFlowByTouch(p, url, TABLET);
  const page = p.page;

  // Keyboard: Shift+arrows, Ctrl+Alt+M, the form in the sheet, Escape back.
  const id = await markInSheet(p, TEXT.leadership, { select: "keyboard", using: "shortcut" });
  await expectHighlightAboveSheet(p, marks(page, id));
  await expect(sheet(page)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(sheet(page).getByRole("button", { name: "Close claim", exact: true })).toBeFocused();
  // Tab on into the form until the verdict, as a keyboard user would.
  for (let i = 0; i < 25 && !(await p.verdict().evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(p.verdict()).toBeFocused();
  await p.setVerdict("Unverifiable");
  await p.addSource({ title: "Statement of the prime minister's office" });
  await expect(p.saveStatus()).toHaveText("Saved");
  await page.keyboard.press("Escape");
  await expect(sheet(page)).toBeHidden();
  await expect(p.articleText()).toBeFocused();
  await expect.poll(async () => (await p.caretContext(TEXT.leadership.length))?.after).toBe(TEXT.leadership);
  await expect(p.claimsButton()).toHaveText("Claims (2)");
});

test("on a phone the toolbar is one row; Edit text, Bring in a new version and Keyboard shortcuts are in its More menu", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy("Phone toolbar");
  const p = await openBrowserAs("editor", { viewport: PHONE, hasTouch: true });
  await p.open(url);
  const page = p.page;
  const more = p.region().getByRole("button", { name: "More", exact: true });
  const tops = await Promise.all([p.markClaimButton(), p.claimsButton(), more].map(async (b) => (await b.boundingBox())!));
  for (const box of tops) expect(Math.abs(box.y - tops[0]!.y), "one row").toBeLessThan(4);
  for (const box of tops) expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  const toolbarHeight = (await p.markClaimButton().locator("xpath=..").boundingBox())!.height;
  expect(toolbarHeight, "one compact row").toBeLessThan(60);

  await more.click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Edit text", exact: true })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Bring in a new version", exact: true })).toBeVisible();
  await menu.getByRole("menuitem", { name: "Keyboard shortcuts", exact: true }).click();
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(shortcuts).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();
  await expect(more).toBeFocused();

  // By keyboard: the menu opens with Enter, the new-version dialog from it, and the focus comes back to More.
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await menu.getByRole("menuitem", { name: "Bring in a new version", exact: true }).focus();
  await page.keyboard.press("Enter");
  const version = page.getByRole("dialog", { name: /new version/i });
  await expect(version).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(version).toBeHidden();
  await expect(more).toBeFocused();

  // Edit text from the menu: the editing bar takes the row while editing.
  await more.click();
  await menu.getByRole("menuitem", { name: "Edit text", exact: true }).click();
  await expect(p.region().getByRole("button", { name: "Save text", exact: true })).toBeVisible();
  await expect(p.articleText()).toBeFocused();
  await p.region().getByRole("button", { name: "Cancel editing", exact: true }).click();
  await expect(more).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});

test("axe finds nothing serious with the claim sheet or the claim list open on a phone", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy("Phone axe");
  const p = await openBrowserAs("editor", { viewport: PHONE });
  await p.open(url);
  await expectNoSeriousFindings(p.page, "workspace at 390 px");
  await markInSheet(p, TEXT.majority, { using: "shortcut" });
  await expectNoSeriousFindings(p.page, "claim sheet open at 390 px");
  await sheet(p.page).getByRole("button", { name: "Close claim", exact: true }).click();
  await p.claimsButton().click();
  await expect(listSheet(p.page)).toBeVisible();
  await expectNoSeriousFindings(p.page, "claim list sheet open at 390 px");
});

test("at 1024 px and wider the claim panel and list stay columns beside the article", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy("Wide layout");
  const p = await openBrowserAs("reviewer", { viewport: { width: 1024, height: 800 } });
  await p.open(url);
  await expect(p.claimsHeading()).toBeVisible();
  await expect(p.claimsButton()).toHaveCount(0);
  await p.markText(TEXT.majority);
  await expect(p.page.getByRole("complementary", { name: "Claim details" })).toBeVisible();
  await expect(p.page.getByRole("dialog")).toHaveCount(0);
  // Narrowing the window puts the columns away without throwing a sheet over the page; the claim opens from the list.
  await p.page.setViewportSize({ width: 800, height: 800 });
  await expect(p.claimsButton()).toBeVisible();
  await expect(p.page.getByRole("dialog")).toHaveCount(0);
  await p.claimsButton().click();
  await p.listItem(TEXT.majority).click();
  await expect(sheet(p.page)).toBeVisible();
  // Widening it again brings back the columns, the claim still open in its panel.
  await p.page.setViewportSize({ width: 1280, height: 800 });
  await expect(sheet(p.page)).toBeHidden();
  await expect(p.page.getByRole("complementary", { name: "Claim details" })).toBeVisible();
  await expect(p.quotedText()).toHaveText(TEXT.majority);
});

/** Every page a role opens, with what should be on it once it has loaded. */
function pagesOf(role: RoleName, articleUrl: string): string[] {
  const common = ["/articles", articleUrl, `${articleUrl}/summary`, `${articleUrl}/revisions`, "/queue", "/search?q=Iraq", "/articles/import", "/account/password", "/dashboard", "/no-such-page"];
  return role === "admin" ? [...common, "/admin/users", "/admin/verdicts", "/admin/webhooks"] : common;
}

async function expectNoSidewaysScroll(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // What sticks out, to say where to look when this fails.
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 3).join(".")}`),
  }));
  expect(scrollWidth, `${url} scrolls sideways at ${innerWidth} px; wider than the screen: ${wide.join(", ")}`).toBeLessThanOrEqual(innerWidth);
  // What is too wide for the screen (a table) scrolls inside its own box: a named region a keyboard user can tab to and scroll.
  // (The main navigation scrolls too, through its links.)
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientHeight > 0)
      .filter((el) => !el.closest("nav, [role=dialog]"))
      .map((el) => ({ what: `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join(".")}`, role: el.getAttribute("role"), name: el.getAttribute("aria-label") ?? "", tabIndex: el.tabIndex })),
  );
  for (const box of boxes) expect(box, `${url}: a box that scrolls sideways is a named region with tabindex=0`).toMatchObject({ role: "region", name: expect.stringMatching(/\S/), tabIndex: 0 });
}

for (const role of ["reviewer", "editor", "admin"] as const) {
  test(`at 390 px no page a ${role} opens scrolls sideways`, async ({ openBrowserAs, importSampleCopy }) => {
    test.slow();
    const url = await importSampleCopy(`No sideways scroll ${role}`);
    const p = await openBrowserAs(role, { viewport: PHONE });
    for (const path of pagesOf(role, url)) await expectNoSidewaysScroll(p.page, path);
  });
}

test("at 390 px the sign-in page and a published fact-check do not scroll sideways", async ({ browser, editorArticlePage, importSampleCopy }) => {
  const url = await importSampleCopy("Phone published");
  await editorArticlePage.open(url);
  await editorArticlePage.markText(TEXT.citizens);
  await editorArticlePage.setVerdict("Unverifiable");
  await editorArticlePage.expectSaved();
  const publishedUrl = await editorArticlePage.publish({ scope: "all" });

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: PHONE });
  const reader = await context.newPage();
  await expectNoSidewaysScroll(reader, publishedUrl);
  await expectNoSidewaysScroll(reader, "/login");
  await context.close();
});

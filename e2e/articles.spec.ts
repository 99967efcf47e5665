import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { ACCOUNTS, SAMPLE_TITLE, storageStateFor } from "./support/accounts";
import { articleRegion, articleTextbox, expectInteractive, findInArticleList, ImportPage, uniqueTitle } from "./support/import-page";

test.use({ storageState: storageStateFor("reviewer") });

const SAMPLE_MARKDOWN = readFileSync(path.join(process.cwd(), "db/seed/middle-east-tensions.md"), "utf8");
const CLAIM_TEXT = "Iraq-linked militias have attacked forces supported by Iran";

/** The row of the article list whose title link is `title`. */
const rowOf = (page: Page, title: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

/** The article list's row for `title`, on whichever page of the list it is. */
async function findRow(page: Page, title: string): Promise<Locator> {
  await findInArticleList(page, title);
  return rowOf(page, title);
}

/** The cell of `row` under the column headed `column`. */
async function cellOf(page: Page, row: Locator, column: string): Promise<Locator> {
  const headers = (await page.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  const index = headers.indexOf(column);
  expect(index, `a "${column}" column among ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  return row.getByRole("cell").nth(index);
}

/**
 * Selects `text` in the article with the mouse, as a reviewer does: scrolls it
 * into view, presses just inside its first character and drags to just inside
 * its last one.
 */
async function selectWithMouse(page: Page, text: string): Promise<void> {
  const article = articleTextbox(page);
  const box = await article.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: "center" });
      const charBox = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      return { first: charBox(at), last: charBox(at + wanted.length - 1) };
    }
    return null;
  }, text);
  expect(box, `"${text}" is in the article`).not.toBeNull();
  const { first, last } = box!;
  await page.mouse.move(first.left + 1, (first.top + first.bottom) / 2);
  await page.mouse.down();
  await page.mouse.move(last.right - 1, (last.top + last.bottom) / 2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(text);
}

test("the article list shows the sample article with its publication date", async ({ page }) => {
  await page.goto("/articles");
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  // The sample article was the first one imported: the oldest, so the last in the list.
  const row = await findRow(page, SAMPLE_TITLE);
  await expect(row).toHaveCount(1);
  await expect(await cellOf(page, row, "Published")).toHaveText("1 Nov 2024");

  // The title opens the article.
  await row.getByRole("link", { name: SAMPLE_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SAMPLE_TITLE);
  await expect(page.getByText("1 Nov 2024")).toBeVisible();
});

test("the list counts an article's claims by status once one is marked", async ({ page }) => {
  // A copy of the sample article of our own: other tests add claims to theirs.
  const title = uniqueTitle("Claims count");
  const importPage = new ImportPage(page);
  await importPage.goto();
  const articlePath = await importPage.importArticle({
    title,
    publisher: "Regional Desk",
    publishedOn: "2024-11-01",
    format: "Markdown",
    body: SAMPLE_MARKDOWN,
  });

  await page.goto("/articles");
  let row = await findRow(page, title);
  await expect(await cellOf(page, row, "Publisher")).toHaveText("Regional Desk");
  await expect(await cellOf(page, row, "Published")).toHaveText("1 Nov 2024");
  await expect(await cellOf(page, row, "Claims")).toHaveText("0");
  await expect(await cellOf(page, row, "By status")).toHaveText("No claims yet");

  // Mark one claim in the article with the mouse.
  await page.goto(articlePath);
  const markClaim = articleRegion(page).getByRole("button", { name: /^Mark claim/ });
  await expect(articleTextbox(page)).toBeVisible();
  await expectInteractive(markClaim);
  await selectWithMouse(page, CLAIM_TEXT);
  await markClaim.click();
  await expect(articleTextbox(page).locator("mark[data-claim-id]")).toHaveText(CLAIM_TEXT);
  await expect(page.getByRole("heading", { level: 2, name: "Claims (1)" })).toBeVisible();

  // Back to the list the way a reviewer goes: through the header.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Articles", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  row = await findRow(page, title);
  await expect(await cellOf(page, row, "Claims")).toHaveText("1");
  await expect((await cellOf(page, row, "By status")).getByRole("list", { name: "Claims by status" }).getByRole("listitem")).toHaveText([
    "Open: 1",
  ]);
});

test.describe("keyboard", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("on the sign-in page, Tab walks Email, Password, Sign in in order, with a visible focus ring", async ({ page }) => {
    await page.goto("/login");
    const email = page.getByLabel("Email", { exact: true });
    const password = page.getByLabel("Password", { exact: true });
    const signIn = page.getByRole("button", { name: "Sign in", exact: true });
    await expectInteractive(signIn);
    // Start before the form, as a person does by clicking the page's heading.
    await page.getByRole("heading", { level: 1, name: "Sign in" }).click();

    for (const control of [email, password, signIn]) {
      await page.keyboard.press("Tab");
      await expect(control).toBeFocused();
      const ring = await control.evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
      });
      expect(ring.style, "focus outline style").not.toBe("none");
      expect(ring.width, "focus outline width").toBeGreaterThanOrEqual(1);
      expect(ring.color, "focus outline colour").not.toMatch(/^rgba\(.*,\s*0\)$|transparent/);
    }

    // And signing in works from the keyboard alone.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await expect(email).toBeFocused();
    await page.keyboard.type(ACCOUNTS.reviewer.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ACCOUNTS.reviewer.password);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  });
});

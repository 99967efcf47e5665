import type { Page } from "@playwright/test";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { storageStateFor } from "./support/accounts";
import { expectNoSeriousFindings } from "./support/axe";
import { articleTextbox, ImportPage, uniqueTitle } from "./support/import-page";

test.use({ storageState: storageStateFor("reviewer") });

/** The fixture pages' server the config starts beside the app (test/support/page-server.ts), allowed by URL_IMPORT_ALLOW_HOSTS. */
const PAGES = `http://127.0.0.1:${process.env.E2E_PAGES_PORT}`;
const HEADLINE = "Port city water rates to rise 12% next year";
const FIRST_PARAGRAPH = "Households in the port city will pay 12% more for water from April next year";

let importPage: ImportPage;

test.beforeEach(async ({ page }) => {
  importPage = new ImportPage(page);
  await importPage.goto();
});

/** Presses Tab until `target` has the focus (at most `max` times), as a keyboard user moves through the form. */
async function tabTo(page: Page, target: ReturnType<Page["getByLabel"]>, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("fetch a news page, check the preview, correct the details and import (mouse)", async ({ page }, testInfo) => {
  await importPage.url().fill(`${PAGES}/redirect/2`);
  await importPage.fetchButton().click();

  const preview = importPage.preview();
  await expect(preview).toBeVisible();
  await expect(preview.getByText(HEADLINE, { exact: true })).toBeVisible();
  await expect(preview.getByText(/^By Maria Okafor and Tom Lindqvist · The Harbour Courier · 5 Mar 2024 · \d+ words$/)).toBeVisible();
  await expect(preview.getByText(FIRST_PARAGRAPH)).toBeVisible();
  // The site around the article is not in what will be imported.
  await expect(preview).not.toContainText("HarbourDad");
  await expect(preview).not.toContainText("Related stories");

  // The details are filled from the page, for the user to check.
  await expect(importPage.title()).toHaveValue(HEADLINE);
  await expect(importPage.author()).toHaveValue("Maria Okafor and Tom Lindqvist");
  await expect(importPage.publisher()).toHaveValue("The Harbour Courier");
  await expect(importPage.publishedOn()).toHaveValue("2024-03-05");
  await expect(importPage.sourceUrl()).toHaveValue(`${PAGES}/local/2024/03/water-rates-rise`);
  // The paste box and upload are replaced by the fetched article.
  await expect(importPage.body()).toHaveCount(0);
  await screenshotForReview(page, "url-import-preview-1366", testInfo);
  await expectNoSeriousFindings(page, "import page with a fetched preview");

  const title = uniqueTitle("Water rates");
  await importPage.title().fill(title);
  await importPage.author().fill("Maria Okafor");
  await importPage.publishedOn().fill("2024-03-06");
  await importPage.submit();

  await expect(page).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const text = articleTextbox(page);
  await expect(text.getByRole("paragraph").first()).toContainText(FIRST_PARAGRAPH);
  await expect(text.getByRole("heading", { name: "What it means for bills" })).toBeVisible();
  for (const chrome of ["HarbourDad", "Related stories", "Become a member", "Privacy policy"]) await expect(text).not.toContainText(chrome);
  await expect(page.getByText("The Harbour Courier · By Maria Okafor · 6 Mar 2024")).toBeVisible();
});

test("fetch and import by keyboard alone at 390 px", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await tabTo(page, importPage.url());
  await page.keyboard.type(`${PAGES}/latin1`);
  // Enter in the URL field fetches; it does not submit the import.
  await page.keyboard.press("Enter");

  const preview = importPage.preview();
  await expect(preview).toBeFocused();
  await expect(preview.getByText("Le café du port ferme ses portes", { exact: true })).toBeVisible();
  await expect(preview.getByText(/de 1 200 € à 2 050 € par mois/)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "no sideways scrolling at 390 px").toBeLessThanOrEqual(0);
  await screenshotForReview(page, "url-import-preview-390", testInfo);

  await tabTo(page, importPage.title());
  const title = uniqueTitle("Café du port");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(title);
  await tabTo(page, importPage.publisher());
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("La Gazette");
  // Enter in a detail field imports, as in any form.
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(articleTextbox(page)).toContainText("Après quarante-deux ans d’activité");
  await expect(page.getByText("La Gazette · By Élise Durand · 30 Nov 2023")).toBeVisible();
});

test("a page that redirects to a private address is refused next to the field, and what was typed stays", async ({ page }, testInfo) => {
  const title = uniqueTitle("Typed before fetching");
  await importPage.title().fill(title);
  const address = `${PAGES}/to-loopback`;
  await importPage.url().fill(address);
  await importPage.fetchButton().click();

  await expect(importPage.url()).toHaveAccessibleDescription(/^That address is on a private network or is reserved \(127\.0\.0\.1\)/);
  await expect(importPage.url()).toHaveAttribute("aria-invalid", "true");
  await expect(importPage.url()).toBeFocused();
  await expect(importPage.url()).toHaveValue(address);
  await expect(importPage.title()).toHaveValue(title);
  await expect(importPage.preview()).toHaveCount(0);
  await screenshotForReview(page, "url-import-blocked-1366", testInfo);
  await expectNoSeriousFindings(page, "import page with a refused URL");

  // Not a web page: said so, with its type.
  await importPage.url().fill(`${PAGES}/report.pdf`);
  await importPage.fetchButton().click();
  await expect(importPage.url()).toHaveAccessibleDescription(/^That address is not a web page \(application\/pdf\)/);
});

test("Refresh from URL: an editor fetches the article's page again, previews what changed and saves it as revision 2", async ({ openBrowserAs }, testInfo) => {
  test.slow();
  const eddie = await openBrowserAs("editor");
  const editorImport = new ImportPage(eddie.page);
  await editorImport.goto();
  await editorImport.url().fill(`${PAGES}/news`);
  await editorImport.fetchButton().click();
  await expect(editorImport.preview()).toBeVisible();
  // The page names its canonical address, where the site later updated the story.
  await expect(editorImport.sourceUrl()).toHaveValue(`${PAGES}/local/2024/03/water-rates-rise`);
  await editorImport.title().fill(uniqueTitle("Water rates refreshed"));
  await editorImport.submit();
  await expect(eddie.page).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
  await eddie.expectReady();

  const kept = await eddie.markText("bills in the city would remain below the national average");
  const changed = await eddie.markText("approved the rise by 31 votes to 9");
  await eddie.expectSaved();

  await eddie.region().getByRole("button", { name: "Bring in a new version", exact: true }).click();
  const dialog = eddie.page.getByRole("dialog", { name: "Bring in a new version" });
  await dialog.getByRole("button", { name: "Refresh from URL", exact: true }).click();
  await expect(dialog.getByText(`Fetched the article from ${PAGES}/local/2024/03/water-rates-rise`)).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "New version" })).toHaveValue(/30 votes to 10/);
  await dialog.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = dialog.getByRole("region", { name: "Preview of revision 2" });
  await expect(preview).toContainText("1 claim needs a re-check");
  await screenshotForReview(eddie.page, "refresh-from-url-preview", testInfo);
  await dialog.getByRole("button", { name: "Save as revision 2", exact: true }).click();

  await expect(eddie.notice()).toContainText("Saved the new version as revision 2. 1 claim needs a re-check");
  await expect(eddie.articleText()).toContainText("Work is due to start in the autumn.");
  await expect.poll(() => eddie.highlightedText(kept)).toBe("bills in the city would remain below the national average");
  await expect(eddie.highlightOf(changed)).toHaveAttribute("data-anchor-state", "changed");
  await expect(eddie.page.getByRole("region", { name: /^Needs re-check/ })).toContainText("Text changed");
});

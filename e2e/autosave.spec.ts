import type { ArticlePage } from "./support/article-page";
import { expect, test } from "./support/fixtures";
import { failSaves } from "./support/network";
import { TEXT } from "./support/sample-text";

// Saving as the reviewer types, when the network fails, and when leaving.

async function openClaimOnCopy(articlePage: ArticlePage, url: string) {
  await articlePage.open(url);
  await articlePage.markText(TEXT.citizens);
  await articlePage.expectSaved();
}

const TYPED = "Typed while the connection was down: the 2024 survey says otherwise.";

test("when a save fails the text stays, “Not saved” and Retry appear, and Retry saves it", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await openClaimOnCopy(articlePage, url);
  const network = await failSaves(articlePage.page, url);

  await articlePage.rationale().pressSequentially(TYPED);
  await expect(articlePage.saveStatus()).toHaveText("Not saved");
  await expect(articlePage.claimForm()).toContainText("The server could not be reached. Retrying…");
  await expect(articlePage.retryButton()).toBeVisible();
  await expect(articlePage.rationale()).toHaveValue(TYPED);
  await expect(articlePage.listItem(TEXT.citizens)).toContainText("Unsaved");
  await expect(articlePage.unsavedSummary()).toHaveText("1 unsaved");

  // It retries by itself (first after 2 s); the next attempt is 5 s later, time enough to press Retry.
  await expect.poll(network.failedSaves, { message: "the save was retried automatically", timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await expect(articlePage.saveStatus()).toHaveText("Not saved");
  await expect(articlePage.rationale()).toHaveValue(TYPED);

  await network.restore();
  await articlePage.retryButton().click();
  await articlePage.expectSaved();
  await expect(articlePage.retryButton()).toBeHidden();
  await expect(articlePage.listItem(TEXT.citizens)).not.toContainText("Unsaved");

  await articlePage.reload();
  await articlePage.openFromList(TEXT.citizens);
  await expect(articlePage.rationale()).toHaveValue(TYPED);
});

test("once the network is back, the automatic retry saves without any click", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await openClaimOnCopy(articlePage, url);
  const network = await failSaves(articlePage.page, url);

  await articlePage.fillClaimant("Iraqi state television");
  await expect(articlePage.saveStatus()).toHaveText("Not saved");
  await network.restore();
  // Back-off: 2 s, then 5 s.
  await expect(articlePage.saveStatus()).toHaveText("Saved", { timeout: 15_000 });
  await expect(articlePage.unsavedSummary()).toHaveText("All changes saved");

  await articlePage.reload();
  await articlePage.openFromList(TEXT.citizens);
  await expect(articlePage.claimant()).toHaveValue("Iraqi state television");
});

test("a draft that could not be saved survives a reload and is saved when the network is back", async ({ articlePage, importSampleCopy, openBrowserAs }) => {
  const url = await importSampleCopy();
  await openClaimOnCopy(articlePage, url);
  const page = articlePage.page;
  const network = await failSaves(page, url);

  await articlePage.fillRationale(TYPED);
  await expect(articlePage.saveStatus()).toHaveText("Not saved");

  // The browser asks before reloading a page with unsaved changes; the reviewer reloads anyway.
  const asked: string[] = [];
  page.once("dialog", async (dialog) => {
    asked.push(dialog.type());
    await dialog.accept();
  });
  const failedBeforeReload = network.failedSaves();
  await articlePage.reload();
  expect(asked).toEqual(["beforeunload"]);

  // The draft is back from this browser's storage, still waiting to be saved.
  await expect(articlePage.listItem(TEXT.citizens)).toContainText("Unsaved");
  await articlePage.openFromList(TEXT.citizens);
  await expect(articlePage.rationale()).toHaveValue(TYPED);
  await expect(articlePage.saveStatus()).toHaveText("Not saved");

  // The reloaded page tries again by itself (at once, then after 2 s); the next attempt is 5 s later,
  // time enough to press Retry before an automatic attempt saves it first.
  await expect.poll(network.failedSaves, { message: "the draft was retried after the reload", timeout: 10_000 }).toBeGreaterThanOrEqual(failedBeforeReload + 2);
  await network.restore();
  await articlePage.retryButton().click();
  await articlePage.expectSaved();

  // Now it is on the server: a colleague sees it.
  const colleague = await openBrowserAs("editor");
  await colleague.open(url);
  await colleague.openFromList(TEXT.citizens);
  await expect(colleague.rationale()).toHaveValue(TYPED);
});

test("leaving the page while a change is unsaved asks first; staying keeps the text", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await openClaimOnCopy(articlePage, url);
  const page = articlePage.page;
  await failSaves(page, url);

  await articlePage.fillRationale(TYPED);
  await expect(articlePage.saveStatus()).toHaveText("Not saved");

  // The reviewer types another address: the browser asks, the reviewer stays.
  const asked: string[] = [];
  page.once("dialog", async (dialog) => {
    asked.push(dialog.type());
    await dialog.dismiss();
  });
  await page.goto("/articles").catch(() => {
    // Staying cancels the navigation, which goto reports as an error.
  });
  expect(asked).toEqual(["beforeunload"]);
  await expect(page).toHaveURL(url);
  await expect(articlePage.rationale()).toHaveValue(TYPED);
  await expect(articlePage.saveStatus()).toHaveText("Not saved");

  // Asked again, the reviewer leaves.
  page.once("dialog", (dialog) => dialog.accept());
  await page.goto("/articles");
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
});

test("with everything saved, leaving does not ask", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await openClaimOnCopy(articlePage, url);
  await articlePage.fillRationale("Saved before leaving.");
  await articlePage.expectSaved();

  const asked: string[] = [];
  articlePage.page.on("dialog", async (dialog) => {
    asked.push(dialog.type());
    await dialog.dismiss();
  });
  await articlePage.page.goto("/articles");
  await expect(articlePage.page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  expect(asked).toEqual([]);
});

test("leaving through a link in the app asks first, keeps an unsaved change, and saves it on coming back", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await openClaimOnCopy(articlePage, url);
  const title = (await articlePage.heading().textContent())!;
  const page = articlePage.page;
  const network = await failSaves(page, url);
  await articlePage.fillRationale(TYPED);
  await expect(articlePage.saveStatus()).toHaveText("Not saved");

  // Client-side navigation fires no beforeunload: the page asks itself. First the reviewer stays.
  const articlesLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Articles", exact: true });
  const questions: string[] = [];
  page.once("dialog", async (dialog) => {
    questions.push(dialog.message());
    await dialog.dismiss();
  });
  await articlesLink.click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toMatch(/not saved/i);
  await expect(page).toHaveURL(url);
  await expect(articlePage.rationale()).toHaveValue(TYPED);

  // Then leaves.
  page.once("dialog", (dialog) => dialog.accept());
  await articlesLink.click();
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await network.restore();

  await page.getByRole("link", { name: title, exact: true }).click();
  await articlePage.expectReady();
  await expect(articlePage.unsavedSummary()).toHaveText("All changes saved");
  await articlePage.openFromList(TEXT.citizens);
  await expect(articlePage.rationale()).toHaveValue(TYPED);
  await expect(articlePage.saveStatus()).toHaveText("Saved");
});

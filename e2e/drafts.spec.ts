import type { BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { AccountsPage, freshBrowser, newPerson, signIn, signInFirstTime } from "./support/admin";
import { ArticlePage } from "./support/article-page";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { expectInteractive } from "./support/import-page";
import { failSaves, recordSaves } from "./support/network";
import { TEXT } from "./support/sample-text";

// Drafts this browser keeps belong to the person who typed them: keyed by
// account, removed at sign-out, never replayed as whoever signs in next, and
// compared with what the server really stores. A draft from an earlier
// version of a claim waits for its author's choice.

const SECRET = "Rita's private hunch, typed while offline: the minister misquoted the survey.";

/** The texts of this browser's localStorage (to check nothing of one account is left for the next). */
const storedTexts = (page: Page) => page.evaluate(() => Object.values(window.localStorage).join("\n"));

/** Waits out the store's debounce and first retry, so anything it would send has been sent. */
const quietPeriod = (page: Page) => page.waitForTimeout(2500);

/**
 * Two accounts of their own, created by the admin: these tests sign out,
 * which must never end the shared sessions the other specs run on.
 */
async function twoAccounts(openBrowserAs: (role: "admin", options: BrowserContextOptions) => Promise<ArticlePage>) {
  // The admin copies each one-time password with the Copy button.
  const admin = await openBrowserAs("admin", { permissions: ["clipboard-read", "clipboard-write"] });
  const accounts = new AccountsPage(admin.page);
  await accounts.open();
  const first = { ...newPerson("Draft reviewer"), password: "first-person-pass-2024" };
  const second = { ...newPerson("Draft editor"), password: "second-person-pass-2024" };
  const firstOneTime = await accounts.create(first, "Reviewer");
  const secondOneTime = await accounts.create(second, "Editor");
  return { first: { ...first, oneTime: firstOneTime }, second: { ...second, oneTime: secondOneTime } };
}

async function signOutFrom(page: ArticlePage) {
  await expectInteractive(page.signOutButton());
  await page.signOutButton().click();
}

async function expectSignInPage(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

test.describe("drafts belong to their author", () => {
  test.slow(); // accounts are created and signed in through the real forms

  test("signing out with an unsaved draft asks first, then removes it: the next account on the browser never sees or sends it", async ({
    browser,
    importSampleCopy,
    openBrowserAs,
  }, testInfo) => {
    const url = await importSampleCopy();
    const { first, second } = await twoAccounts(openBrowserAs);
    const page = await freshBrowser(browser, testInfo);
    const context: BrowserContext = page.context();
    try {
      await signInFirstTime(page, first.email, first.oneTime, first.password);
      const reviewer = new ArticlePage(page);
      await reviewer.open(url);
      await reviewer.markText(TEXT.citizens);
      await reviewer.expectSaved();

      // The connection drops while the reviewer types: the draft is only in this browser.
      const network = await failSaves(page, url);
      await reviewer.fillRationale(SECRET);
      await expect(reviewer.saveStatus()).toHaveText("Not saved");

      // Signing out asks, and says what would be lost. First the reviewer stays.
      await signOutFrom(reviewer);
      await expect(reviewer.signOutDialog()).toBeVisible();
      await expect(reviewer.signOutDialog()).toContainText("1 claim has changes that are not saved on the server");
      await expect(reviewer.signOutDialog()).toContainText("removes them from this browser, so they will be lost");
      await screenshotForReview(page, "sign-out-with-unsaved-drafts", testInfo);
      await reviewer.signOutDialog().getByRole("button", { name: "Stay signed in", exact: true }).click();
      await expect(reviewer.signOutDialog()).toBeHidden();
      await expect(reviewer.rationale()).toHaveValue(SECRET);
      expect(await storedTexts(page)).toContain(SECRET);

      // Then signs out anyway.
      await signOutFrom(reviewer);
      await reviewer.signOutDialog().getByRole("button", { name: "Sign out and discard", exact: true }).click();
      await expectSignInPage(page);
      expect(await storedTexts(page)).not.toContain(SECRET);
      await network.restore();

      // A colleague signs in on the same browser and opens the same article.
      const sent = recordSaves(page);
      await signInFirstTime(page, second.email, second.oneTime, second.password);
      const colleague = new ArticlePage(page);
      await colleague.open(url);
      await expect(colleague.unsavedSummary()).toHaveText("All changes saved");
      await expect(colleague.listItem(TEXT.citizens)).not.toContainText("Unsaved");
      await colleague.openFromList(TEXT.citizens);
      await expect(colleague.rationale()).toHaveValue("");
      await expect(colleague.saveStatus()).toHaveText("Saved");
      await quietPeriod(page);
      expect(sent.bodies().filter((b) => b.includes("private hunch"))).toEqual([]);

      // The colleague's own work saves as theirs.
      await colleague.fillRationale("Editor's note.");
      await colleague.expectSaved();
      await colleague.reload();
      await colleague.openFromList(TEXT.citizens);
      await expect(colleague.rationale()).toHaveValue("Editor's note.");
      await expect(colleague.claimForm()).toContainText(`last saved by ${second.name}`);
    } finally {
      await context.close();
    }
  });

  test("a draft left when a session simply ended stays with its author: the next account neither sees nor sends it, its author gets it back", async ({
    browser,
    importSampleCopy,
    openBrowserAs,
  }, testInfo) => {
    const url = await importSampleCopy();
    const { first, second } = await twoAccounts(openBrowserAs);
    const page = await freshBrowser(browser, testInfo);
    try {
      await signInFirstTime(page, first.email, first.oneTime, first.password);
      const reviewer = new ArticlePage(page);
      await reviewer.open(url);
      await reviewer.markText(TEXT.citizens);
      await reviewer.expectSaved();
      const network = await failSaves(page, url);
      await reviewer.fillRationale(SECRET);
      await expect(reviewer.saveStatus()).toHaveText("Not saved");

      // The session ends without signing out (its cookie is gone); the browser asks before leaving the page.
      await page.context().clearCookies();
      page.once("dialog", (dialog) => dialog.accept());
      await page.goto("/login");
      await network.restore();

      // Someone else signs in here: nothing of the draft is shown or sent.
      const sent = recordSaves(page);
      await signInFirstTime(page, second.email, second.oneTime, second.password);
      const colleague = new ArticlePage(page);
      await colleague.open(url);
      await expect(colleague.unsavedSummary()).toHaveText("All changes saved");
      await colleague.openFromList(TEXT.citizens);
      await expect(colleague.rationale()).toHaveValue("");
      await quietPeriod(page);
      expect(sent.bodies()).toEqual([]);

      // The colleague has nothing unsaved: signing out does not ask.
      await signOutFrom(colleague);
      await expectSignInPage(page);
      await expect(colleague.signOutDialog()).toHaveCount(0);

      // The author signs in again: the draft is theirs, restored and saved.
      await signIn(page, first.email, first.password);
      await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
      await reviewer.open(url);
      await reviewer.openFromList(TEXT.citizens);
      await expect(reviewer.rationale()).toHaveValue(SECRET);
      await reviewer.expectSaved();
      await expect(reviewer.claimForm()).toContainText(`last saved by ${first.name}`);
    } finally {
      await page.context().close();
    }
  });
});

test("a trailing space leaves no draft behind: after a reload the claim is saved, shows the stored text and sends nothing", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await articlePage.open(url);
  await articlePage.markText(TEXT.citizens);
  await articlePage.fillClaimant("Iraqi state television ");
  await articlePage.fillRationale("Checked against the survey. ");
  await articlePage.addSource({ url: "https://www.arabbarometer.org/", title: "Arab Barometer " });
  await articlePage.expectSaved();

  const sent = recordSaves(articlePage.page);
  const asked: string[] = [];
  articlePage.page.on("dialog", async (dialog) => {
    asked.push(dialog.type());
    await dialog.dismiss();
  });
  await articlePage.reload();
  await quietPeriod(articlePage.page);
  expect(asked).toEqual([]);
  expect(sent.bodies()).toEqual([]);
  await expect(articlePage.unsavedSummary()).toHaveText("All changes saved");
  await expect(articlePage.listItem(TEXT.citizens)).not.toContainText("Unsaved");
  await articlePage.openFromList(TEXT.citizens);
  // What the server stores (it trims the claimant and a source's title; a rationale keeps its spaces).
  await expect(articlePage.claimant()).toHaveValue("Iraqi state television");
  await expect(articlePage.rationale()).toHaveValue("Checked against the survey. ");
  await articlePage.expectSource(1, { url: "https://www.arabbarometer.org/", title: "Arab Barometer" });
  await expect(articlePage.saveStatus()).toHaveText("Saved");
});

test.describe("a draft older than the claim's current version", () => {
  const MINE = "Rita (offline): the survey contradicts the claim.";
  const THEIRS = "Eddie: the survey asked a different question.";

  /**
   * Rita's saves fail and she leaves a rationale unsaved; Eddie then changes
   * the verdict and the rationale; Rita comes back with her network working.
   */
  async function leaveAStaleDraft(rita: ArticlePage, eddie: ArticlePage, url: string) {
    await rita.open(url);
    await rita.markText(TEXT.citizens);
    await rita.expectSaved();
    const network = await failSaves(rita.page, url);
    await rita.fillRationale(MINE);
    await expect(rita.saveStatus()).toHaveText("Not saved");

    await eddie.open(url);
    await eddie.openFromList(TEXT.citizens);
    await eddie.setVerdict("Mostly false");
    await eddie.fillRationale(THEIRS);
    await eddie.expectSaved();

    await network.restore();
    const sent = recordSaves(rita.page);
    rita.page.once("dialog", (dialog) => dialog.accept()); // "Leave site?": her draft is in this browser
    await rita.page.reload();
    await rita.expectReady();
    return sent;
  }

  test("asks before restoring: nothing is replayed, the claim panel says what differs, and “Restore my draft” saves it over the newer version", async ({
    articlePage: rita,
    editorArticlePage: eddie,
    importSampleCopy,
  }, testInfo) => {
    const url = await importSampleCopy();
    const sent = await leaveAStaleDraft(rita, eddie, url);

    // The claim opens by itself with the question; the form shows what is saved now.
    await expect(rita.staleDraft()).toBeVisible();
    await expect(rita.quotedText()).toHaveCount(0);
    await expect(rita.staleDraft()).toContainText(/on version \d+/);
    await expect(rita.staleDraft()).toContainText(/Since then Eddie Editor saved version \d+, changing the verdict and rationale/);
    await expect(rita.staleDraftRow("Rationale").getByRole("cell")).toHaveText([MINE, THEIRS]);
    await expect(rita.staleDraft()).toContainText("the verdict stays as saved");
    await expect(rita.listItem(TEXT.citizens)).toContainText("Unsaved");
    await screenshotForReview(rita.page, "stale-draft-question", testInfo);
    await quietPeriod(rita.page);
    expect(sent.bodies()).toEqual([]);

    await rita.staleDraft().getByRole("button", { name: "Restore my draft", exact: true }).click();
    await expect(rita.staleDraft()).toBeHidden();
    await expect(rita.rationale()).toHaveValue(MINE);
    await rita.expectSaved();

    // Her rationale is saved over Eddie's; his verdict, which she had not touched, stays.
    await eddie.reload();
    await eddie.openFromList(TEXT.citizens);
    await expect(eddie.rationale()).toHaveValue(MINE);
    await expect(eddie.selectedLabel(eddie.verdict())).toHaveText("Mostly false");
    await expect(eddie.claimForm()).toContainText("last saved by Rita Reviewer");
  });

  test("“Discard it” keeps the newer version and the question does not come back", async ({ articlePage: rita, editorArticlePage: eddie, importSampleCopy }) => {
    const url = await importSampleCopy();
    const sent = await leaveAStaleDraft(rita, eddie, url);
    await expect(rita.staleDraft()).toBeVisible();
    await rita.staleDraft().getByRole("button", { name: "Discard it", exact: true }).click();
    await expect(rita.staleDraft()).toBeHidden();
    await expect(rita.rationale()).toHaveValue(THEIRS);
    await rita.expectSaved();

    await rita.reload();
    await expect(rita.noClaimOpen()).toBeVisible();
    await expect(rita.unsavedSummary()).toHaveText("All changes saved");
    await rita.openFromList(TEXT.citizens);
    await expect(rita.rationale()).toHaveValue(THEIRS);
    expect(sent.bodies()).toEqual([]);
    await eddie.reload();
    await eddie.openFromList(TEXT.citizens);
    await expect(eddie.rationale()).toHaveValue(THEIRS);
  });
});

import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ArticlePage } from "./support/article-page";
import { expect, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// `npm run screenshots`: every page at 1366 px and at 390 px, written to
// docs/screenshots/<page>-<width>.png, against the same fresh server and
// database as the e2e tests (playwright.config.ts). Skipped unless
// SCREENSHOTS=1, so the e2e suite never rewrites files of the repository.
//
// Device scale 1 and the height of one screen (the published page and the
// summary whole): the files stay small enough to commit.

test.skip(!process.env.SCREENSHOTS, "writes docs/screenshots/; run with `npm run screenshots`");
test.describe.configure({ mode: "serial" });
test.setTimeout(900_000); // one long walk through every page, on a shared 2-core machine

const OUT = path.join(__dirname, "..", "docs", "screenshots");
const WIDTHS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
] as const;

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  // Fonts and charts (recharts animates in) have settled; the caret does not blink into the picture.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(600);
}

async function shoot(page: Page, name: string, { fullPage = false }: { fullPage?: boolean } = {}) {
  mkdirSync(OUT, { recursive: true });
  await settle(page);
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: path.join(OUT, `${name}-${width}.png`), fullPage, caret: "hide", animations: "disabled" });
}

/** A page at both widths, `prepare` run after each load (e.g. to open a dialog). */
async function both(page: Page, url: string, name: string, prepare?: (page: Page, width: number) => Promise<void>, options?: { fullPage?: boolean }) {
  for (const viewport of WIDTHS) {
    await page.setViewportSize(viewport);
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    if (prepare) await prepare(page, viewport.width);
    await shoot(page, name, options);
  }
}

test("screenshots of every page at 1366 and 390 px", async ({ browser, openBrowserAs, importSampleCopy }) => {
  // An article with claims in each state: proposed and approved, open, with sources; published.
  const url = await importSampleCopy("Iraq’s militias and the regional unrest");
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.markText(TEXT.citizens);
  await rita.setVerdict("Mostly true");
  await rita.fillRationale("Two national surveys in 2024 found most respondents unwilling to criticise Iran in public.");
  await rita.addSource({ url: "https://example.org/survey", title: "Iraq public opinion survey 2024", publisher: "Example Research", stance: "Supports the claim" });
  await rita.expectSaved();
  await rita.submitForApproval();
  await rita.markText(TEXT.majority);
  await rita.setVerdict("False");
  await rita.fillRationale("Provincial councils are led by a mix of parties; militias control a minority of provinces.");
  await rita.expectSaved();
  await rita.submitForApproval();
  await rita.markText(TEXT.leadership);
  await rita.expectSaved();

  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await eddie.openFromList(TEXT.citizens);
  await eddie.approve();
  const publishedUrl = await eddie.publish({ scope: "all" });

  // A revision after publishing: the editor changes a word inside the approved
  // claim, and publishes the correction the desk drafted.
  await eddie.region().getByRole("button", { name: "Edit text", exact: true }).click();
  await eddie.placeCaretBefore("fear the consequences");
  for (let i = 0; i < "fear".length; i++) await eddie.page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => eddie.selectedText()).toBe("fear");
  await eddie.page.keyboard.type("dread");
  await eddie.region().getByRole("button", { name: "Save text", exact: true }).click();
  await expect(eddie.notice()).toContainText("Saved revision 2");
  const corrections = eddie.page.getByRole("region", { name: "Corrections", exact: true });
  await corrections.getByRole("textbox", { name: "Public note" }).fill("We first quoted the article as saying citizens “fear” the consequences; it says they “dread” them. The verdict is unchanged.");
  await corrections.getByRole("radio", { name: /^Correction/ }).check();
  await corrections.getByRole("button", { name: "Publish correction", exact: true }).click();
  await expect(corrections.getByRole("status")).toHaveText("Correction published on the public page.");

  // Signed out: sign-in and the published page.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const reader = await context.newPage();
  await both(reader, "/login", "sign-in");
  await both(reader, publishedUrl, "published");
  await context.close();

  // A reviewer's pages.
  const page = rita.page;
  await both(page, "/articles", "articles");
  await both(page, "/articles/import", "import");
  await both(page, "/queue", "queue");
  await both(page, "/search?q=Iraq%E2%80%99s%20provinces", "search");
  await both(page, "/account/password", "account");
  await both(page, url, "workspace", async (p, width) => {
    const a = new ArticlePage(p);
    await a.expectReady();
    if (width >= 1024) await a.openFromList(TEXT.majority);
    else {
      await a.claimsButton().click();
      await a.listItem(TEXT.majority).click();
      await expect(p.getByRole("dialog", { name: "Claim details" })).toBeVisible();
      await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    }
  });
  await page.setViewportSize(WIDTHS[1]);
  await page.goto(url);
  const phone = new ArticlePage(page);
  await phone.expectReady();
  await phone.claimsButton().click();
  await expect(page.getByRole("dialog", { name: /^Claims \(\d+\)$/ })).toBeVisible();
  await shoot(page, "workspace-claim-list");
  await both(page, `${url}/summary`, "summary");
  await both(page, `${url}/revisions`, "revisions");
  await both(page, `${url}/revisions?from=1&to=2`, "revisions-compare", async (p) => {
    await p.getByRole("deletion").first().scrollIntoViewIfNeeded();
  });
  await both(page, `${url}/revisions/1`, "revision-old");

  // An editor's and an admin's pages.
  await both(eddie.page, "/dashboard", "dashboard");
  await both(eddie.page, url, "workspace-editor", async (p) => {
    await new ArticlePage(p).expectReady();
  });
  const ada = await openBrowserAs("admin");
  await both(ada.page, "/admin/users", "admin-users");
  await both(ada.page, "/admin/verdicts", "admin-verdicts");
  await both(ada.page, "/admin/webhooks", "admin-webhooks");
  await both(ada.page, "/no-such-page", "not-found");
});

import type { Page } from "@playwright/test";
import type { RoleName } from "./support/accounts";
import type { ArticlePage } from "./support/article-page";
import { expectNoSeriousFindings } from "./support/axe";
import { exportButton, exportMenu } from "./support/export-menu";
import { expect, test } from "./support/fixtures";
import { TEXT, MAJORITY_LONG } from "./support/sample-text";

// axe over every page each role can open and every dialog state of the
// article workspace: no serious or critical finding anywhere.

test.slow(); // many pages per test on a shared, loaded machine

async function visit(page: Page, url: string, state: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expectNoSeriousFindings(page, `${state} (${url})`);
}

/** An article copy with one claim proposed (so editors see Approve and Return) and one open. */
async function prepareArticle(openBrowserAs: (role: RoleName) => Promise<ArticlePage>, importSampleCopy: (label?: string) => Promise<string>) {
  const url = await importSampleCopy("Accessibility");
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.markText(TEXT.citizens);
  await rita.setVerdict("False");
  await rita.submitForApproval();
  await rita.markText(MAJORITY_LONG);
  await rita.markText(TEXT.majority);
  await rita.expectSaved();
  await rita.page.close();
  return url;
}

for (const role of ["reviewer", "editor", "admin"] as const) {
  test(`axe finds nothing serious on the pages a ${role} opens`, async ({ openBrowserAs, importSampleCopy }) => {
    const url = await prepareArticle(openBrowserAs, importSampleCopy);
    const p = await openBrowserAs(role);
    const page = p.page;

    await visit(page, "/articles", "article list");
    await p.open(url);
    await p.openFromList(TEXT.citizens);
    await expectNoSeriousFindings(page, "article workspace with a claim open");
    await visit(page, `${url}/summary`, "article summary");
    await visit(page, "/queue", "my queue");
    await visit(page, "/search?q=Iraq%27s%20provinces", "search results");
    await visit(page, "/articles/import", "import");
    await visit(page, "/account/password", "account: password");
    await visit(page, "/no-such-page", "404");
    if (role === "reviewer") {
      await visit(page, "/dashboard", "dashboard (forbidden)");
    } else {
      await visit(page, "/dashboard", "dashboard");
    }
    if (role === "admin") {
      await visit(page, "/admin/users", "admin: users");
      await visit(page, "/admin/verdicts", "admin: verdict scale");
      await visit(page, "/admin/webhooks", "admin: webhooks");
    }
  });
}

test("axe finds nothing serious in the workspace's dialogs and menus", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await prepareArticle(openBrowserAs, importSampleCopy);
  const p = await openBrowserAs("editor");
  const page = p.page;
  await p.open(url);

  await exportButton(page).click();
  await expect(exportMenu(page)).toBeVisible();
  await expectNoSeriousFindings(page, "Export menu open");
  await page.keyboard.press("Escape");
  await expect(exportMenu(page)).toBeHidden();

  await p.openFromList(TEXT.citizens);
  await p.returnButton().click();
  await expect(p.returnDialog()).toBeVisible();
  await expectNoSeriousFindings(page, "Return dialog");
  await page.keyboard.press("Escape");
  await expect(p.returnDialog()).toBeHidden();

  await p.deleteClaimButton().click();
  await expect(p.deleteDialog()).toBeVisible();
  await expectNoSeriousFindings(page, "Delete dialog");
  await p.deleteDialog().getByRole("button", { name: "Cancel" }).click();
  await expect(p.deleteDialog()).toBeHidden();

  // A click on words two claims cover asks which one to open.
  await p.highlight(TEXT.majority).last().click();
  await expect(p.chooser()).toBeVisible();
  await expectNoSeriousFindings(page, "Choose a claim dialog");
  await page.keyboard.press("Escape");
  await expect(p.chooser()).toBeHidden();

  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectNoSeriousFindings(page, "Keyboard shortcuts dialog");
});

test("axe finds nothing serious on the signed-out pages and a published fact-check", async ({ browser, editorArticlePage, importSampleCopy }) => {
  const url = await importSampleCopy("Accessibility published");
  await editorArticlePage.open(url);
  await editorArticlePage.markText(TEXT.citizens);
  await editorArticlePage.setVerdict("Unverifiable");
  await editorArticlePage.expectSaved();
  const publishedUrl = await editorArticlePage.publish({ scope: "all" });

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const reader = await context.newPage();
  await visit(reader, publishedUrl, "published page");
  await visit(reader, "/login", "sign-in");
  await visit(reader, "/no-such-page", "404 signed out");
  await context.close();
});

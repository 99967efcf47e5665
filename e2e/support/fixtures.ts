import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContextOptions, type Page, type TestInfo } from "@playwright/test";
import { SAMPLE_TITLE, storageStateFor, type RoleName } from "./accounts";
import { ArticlePage } from "./article-page";
import { CspGuard } from "./csp";
import { findInArticleList } from "./import-page";

export { expect };

/** The sample article's Markdown, as the server seeds it. */
export const SAMPLE_MARKDOWN = readFileSync(path.join(__dirname, "..", "..", "db", "seed", "middle-east-tensions.md"), "utf8");

type Fixtures = {
  /** A signed-in page in a context of its own, per role. */
  reviewerPage: Page;
  editorPage: Page;
  /** The article page object on `reviewerPage`. */
  articlePage: ArticlePage;
  /** The article page object on `editorPage`. */
  editorArticlePage: ArticlePage;
  /**
   * Opens one more browser (a fresh context: its own cookies and localStorage)
   * signed in as `role`; `options` can set e.g. the time zone.
   *
   * It shares the session e2e/auth.setup.ts signed in once per role, and
   * sessions end on the server: signing out here (or revoking that account's
   * sessions) would sign out every later spec. A spec that signs out signs
   * in in a browser of its own (admin.ts `freshBrowser` + `signIn`).
   */
  openBrowserAs: (role: RoleName, options?: BrowserContextOptions) => Promise<ArticlePage>;
  /**
   * Imports a copy of the sample article through the real import form, under a
   * title no other test uses, and returns its path. Tests that change claims
   * work on such a copy: the workers share one server and one database.
   */
  importSampleCopy: (label?: string) => Promise<string>;
  /** Path of the seeded demo article (found through the article list). */
  sampleArticlePath: string;
  /**
   * Watches every browser context of the test and fails the test at its end
   * on any Content-Security-Policy violation (e2e/support/csp.ts). Automatic;
   * a test that provokes one on purpose takes it with `cspGuard.take()`.
   */
  cspGuard: CspGuard;
};

async function newRoleContext(browser: Browser, testInfo: TestInfo, role: RoleName, options: BrowserContextOptions = {}) {
  const { baseURL, viewport, locale, timezoneId } = testInfo.project.use;
  return browser.newContext({ baseURL, viewport, locale, timezoneId, ...options, storageState: storageStateFor(role) });
}

export const test = base.extend<Fixtures>({
  cspGuard: [
    async ({ browser }, use) => {
      const guard = new CspGuard();
      const unwrap = guard.wrap(browser);
      try {
        await use(guard);
      } finally {
        unwrap();
      }
      // After every context of the test has closed (they depend on this fixture), so all reports are in.
      guard.assertNone();
    },
    { auto: true },
  ],

  context: async ({ context, cspGuard }, use) => {
    await cspGuard.watch(context);
    await use(context);
  },

  openBrowserAs: async ({ browser, cspGuard }, use, testInfo) => {
    const contexts: Awaited<ReturnType<typeof newRoleContext>>[] = [];
    await use(async (role, options) => {
      const context = await newRoleContext(browser, testInfo, role, options);
      await cspGuard.watch(context); // already watched through the wrapped newContext; explicit for clarity
      contexts.push(context);
      return new ArticlePage(await context.newPage());
    });
    for (const context of contexts) await context.close();
  },

  reviewerPage: async ({ openBrowserAs }, use) => {
    await use((await openBrowserAs("reviewer")).page);
  },

  editorPage: async ({ openBrowserAs }, use) => {
    await use((await openBrowserAs("editor")).page);
  },

  articlePage: async ({ reviewerPage }, use) => {
    await use(new ArticlePage(reviewerPage));
  },

  editorArticlePage: async ({ editorPage }, use) => {
    await use(new ArticlePage(editorPage));
  },

  importSampleCopy: async ({ openBrowserAs }, use, testInfo) => {
    await use(async (label) => {
      const { page } = await openBrowserAs("reviewer");
      const title = `${label ?? testInfo.title} · ${randomUUID().slice(0, 8)}`;
      await page.goto("/articles/import");
      const importButton = page.getByRole("button", { name: "Import", exact: true });
      // Wait for hydration: before it, pressing Import would post a plain HTML form.
      await expect.poll(() => importButton.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$")))).toBe(true);
      await page.getByLabel("Title", { exact: true }).fill(title);
      await page.getByRole("radio", { name: "Markdown", exact: true }).check();
      await page.getByLabel("Article body", { exact: true }).fill(SAMPLE_MARKDOWN);
      await importButton.click();
      await expect(page).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      const articlePath = new URL(page.url()).pathname;
      await page.close();
      return articlePath;
    });
  },

  sampleArticlePath: async ({ reviewerPage }, use) => {
    await reviewerPage.goto("/articles");
    const link = await findInArticleList(reviewerPage, SAMPLE_TITLE);
    await expect(link).toBeVisible();
    await use((await link.getAttribute("href"))!);
  },
});

/**
 * Saves a screenshot for a human to look at, into $SHOTS_DIR when that is set
 * (never into the repository), and attaches it to the test report either way.
 */
export async function screenshotForReview(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  let file: string | undefined;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    file = path.join(dir, `${name}.png`);
  }
  const body = await page.screenshot({ path: file, fullPage: false });
  await testInfo.attach(name, { body, contentType: "image/png" });
}

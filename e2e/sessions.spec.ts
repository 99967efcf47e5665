import type { Browser, BrowserContext, Cookie, Page, TestInfo } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { AccountsPage, freshBrowser, newPerson, signIn, signInFirstTime } from "./support/admin";
import { expectInteractive } from "./support/import-page";
import { expect, test } from "./support/fixtures";

// Sessions end on the server. Every test signs in in contexts of its own and
// revokes only what it created: the role sessions shared through storageState
// (e2e/auth.setup.ts) are never signed out or revoked here. Accounts that
// get signed out everywhere or disabled are new ones, made by the admin.
// Two browsers and several argon2 sign-ins per test: more time when the machine is busy.
test.describe.configure({ timeout: 120_000 });

const CLIPBOARD = { permissions: ["clipboard-read", "clipboard-write"] };
const signInHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Sign in" });
const articlesHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Articles" });

/** A browser of its own carrying exactly these cookies (someone who copied them). */
async function browserWithCookies(browser: Browser, testInfo: TestInfo, cookies: Cookie[]): Promise<{ context: BrowserContext; page: Page }> {
  const { baseURL, viewport } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport });
  await context.addCookies(cookies);
  return { context, page: await context.newPage() };
}

/** Whether these cookies open the article list, tried in a browser of their own. */
async function cookiesOpenArticles(browser: Browser, testInfo: TestInfo, cookies: Cookie[]): Promise<boolean> {
  const { context, page } = await browserWithCookies(browser, testInfo, cookies);
  try {
    await page.goto("/articles");
    await expect(articlesHeading(page).or(signInHeading(page))).toBeVisible();
    return await articlesHeading(page).isVisible();
  } finally {
    await context.close();
  }
}

test("after Sign out, a copy of the session cookie taken before no longer opens the desk", async ({ browser }, testInfo) => {
  const page = await freshBrowser(browser, testInfo);
  await page.goto("/login");
  await signIn(page, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password);
  await expect(articlesHeading(page)).toBeVisible();
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.includes("session-token"))).toBe(true);
  // The copy works while the session lasts…
  expect(await cookiesOpenArticles(browser, testInfo, copied)).toBe(true);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(signInHeading(page)).toBeVisible();

  // …and not after: the server ended the session, not just this browser's cookie.
  expect(await cookiesOpenArticles(browser, testInfo, copied)).toBe(false);
  await page.context().close();
});

test("an admin's Sign out everywhere signs out every other browser of that account", async ({ openBrowserAs, browser }, testInfo) => {
  const { page } = await openBrowserAs("admin", CLIPBOARD);
  const accounts = new AccountsPage(page);
  await accounts.open();
  const person = newPerson("Lou Lostphone");
  const password = await accounts.create(person, "Reviewer");

  const laptop = await freshBrowser(browser, testInfo);
  await signInFirstTime(laptop, person.email, password, "a passphrase for two browsers");
  const phone = await freshBrowser(browser, testInfo);
  await phone.goto("/login");
  await signIn(phone, person.email, "a passphrase for two browsers");
  await expect(articlesHeading(phone)).toBeVisible();

  await page.reload();
  await expect(accounts.row(person.name)).toContainText("Signed in on 2 browsers");
  await accounts.row(person.name).getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Sign ${person.name} out everywhere?` });
  await expect(confirm).toContainText("Their password does not change");
  await confirm.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(accounts.info()).toHaveText(`${person.name} is signed out everywhere (2 browsers).`);
  await expect(accounts.row(person.name)).not.toContainText("Signed in on");

  // Both browsers land on sign-in at their next click.
  for (const browserPage of [laptop, phone]) {
    await browserPage.getByRole("link", { name: "My queue", exact: true }).click();
    await expect(signInHeading(browserPage)).toBeVisible();
  }
  // The password still works.
  await signIn(phone, person.email, "a passphrase for two browsers");
  await expect(phone).toHaveURL(/\/queue$/);
  await laptop.context().close();
  await phone.context().close();
});

test("enabling a disabled account again does not bring its old session cookie back", async ({ openBrowserAs, browser }, testInfo) => {
  const { page } = await openBrowserAs("admin", CLIPBOARD);
  const accounts = new AccountsPage(page);
  await accounts.open();
  const person = newPerson("Dana Disabled");
  const password = await accounts.create(person, "Reviewer");
  const user = await freshBrowser(browser, testInfo);
  await signInFirstTime(user, person.email, password, "a passphrase before the break");
  const copied = await user.context().cookies();
  expect(await cookiesOpenArticles(browser, testInfo, copied)).toBe(true);

  await accounts.row(person.name).getByRole("button", { name: "Disable", exact: true }).click();
  await page.getByRole("alertdialog", { name: `Disable ${person.name}?` }).getByRole("button", { name: "Disable account", exact: true }).click();
  await expect(accounts.info()).toHaveText(`${person.name} can no longer sign in.`);
  await accounts.row(person.name).getByRole("button", { name: "Enable", exact: true }).click();
  await expect(accounts.info()).toHaveText(`${person.name} can sign in again.`);

  // The cookie from before the break is dead, in their browser and in any copy.
  await user.reload();
  await expect(signInHeading(user)).toBeVisible();
  expect(await cookiesOpenArticles(browser, testInfo, copied)).toBe(false);
  // Signing in again gives a new session.
  await signIn(user, person.email, "a passphrase before the break");
  await expect(articlesHeading(user)).toBeVisible();
  await user.context().close();
});

test("a user signs out their other browsers from the account page; this one stays signed in", async ({ openBrowserAs, browser }, testInfo) => {
  const { page } = await openBrowserAs("admin", CLIPBOARD);
  const accounts = new AccountsPage(page);
  await accounts.open();
  const person = newPerson("Sam Sharedcomputer");
  const password = await accounts.create(person, "Editor");
  const shared = await freshBrowser(browser, testInfo);
  await signInFirstTime(shared, person.email, password, "a passphrase for the newsroom pc");
  const own = await freshBrowser(browser, testInfo);
  await own.goto("/login");
  await signIn(own, person.email, "a passphrase for the newsroom pc");
  await expect(articlesHeading(own)).toBeVisible();

  await own.getByRole("banner").getByRole("link", { name: "Change password" }).click();
  const others = own.getByRole("region", { name: "Other browsers" });
  await expect(others).toContainText("Your account is also signed in on 1 other browser.");
  const button = others.getByRole("button", { name: "Sign out other browsers", exact: true });
  await expectInteractive(button);
  await button.click();
  await expect(others.getByRole("status")).toHaveText("Signed out 1 other browser. This one stays signed in.");
  await expect(others).toContainText("This is the only browser signed in to your account.");

  await shared.getByRole("link", { name: "My queue", exact: true }).click();
  await expect(signInHeading(shared)).toBeVisible();
  await own.getByRole("link", { name: "Back to the articles" }).click();
  await expect(articlesHeading(own)).toBeVisible();
  await shared.context().close();
  await own.context().close();
});

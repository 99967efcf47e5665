import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { encode } from "next-auth/jwt";
import { ACCOUNTS, SAMPLE_TITLE, storageStateFor, type RoleName } from "./support/accounts";
import { expectInteractive, findInArticleList, ImportPage, openArticleListInNewTab, uniqueTitle } from "./support/import-page";

// Every test here starts without a session (the config sets no storage state).

const ROLE_LABEL: Record<RoleName, string> = { reviewer: "Reviewer", editor: "Editor", admin: "Admin" };
const WRONG_CREDENTIALS = "Wrong email or password. Check both and try again.";

const emailField = (page: Page) => page.getByLabel("Email", { exact: true });
const passwordField = (page: Page) => page.getByLabel("Password", { exact: true });
const signInButton = (page: Page) => page.getByRole("button", { name: "Sign in", exact: true });
const signInHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Sign in" });
const articlesHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Articles" });

async function signIn(page: Page, email: string, password: string) {
  await expect(signInHeading(page)).toBeVisible();
  await expectInteractive(signInButton(page));
  await emailField(page).fill(email);
  await passwordField(page).fill(password);
  await signInButton(page).click();
}

/** The login URL the desk sends an anonymous visitor of `path` to, remembering where they were going. */
function expectLoginRedirectFor(page: Page, path: string) {
  return expect
    .poll(() => {
      const url = new URL(page.url());
      const callback = url.searchParams.get("callbackUrl");
      // next-auth's proxy passes an absolute URL of this origin, the pages a path; both mean the same place.
      return { pathname: url.pathname, callback: callback && new URL(callback, url.origin).pathname };
    })
    .toEqual({ pathname: "/login", callback: path });
}

/** The path of the seeded sample article, found the way a signed-in reviewer would. */
async function sampleArticlePath(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: storageStateFor("reviewer") });
  try {
    const page = await context.newPage();
    await page.goto("/articles");
    const href = await (await findInArticleList(page, SAMPLE_TITLE)).getAttribute("href");
    expect(href).toMatch(/^\/articles\/[0-9a-f-]{36}$/);
    return href!;
  } finally {
    await context.close();
  }
}

test.describe("signing in and out", () => {
  for (const role of Object.keys(ACCOUNTS) as RoleName[]) {
    test(`the ${role} demo account signs in, sees its name and role, and signs out`, async ({ page }) => {
      const account = ACCOUNTS[role];
      await page.goto("/login");
      await signIn(page, account.email, account.password);

      await expect(articlesHeading(page)).toBeVisible();
      await expect(page).toHaveURL(/\/articles$/);
      const header = page.getByRole("banner");
      await expect(header).toContainText(account.name);
      // The role badge (for admins, not the "Admin" link of the menu).
      await expect(header.getByText(ROLE_LABEL[role], { exact: true }).and(page.locator(":not(a)"))).toBeVisible();

      await header.getByRole("button", { name: "Sign out" }).click();
      await expect(signInHeading(page)).toBeVisible();
      await expect(page).toHaveURL(/\/login(\?|$)/);

      // The session is really gone: the desk sends the visitor back to sign-in.
      await page.goto("/articles");
      await expect(signInHeading(page)).toBeVisible();
      await expectLoginRedirectFor(page, "/articles");
      await expect(articlesHeading(page)).toHaveCount(0);
    });
  }

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 }, storageState: storageStateFor("reviewer") });

    test("the header fits the screen and Sign out is fully visible", async ({ page }) => {
      await page.goto("/articles");
      const header = page.getByRole("banner");
      await expect(header.getByRole("button", { name: "Sign out" })).toBeInViewport({ ratio: 1 });
      await expect(header.getByRole("link", { name: "Import article" })).toBeInViewport({ ratio: 1 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });

  test("the email field has the focus when the sign-in page opens", async ({ page }) => {
    await page.goto("/login");
    await expectInteractive(signInButton(page));
    await expect(emailField(page)).toBeFocused();
  });
});

test.describe("pages ask for a session and come back afterwards", () => {
  for (const path of ["/articles", "/articles/import"]) {
    test(`an anonymous visit to ${path} goes to sign-in, then back to ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(signInHeading(page)).toBeVisible();
      await expectLoginRedirectFor(page, path);

      await signIn(page, ACCOUNTS.editor.email, ACCOUNTS.editor.password);
      await expect(page).toHaveURL((url) => url.pathname === path);
      const heading = path === "/articles" ? "Articles" : "Import article";
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    });
  }

  test("an anonymous visit to an article goes to sign-in, then back to that article", async ({ page, browser }) => {
    const path = await sampleArticlePath(browser);
    await page.goto(path);
    await expect(signInHeading(page)).toBeVisible();
    await expectLoginRedirectFor(page, path);
    await expect(page.getByText(SAMPLE_TITLE)).toHaveCount(0);

    await signIn(page, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password);
    await expect(page).toHaveURL((url) => url.pathname === path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SAMPLE_TITLE);
  });

  test("a callbackUrl pointing to another site keeps the user on Claimdesk", async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("https://evil.example/articles/import")}`);
    await signIn(page, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password);
    await expect(page).toHaveURL((url) => url.origin === new URL(baseURL!).origin && url.pathname !== "/login");
    await expect(page.getByRole("heading", { level: 1, name: /^(Articles|Import article)$/ })).toBeVisible();
  });
});

test.describe("wrong credentials", () => {
  test("a wrong password and an unknown email get the same answer", async ({ page }) => {
    await page.goto("/login");

    const attempt = async (email: string, password: string) => {
      const response = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
      await signIn(page, email, password);
      const answer = await response;
      const alert = page.getByRole("main").getByRole("alert");
      await expect(alert).toHaveText(WRONG_CREDENTIALS);
      // Still on the form, with the email kept and the password ready to be typed again.
      await expect(signInHeading(page)).toBeVisible();
      await expect(emailField(page)).toHaveValue(email);
      await expect(passwordField(page)).toBeFocused();
      return { message: await alert.textContent(), status: answer.status(), body: (await answer.text()).replaceAll(email, "<email>") };
    };

    const wrongPassword = await attempt(ACCOUNTS.reviewer.email, "not-the-password");
    await page.reload();
    const unknownEmail = await attempt("nobody-here@claimdesk.test", "not-the-password");

    // Nothing the person sees, and nothing the server answers, tells the two apart.
    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword.message).not.toMatch(/exist|unknown|no account|not found|registered/i);
    await expect(articlesHeading(page)).toHaveCount(0);
  });

  test("after five wrong passwords the form says plainly how long to wait", async ({ page }) => {
    // An email no account has (a demo account must not be made to wait: other
    // tests sign in with it); the throttle treats it exactly like an account.
    const email = `throttled-${Date.now()}@nowhere.test`;
    await page.goto("/login");
    const alert = page.getByRole("main").getByRole("alert");
    for (let i = 0; i < 5; i++) {
      await signIn(page, email, `wrong-password-${i}`);
      await expect(alert).toHaveText(WRONG_CREDENTIALS);
      await page.reload();
    }
    await signIn(page, email, "wrong-password-5");
    // A minute from the fifth failure (in seconds once under a minute).
    await expect(alert).toHaveText(/^Too many sign-in attempts\. Try again in (1 minute|\d\d? seconds)\.$/);
    await expect(emailField(page)).toHaveValue(email);
    await expect(passwordField(page)).toBeFocused();
  });

  test.describe("before the page's script runs", () => {
    test.use({ javaScriptEnabled: false });

    test("submitting the form never puts the password in the address bar", async ({ page }) => {
      await page.goto("/login");
      await emailField(page).fill(ACCOUNTS.reviewer.email);
      await passwordField(page).fill("a-secret-that-is-wrong");
      await Promise.all([page.waitForEvent("load"), signInButton(page).click()]);
      await expect(signInHeading(page)).toBeVisible();
      expect(page.url()).not.toContain("a-secret-that-is-wrong");
      expect(new URL(page.url()).searchParams.has("password")).toBe(false);
    });
  });
});

test.describe("the server checks the session itself", () => {
  test("the health check answers without a session", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  test("an anonymous request for an article gets a redirect to sign-in, not the article", async ({ request, browser }) => {
    const path = await sampleArticlePath(browser);
    const response = await request.get(path, { maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(response.status());
    const location = new URL(response.headers().location!, "http://x");
    expect(location.pathname).toBe("/login");
    expect(new URL(location.searchParams.get("callbackUrl")!, "http://x").pathname).toBe(path);
    expect(await response.text()).not.toContain("Iraq-Linked Militias");
  });

  test("the import action checks the session itself: replayed without one, or with a removed account's, it creates nothing", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    // A signed-in editor imports once, so we learn what the browser sends to the server action.
    const context = await browser.newContext({ storageState: storageStateFor("editor") });
    const page = await context.newPage();
    const importPage = new ImportPage(page);
    await importPage.goto();
    const captured = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    const signedInTitle = uniqueTitle("Signed-in import");
    await importPage.importArticle({ title: signedInTitle, body: "One paragraph of reporting." });
    const actionRequest = await captured;
    const sent = await actionRequest.allHeaders();
    const headers = {
      "next-action": sent["next-action"]!,
      "next-router-state-tree": sent["next-router-state-tree"] ?? "",
      "content-type": sent["content-type"]!,
      accept: "text/x-component",
      origin: baseURL!,
    };
    expect(headers["next-action"]).toMatch(/^[0-9a-f]{20,}$/i);

    // The same call with a new title, replayed by others.
    const replay = (title: string) => Buffer.from(actionRequest.postDataBuffer()!.toString("latin1").replace(signedInTitle, title), "latin1");
    const anonymousTitle = uniqueTitle("Anonymous import");
    const removedTitle = uniqueTitle("Removed account import");

    // 1. No session at all: turned away before the action runs.
    const anonymous = await playwright.request.newContext({ baseURL });
    try {
      const answer = await anonymous.post("/articles/import", { headers, data: replay(anonymousTitle), maxRedirects: 0 });
      expect(answer.status()).toBe(307);
      expect(new URL(answer.headers().location!, baseURL).pathname).toBe("/login");
      expect(await answer.text()).not.toContain('"ok":true');
    } finally {
      await anonymous.dispose();
    }

    // 2. A session token that is genuine (the proxy only checks the token) but whose
    //    account no longer exists: only the action's own check against the database can refuse it.
    const token = await encode({
      secret: process.env.E2E_AUTH_SECRET!,
      token: { sub: "0e5a3c1e-0000-4000-8000-000000000000", id: "0e5a3c1e-0000-4000-8000-000000000000", role: "admin", name: "Gone", email: "gone@claimdesk.test" },
    });
    const removed = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `next-auth.session-token=${token}` } });
    try {
      const answer = await removed.post("/articles/import", { headers, data: replay(removedTitle), maxRedirects: 0 });
      const text = await answer.text();
      expect(answer.status(), text).toBe(200);
      expect(text).toContain("unauthorized:auth");
      expect(text).not.toContain('"ok":true');
      // Pages refuse that session as well.
      const list = await removed.get("/articles", { maxRedirects: 0 });
      expect(list.status()).toBe(307);
      expect(new URL(list.headers().location!, baseURL).pathname).toBe("/login");
    } finally {
      await removed.dispose();
    }

    // Neither replay created an article; the genuine import did.
    const list = await openArticleListInNewTab(page);
    await expect(await findInArticleList(list, signedInTitle)).toBeVisible();
    await expect(list.getByRole("link", { name: anonymousTitle })).toHaveCount(0);
    await expect(list.getByRole("link", { name: removedTitle })).toHaveCount(0);
    await context.close();
  });
});

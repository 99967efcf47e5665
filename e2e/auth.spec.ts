import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, SAMPLE_TITLE, storageStateFor, type RoleName } from "./support/accounts";
import { expectInteractive, ImportPage, openArticleListInNewTab, uniqueTitle } from "./support/import-page";

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
    const href = await page.getByRole("link", { name: SAMPLE_TITLE, exact: true }).getAttribute("href");
    expect(href).toMatch(/^\/articles\/[0-9a-f-]{36}$/);
    return href!;
  } finally {
    await context.close();
  }
}

test.describe("signing in and out", () => {
  for (const role of Object.keys(ACCOUNTS) as RoleName[]) {
    test(`a ${role} signs in with the demo account, sees who they are, and signs out`, async ({ page }) => {
      const account = ACCOUNTS[role];
      await page.goto("/login");
      await signIn(page, account.email, account.password);

      await expect(articlesHeading(page)).toBeVisible();
      await expect(page).toHaveURL(/\/articles$/);
      const header = page.getByRole("banner");
      await expect(header).toContainText(account.name);
      await expect(header.getByText(ROLE_LABEL[role], { exact: true })).toBeVisible();

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

  test("a callbackUrl pointing to another site does not send the user there", async ({ page }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("https://evil.example/articles/import")}`);
    await signIn(page, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(page.url(), test.info().project.use.baseURL).origin);
    expect(page.url()).not.toContain("evil.example");
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
      // Still on the form, with the email kept for the next try.
      await expect(signInHeading(page)).toBeVisible();
      await expect(emailField(page)).toHaveValue(email);
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

  test("the import action refuses a caller without a session and creates nothing", async ({ browser, playwright, baseURL }) => {
    // A signed-in editor imports once, so we learn what the browser sends to the server action.
    const context = await browser.newContext({ storageState: storageStateFor("editor") });
    const page = await context.newPage();
    const importPage = new ImportPage(page);
    await importPage.goto();
    const captured = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await importPage.importArticle({ title: uniqueTitle("Signed-in import"), body: "One paragraph of reporting." });
    const request = await captured;
    const actionHeaders = await request.allHeaders();
    const actionId = actionHeaders["next-action"]!;
    expect(actionId).toMatch(/^[0-9a-f]{20,}$/i);
    const contentType = actionHeaders["content-type"]!;

    // The same call, replayed by someone with no session, with a new title.
    const title = uniqueTitle("Anonymous import");
    const body = request.postDataBuffer()!.toString("latin1").replace(/Signed-in import [0-9a-f]{8}/, title);
    expect(body).toContain(title);
    const anonymous = await playwright.request.newContext({ baseURL });
    try {
      const headers = {
        "next-action": actionId,
        "content-type": contentType,
        accept: "text/x-component",
        origin: baseURL!,
      };
      // Through the page's own URL: the proxy turns the visitor away before the page is reached.
      const viaPage = await anonymous.post("/articles/import", { headers, data: Buffer.from(body, "latin1"), maxRedirects: 0 });
      expect(viaPage.status(), await viaPage.text()).not.toBe(200);
      expect(await viaPage.text()).not.toContain('"ok":true');

      // Through a URL the proxy lets through (/login): only the action's own session check stands in the way.
      const viaLogin = await anonymous.post("/login", { headers, data: Buffer.from(body, "latin1"), maxRedirects: 0 });
      const answer = await viaLogin.text();
      expect(answer).not.toContain('"ok":true');
      expect(answer).toContain("unauthorized:auth");
    } finally {
      await anonymous.dispose();
    }

    // No article with that title exists.
    const list = await openArticleListInNewTab(page);
    await expect(list.getByRole("link", { name: SAMPLE_TITLE })).toBeVisible();
    await expect(list.getByRole("link", { name: title })).toHaveCount(0);
    await context.close();
  });
});

test.describe("keyboard", () => {
  test("Tab walks Email, Password, Sign in in that order, with a visible focus ring", async ({ page }) => {
    await page.goto("/login");
    await expectInteractive(signInButton(page));
    // Start before the form, as a person does by clicking the page's heading.
    await signInHeading(page).click();

    for (const control of [emailField(page), passwordField(page), signInButton(page)]) {
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

    // And the form works from the keyboard alone.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await expect(emailField(page)).toBeFocused();
    await page.keyboard.type(ACCOUNTS.reviewer.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ACCOUNTS.reviewer.password);
    await page.keyboard.press("Enter");
    await expect(articlesHeading(page)).toBeVisible();
  });
});

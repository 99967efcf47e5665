import { request as playwrightRequest, type Page } from "@playwright/test";
import { expectNoSeriousFindings } from "./support/axe";
import { expect, screenshotForReview, test } from "./support/fixtures";

// Personal access tokens from the account page: created, shown once, used
// against /api/v1 by a client with no cookies, listed with their last use,
// and revoked. Each test names its tokens uniquely (the server is shared).

const tokensRegion = (page: Page) => page.getByRole("region", { name: "Tokens" });

async function createToken(page: Page, name: string, scope: "Read" | "Read and write") {
  const region = tokensRegion(page);
  await region.getByLabel("Token name").fill(name);
  await region.getByLabel("Scope").selectOption({ label: scope });
  await region.getByLabel("Expires after").selectOption({ label: "30 days" });
  await region.getByRole("button", { name: "Create token" }).click();
  const field = region.getByLabel("New token");
  await expect(field).toHaveValue(/^cdk_[A-Za-z0-9_-]{43}$/);
  return field.inputValue();
}

/** What the API answers this token, from a client with no cookies (a script). */
async function apiStatus(baseURL: string, token: string): Promise<number> {
  const api = await playwrightRequest.newContext({ baseURL });
  try {
    const response = await api.get("/api/v1/search?q=militias", { headers: { authorization: `Bearer ${token}` } });
    return response.status();
  } finally {
    await api.dispose();
  }
}

test("a reviewer creates a token, sees it once, uses it, finds its last use and revokes it", async ({ openBrowserAs }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const { page } = await openBrowserAs("reviewer");
  await page.goto("/account/password");
  const region = tokensRegion(page);
  await expect(region.getByRole("heading", { name: "Tokens" })).toBeVisible();

  const name = `CMS import ${testInfo.workerIndex}-${Date.now()}`;
  const secret = await createToken(page, name, "Read and write");
  await expect(region.getByText("it is shown only this once")).toBeVisible();
  const item = region.getByRole("listitem", { name });
  await expect(item).toContainText("read and write");
  await expect(item).toContainText("never used");
  await expect(item).toContainText(secret.slice(0, 12));
  await screenshotForReview(page, "tokens-created", testInfo);
  await expectNoSeriousFindings(page, "account: a token just created");

  expect(await apiStatus(baseURL, secret)).toBe(200);

  // Shown once: after a reload the secret is nowhere on the page, and the list shows the use.
  await page.reload();
  await expect(tokensRegion(page).getByLabel("New token")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(tokensRegion(page).getByRole("listitem", { name })).toContainText("last used");

  await tokensRegion(page).getByRole("listitem", { name }).getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(tokensRegion(page).getByRole("listitem", { name })).toContainText("Revoked");
  await expect(tokensRegion(page).getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  expect(await apiStatus(baseURL, secret)).toBe(401);
});

test("a token needs a name; the form says so and keeps the choices", async ({ openBrowserAs }) => {
  const { page } = await openBrowserAs("editor");
  await page.goto("/account/password");
  const region = tokensRegion(page);
  await region.getByLabel("Scope").selectOption({ label: "Read and write" });
  await region.getByRole("button", { name: "Create token" }).click();
  await expect(region.getByLabel("Token name")).toHaveAccessibleDescription(/Name the token/);
  await expect(region.getByLabel("Scope")).toHaveValue("write");
  await expect(region.getByLabel("New token")).toHaveCount(0);
});

test("at 390 px the Tokens section fits the screen, created token included", async ({ openBrowserAs }, testInfo) => {
  const { page } = await openBrowserAs("reviewer", { viewport: { width: 390, height: 844 } });
  await page.goto("/account/password");
  await createToken(page, `Phone ${testInfo.workerIndex}-${Date.now()}`, "Read");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await tokensRegion(page).getByLabel("New token").scrollIntoViewIfNeeded();
  await screenshotForReview(page, "tokens-390", testInfo);
});

test("the API reference at /api/docs is readable without a viewer script, under the app's policy", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Claimdesk API" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /PATCH\s*\/api\/v1\/claims\/\{id\}/ })).toBeVisible();
  await page.getByRole("link", { name: /PATCH \/api\/v1\/claims\/\{id\}/ }).click();
  await expect(page).toHaveURL(/#patchClaim$/);
  await expect(page.getByRole("region", { name: "ClaimMergePatch" })).toContainText("Other fields are refused");
  await expectNoSeriousFindings(page, "API reference");
});

test("an admin revokes another person's token from Accounts → API tokens", async ({ openBrowserAs }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const { page: reviewer } = await openBrowserAs("reviewer");
  await reviewer.goto("/account/password");
  const name = `Leaked script ${testInfo.workerIndex}-${Date.now()}`;
  const secret = await createToken(reviewer, name, "Read");
  expect(await apiStatus(baseURL, secret)).toBe(200);

  const { page: admin } = await openBrowserAs("admin");
  await admin.goto("/admin/users");
  const desk = admin.getByRole("region", { name: "API tokens" });
  const item = desk.getByRole("listitem", { name: new RegExp(`^${name} \\(`) });
  await expect(item).toContainText("read only");
  await item.getByRole("button", { name: new RegExp(`^Revoke ${name} of `) }).click();
  await expect(desk.getByRole("status")).toContainText(`Revoked “${name}”`);
  await expect(item).toHaveCount(0);
  await screenshotForReview(admin, "admin-tokens", testInfo);
  expect(await apiStatus(baseURL, secret)).toBe(401);

  await reviewer.reload();
  await expect(tokensRegion(reviewer).getByRole("listitem", { name })).toContainText("Revoked");
});

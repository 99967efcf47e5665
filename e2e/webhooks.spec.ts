import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectNoSeriousFindings } from "./support/axe";
import { expectInteractive } from "./support/import-page";
import { expect, screenshotForReview, test } from "./support/fixtures";

// Admin → Webhooks. Other specs approve and publish on the same server at the
// same time, so this one registers an endpoint of its own and looks only for
// the delivery of its own article.
test.describe.configure({ timeout: 120_000 });

const endpoints = (page: Page) => page.getByRole("list", { name: "Webhook endpoints" });
const deliveries = (page: Page) => page.getByRole("region", { name: "Recent deliveries" });

async function openWebhooks(page: Page) {
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expectInteractive(page.getByRole("button", { name: "Register endpoint", exact: true }));
}

test("an admin registers an endpoint, sees its secret once, and follows the delivery of a published article", async ({ openBrowserAs, importSampleCopy }, testInfo) => {
  const { page } = await openBrowserAs("admin", { viewport: { width: 1366, height: 900 } });
  await openWebhooks(page);
  const url = `https://hooks-${randomUUID().slice(0, 8)}.example.invalid/claimdesk`;

  // A wrong address is refused on its field, and nothing is registered.
  await page.getByLabel("Endpoint URL", { exact: true }).fill("ftp://cms.example.org/hooks");
  await page.getByRole("button", { name: "Register endpoint", exact: true }).click();
  await expect(page.getByLabel("Endpoint URL", { exact: true })).toHaveAccessibleDescription(/http/i);

  await page.getByLabel("Endpoint URL", { exact: true }).fill(url);
  await expect(page.getByRole("checkbox", { name: /Claim approved/ })).toBeChecked();
  await page.getByRole("checkbox", { name: /Article published/ }).check();
  await page.getByRole("button", { name: "Register endpoint", exact: true }).click();

  const dialog = page.getByRole("dialog", { name: "Endpoint registered" });
  await expect(dialog).toBeVisible();
  const secretField = dialog.getByLabel("Signing secret", { exact: true });
  await expect(secretField).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const secret = await secretField.inputValue();
  await screenshotForReview(page, "webhooks-secret-1366", testInfo);
  await dialog.getByRole("button", { name: "Done", exact: true }).click();
  await expect(dialog).toBeHidden();

  // Listed without its secret, which is not shown again, not even after a reload.
  const item = endpoints(page).getByRole("listitem", { name: url, exact: true });
  await expect(item).toContainText("Enabled");
  await expect(item).toContainText("Claim approved, Article published");
  await expect(item).toContainText(secret.slice(0, 10));
  await page.reload();
  await expect(endpoints(page).getByRole("listitem", { name: url, exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // Publishing an article queues a delivery to it.
  const articlePath = await importSampleCopy("Webhook publish");
  await page.goto(articlePath);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!;
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const publish = page.getByRole("alertdialog", { name: "Publish this fact-check?" });
  await publish.getByRole("button", { name: "Publish now", exact: true }).click();
  await expect(page.getByRole("link", { name: "View published page", exact: true })).toBeVisible();

  await openWebhooks(page);
  const row = deliveries(page).getByRole("row", { name: `Article published: ${title}` }).filter({ hasText: url });
  await expect(async () => {
    await deliveries(page).getByRole("button", { name: "Refresh", exact: true }).click();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("article.published");
  // The address does not resolve: the delivery waits for its next attempt, with the reason.
  await expect(async () => {
    await deliveries(page).getByRole("button", { name: "Refresh", exact: true }).click();
    await expect(row).toContainText(/unreachable|timeout/, { timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await expect(row).toContainText("Pending");
  await expectNoSeriousFindings(page, "admin: webhooks with an endpoint and a delivery");
  await screenshotForReview(page, "webhooks-1366", testInfo);
  await deliveries(page).scrollIntoViewIfNeeded();
  await screenshotForReview(page, "webhooks-1366-deliveries", testInfo);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: "Register endpoint", exact: true })).toBeVisible();
  await screenshotForReview(page, "webhooks-390", testInfo);
  await item.scrollIntoViewIfNeeded();
  await screenshotForReview(page, "webhooks-390-endpoints", testInfo);
  await row.scrollIntoViewIfNeeded();
  await screenshotForReview(page, "webhooks-390-deliveries", testInfo);
  await page.setViewportSize({ width: 1366, height: 900 });

  // Disable, then delete (with its deliveries).
  await item.getByRole("button", { name: `Disable ${url}`, exact: true }).click();
  await expect(item).toContainText("Disabled");
  await item.getByRole("button", { name: `Delete ${url}`, exact: true }).click();
  await page.getByRole("alertdialog", { name: "Delete this endpoint?" }).getByRole("button", { name: "Delete endpoint", exact: true }).click();
  await expect(endpoints(page).getByRole("listitem", { name: url, exact: true })).toHaveCount(0);
  await expect(row).toHaveCount(0);
});

test("editors and reviewers do not get the Webhooks page", async ({ openBrowserAs }) => {
  for (const role of ["editor", "reviewer"] as const) {
    const { page } = await openBrowserAs(role);
    const response = await page.goto("/admin/webhooks");
    expect(response?.status(), role).toBe(404);
    await expect(page.getByRole("heading", { name: "Webhooks" })).toHaveCount(0);
  }
});

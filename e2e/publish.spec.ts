import type { Page } from "@playwright/test";
import { storageStateFor } from "./support/accounts";
import { exportButton } from "./support/export-menu";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Publishing a fact-check: editors and admins only, a public read-only page
// with ClaimReview data, and gone again after Unpublish.

const HOSTILE_RATIONALE = "</script><script>alert(1)</script> <img src=x onerror=alert(2)> Provincial councils show otherwise.";
const CLAIMANT = `Analyst </SCRIPT><script>alert(3)</script> & co`;

const publishButton = (page: Page) => page.getByRole("button", { name: "Publish", exact: true });
const unpublishButton = (page: Page) => page.getByRole("button", { name: "Unpublish", exact: true });
const publishDialog = (page: Page) => page.getByRole("alertdialog", { name: "Publish this fact-check?" });
const viewPublishedLink = (page: Page) => page.getByRole("link", { name: "View published page", exact: true });

async function publishFromDialog(page: Page, onOpen?: () => Promise<void>) {
  await publishButton(page).click();
  await expect(publishDialog(page)).toBeVisible();
  await onOpen?.();
  // Approved claims only, unless the editor chooses otherwise.
  await expect(publishDialog(page).getByRole("radio", { name: /^Approved claims only/ })).toBeChecked();
  await publishDialog(page).getByRole("button", { name: "Publish now", exact: true }).click();
  await expect(publishDialog(page)).toBeHidden();
  await expect(viewPublishedLink(page)).toBeVisible();
}

test("an editor publishes the approved claims; the public page carries ClaimReview data, keeps hostile text as text, and goes away on Unpublish", async ({
  editorArticlePage,
  openBrowserAs,
  importSampleCopy,
  browser,
}, testInfo) => {
  test.slow(); // two claims, a publish, a reader and an unpublish
  const url = await importSampleCopy("Publish");

  // A reviewer checks one claim, with hostile text, and submits it; another stays unapproved.
  const reviewer = await openBrowserAs("reviewer");
  await reviewer.open(url);
  const majorityId = await reviewer.markText(TEXT.majority);
  await reviewer.fillClaimant(CLAIMANT);
  await reviewer.setVerdict("Mostly false");
  await reviewer.fillRationale(HOSTILE_RATIONALE);
  await reviewer.addSource({ url: "https://example.org/provinces", title: "Who runs Iraq’s provinces", publisher: "Example Institute" });
  await reviewer.expectSaved();
  await reviewer.submitForApproval();
  await reviewer.markText(TEXT.citizens);
  await reviewer.setVerdict("Unverifiable");
  await reviewer.expectSaved();

  // The editor approves the first (four-eyes: someone other than the proposer).
  const articlePage = editorArticlePage;
  const page = articlePage.page;
  await articlePage.open(url);
  await articlePage.openFromList(TEXT.majority);
  await articlePage.approve();

  await publishFromDialog(page, () => screenshotForReview(page, "publish-dialog", testInfo));
  await expect(page.getByRole("status").filter({ hasText: /^Published .* approved claims$/ })).toBeVisible();
  await expect(unpublishButton(page)).toBeFocused();
  await screenshotForReview(page, "article-published", testInfo);
  const href = await viewPublishedLink(page).getAttribute("href");
  expect(href).toMatch(/^\/published\/[0-9a-f-]{36}$/);

  // A reader without an account.
  const anonymous = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 1280, height: 900 } });
  const reader = await anonymous.newPage();
  const dialogs: string[] = [];
  reader.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const response = await reader.goto(href!);
  expect(response?.status()).toBe(200);
  expect(new URL(reader.url()).pathname).toBe(href); // not sent to sign-in
  await expect(reader).toHaveTitle(/^Fact-check: .*Publish/);
  await expect(reader.getByRole("heading", { level: 1 })).toContainText("Publish");
  await expect(reader.locator('meta[name="robots"]')).toHaveAttribute("content", /index/);

  // The approved claim is highlighted with its verdict and rationale; the open one is not shown.
  await expect(reader.locator("mark").filter({ hasText: TEXT.majority })).toHaveCount(1);
  await expect(reader.locator("mark").filter({ hasText: TEXT.citizens })).toHaveCount(0);
  await expect(reader.getByText("Provincial councils show otherwise.")).toBeVisible();
  await expect(reader.getByText("</script><script>alert(1)</script>", { exact: false })).toBeVisible();
  await expect(reader.getByRole("link", { name: "Who runs Iraq’s provinces" })).toHaveAttribute("href", "https://example.org/provinces");
  await expect(reader.getByRole("textbox")).toHaveCount(0); // read-only
  await expect(reader.getByRole("button", { name: "Publish" })).toHaveCount(0);

  // One JSON-LD block, whole and parseable, with the claim as checked.
  const ldScripts = reader.locator('script[type="application/ld+json"]');
  await expect(ldScripts).toHaveCount(1);
  const jsonLd = JSON.parse((await ldScripts.textContent())!);
  const reviews = (Array.isArray(jsonLd) ? jsonLd : (jsonLd["@graph"] ?? [jsonLd])) as Record<string, unknown>[];
  const review = reviews.find((r) => r["@type"] === "ClaimReview")!;
  expect(review).toBeTruthy();
  expect(review.claimReviewed).toBe(TEXT.majority);
  expect(JSON.stringify(reviews)).not.toContain(TEXT.citizens);
  // The hostile claimant arrived inside the JSON as text, intact.
  expect(review.itemReviewed).toMatchObject({ author: { name: CLAIMANT } });
  expect(review.reviewRating).toMatchObject({ "@type": "Rating", alternateName: "Mostly false" });
  // The review's url is the claim's note on this page, named by the claim's id (not its position).
  expect(review.url).toBe(`${new URL(reader.url()).origin}${href}#claim-${majorityId}`);
  await expect(reader.locator(`[id="claim-${majorityId}"]`)).toContainText(TEXT.majority);
  // Nothing the reviewer wrote became markup: no extra script or image ran.
  // (Next's own inline scripts carry the page data as JS strings; an injected one would hold just the call.)
  const injected = await reader.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => /^\s*alert\(\d\)\s*$/.test(s.textContent ?? "")).length,
    images: document.querySelectorAll('img[src="x"]').length,
  }));
  expect(injected).toEqual({ scripts: 0, images: 0 });
  expect(dialogs).toEqual([]);
  await screenshotForReview(reader, "published-page", testInfo);
  await reader.locator(`[id="claim-${majorityId}"]`).scrollIntoViewIfNeeded();
  await screenshotForReview(reader, "published-page-notes", testInfo);

  // Unpublish: the page is gone for everyone.
  await unpublishButton(page).click();
  await expect(publishButton(page)).toBeFocused();
  await expect(viewPublishedLink(page)).toHaveCount(0);
  const gone = await reader.goto(href!);
  expect(gone?.status()).toBe(404);
  await expect(reader.getByText(TEXT.majority)).toHaveCount(0);
  await anonymous.close();
});

test("a reviewer sees no Publish button, and a publish request replayed with a reviewer's session is refused", async ({
  openBrowserAs,
  importSampleCopy,
  playwright,
  baseURL,
}) => {
  const articlePath = await importSampleCopy("Publish refused");
  const articleId = articlePath.split("/").pop()!;

  // The reviewer can export but not publish.
  const reviewer = await openBrowserAs("reviewer");
  await reviewer.open(articlePath);
  await expect(exportButton(reviewer.page)).toBeVisible();
  await expect(publishButton(reviewer.page)).toHaveCount(0);
  await expect(unpublishButton(reviewer.page)).toHaveCount(0);

  // An editor publishes once, so we learn what the browser sends to the server action; then unpublishes.
  const editor = await openBrowserAs("editor");
  await editor.open(articlePath);
  await expect(exportButton(editor.page)).toBeVisible();
  const captured = editor.page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await publishFromDialog(editor.page);
  const actionRequest = await captured;
  await unpublishButton(editor.page).click();
  await expect(publishButton(editor.page)).toBeVisible();

  const sent = await actionRequest.allHeaders();
  const headers = {
    "next-action": sent["next-action"]!,
    "next-router-state-tree": sent["next-router-state-tree"] ?? "",
    "content-type": sent["content-type"]!,
    accept: "text/x-component",
    origin: baseURL!,
  };
  expect(actionRequest.postData()).toContain(articleId);

  // The same call with the reviewer's session: refused by the server, nothing published.
  const asReviewer = await playwright.request.newContext({ baseURL, storageState: storageStateFor("reviewer") });
  try {
    const answer = await asReviewer.post(articlePath, { headers, data: actionRequest.postDataBuffer()!, maxRedirects: 0 });
    const text = await answer.text();
    expect(answer.status(), text).toBe(200);
    expect(text).toContain("forbidden:");
    expect(text).not.toContain('"ok":true');
  } finally {
    await asReviewer.dispose();
  }
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    expect((await anonymous.get(`/published/${articleId}`)).status()).toBe(404);
    // Unknown and malformed ids are 404 alike.
    expect((await anonymous.get(`/published/00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
    expect((await anonymous.get(`/published/not-an-id`)).status()).toBe(404);
  } finally {
    await anonymous.dispose();
  }
});

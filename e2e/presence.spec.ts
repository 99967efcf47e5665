import { ACCOUNTS } from "./support/accounts";
import type { ArticlePage } from "./support/article-page";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Three browsers and a poll every 10 s: allow for a loaded machine.
test.slow();

const editText = (p: ArticlePage) => p.region().getByRole("button", { name: "Edit text", exact: true });
const cancelEditing = (p: ArticlePage) => p.region().getByRole("button", { name: "Cancel editing", exact: true });
/** The article page asks who is editing every 10 s: a change shows within one poll. */
const POLL = { timeout: 25_000 };

test("while an editor edits the text, the reviewer sees who and goes on marking and saving a claim; a second editor is told and may edit too; Cancel editing clears it", async ({
  openBrowserAs,
  importSampleCopy,
}, testInfo) => {
  const url = await importSampleCopy("presence");
  // A fixed time zone, so "since HH:MM" can be checked against the clock.
  const timezoneId = "UTC";

  const rita = await openBrowserAs("reviewer", { timezoneId });
  await rita.open(url);
  await expect(rita.textEditors()).toHaveText("");

  const eddie = await openBrowserAs("editor", { timezoneId });
  await eddie.open(url);
  await editText(eddie).click();
  await expect(cancelEditing(eddie)).toBeVisible();

  // The reviewer's page shows it without a reload.
  await expect(rita.textEditors()).toContainText(/Eddie Editor is editing the text \(since \d\d:\d\d\)/, POLL);
  const since = (await rita.textEditors().textContent())!.match(/since (\d\d):(\d\d)/)!;
  const minutes = Number(since[1]) * 60 + Number(since[2]);
  const now = new Date();
  const nowMinutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  expect((nowMinutes - minutes + 1440) % 1440).toBeLessThanOrEqual(2);
  // The editor does not see themself.
  await expect(eddie.textEditors()).toHaveText("");

  // Claim work goes on meanwhile: the reviewer marks a claim and saves it.
  await rita.markText(TEXT.majority);
  await rita.claimAsChecked().fill("Most of Iraq's provinces are controlled by militias.");
  await rita.fillRationale("Checked against the provincial council lists.");
  await rita.expectSaved();
  await expect(rita.textEditors()).toContainText("Eddie Editor is editing the text");
  await screenshotForReview(rita.page, "presence-reviewer", testInfo);

  // A second editor pressing Edit text is told who is editing, and can edit as well.
  const ada = await openBrowserAs("admin", { timezoneId });
  await ada.open(url);
  await expect(ada.textEditors()).toContainText("Eddie Editor is editing the text", POLL);
  await editText(ada).click();
  await expect(cancelEditing(ada)).toBeVisible();
  await expect(ada.textEditors()).toContainText("You can go on editing");
  await expect(ada.articleText()).toHaveAttribute("aria-readonly", "false");
  await expect(rita.textEditors()).toContainText(`${ACCOUNTS.editor.name} and ${ACCOUNTS.admin.name} are editing the text`, POLL);
  await cancelEditing(ada).click();

  // Cancel editing: the line goes away on the reviewer's page, again without a reload.
  await cancelEditing(eddie).click();
  await expect(editText(eddie)).toBeVisible();
  await expect(rita.textEditors()).toHaveText("", POLL);

  // The claim saved meanwhile is there after a reload.
  await rita.reload();
  await expect(rita.listItem(TEXT.majority)).toBeVisible();
});

test("an editor who leaves the page while editing stops showing as editing", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy("presence-leave");
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await editText(eddie).click();
  await expect(rita.textEditors()).toContainText("Eddie Editor is editing the text", POLL);
  // Leaving the page (pagehide) sends the beacon that ends the presence at once, not after its expiry.
  await eddie.page.goto("/articles");
  await expect(rita.textEditors()).toHaveText("", POLL);
});

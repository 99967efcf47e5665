import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Filling in a claim: verdict, rationale, claimant, status and sources, and
// what the reviewer finds again after a reload.

const POLL = {
  url: "https://www.arabbarometer.org/surveys/wave-viii-iraq",
  title: "Arab Barometer Wave VIII: Iraq country report",
  publisher: "Arab Barometer",
  excerpt: "Asked whether they fear consequences for criticising Iran, 38% of respondents in Iraq said yes.",
  stance: "Refutes the claim",
  accessedOn: "2024-11-02",
};
const REPORT = {
  url: "https://news.example.com/2024/10/iraq-iran-ties",
  title: "Iraq’s balancing act between Tehran and Washington",
  publisher: "Example News",
  excerpt: "Baghdad depends on Iranian gas and electricity imports.",
  stance: "Context",
  accessedOn: "2024-11-01",
};
const RATIONALE = "The only national survey on the question (Arab Barometer, 2024) finds a minority, not “most”, fearing consequences.\nSee both sources.";

test("verdict, rationale, claimant and reordered sources are saved and are the same after a reload", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await articlePage.open(url);
  const id = await articlePage.markText(TEXT.citizens);

  await articlePage.fillClaimant("The article (no source given)");
  await articlePage.setVerdict("False");
  // The highlight takes the verdict at once, before the save.
  await expect(articlePage.highlightOf(id)).toHaveAttribute("data-verdict", "false");
  await expect(articlePage.claimForm()).toContainText("The claim is not accurate.");
  await articlePage.fillRationale(RATIONALE);
  await articlePage.submitForApproval();
  expect(await articlePage.addSource(POLL)).toBe(1);
  expect(await articlePage.addSource(REPORT)).toBe(2);
  await articlePage.expectSaved();

  // The background report matters more: move it up.
  await expect(articlePage.source(1).getByRole("button", { name: "Move source 1 up" })).toBeDisabled();
  await expect(articlePage.source(2).getByRole("button", { name: "Move source 2 down" })).toBeDisabled();
  await articlePage.source(2).getByRole("button", { name: "Move source 2 up" }).click();
  await articlePage.expectSource(1, REPORT);
  await articlePage.expectSource(2, POLL);
  await articlePage.expectSaved();

  // The list and the highlight show the verdict.
  await expect(articlePage.listItem(TEXT.citizens)).toContainText("False");
  await expect(articlePage.listItem(TEXT.citizens)).toContainText("Verdict proposed");

  await articlePage.reload();
  // Before the claim is opened: the highlight and the list already show the verdict.
  await expect(articlePage.highlightOf(id)).toHaveAttribute("data-verdict", "false");
  await expect(articlePage.listItem(TEXT.citizens)).toContainText("False");
  await expect(articlePage.noClaimOpen()).toBeVisible();

  await articlePage.openFromList(TEXT.citizens);
  await expect(articlePage.claimAsChecked()).toHaveValue(TEXT.citizens);
  await expect(articlePage.claimant()).toHaveValue("The article (no source given)");
  await expect(articlePage.selectedLabel(articlePage.verdict())).toHaveText("False");
  await expect(articlePage.currentStatus()).toHaveText("Verdict proposed");
  await expect(articlePage.rationale()).toHaveValue(RATIONALE);
  await expect(articlePage.sourceGroups()).toHaveCount(2);
  await articlePage.expectSource(1, REPORT);
  await articlePage.expectSource(2, POLL);
  await expect(articlePage.claimForm()).toContainText("last saved by Rita Reviewer");
  await expect(articlePage.saveStatus()).toHaveText("Saved");
});

test("a source can be moved down and removed, and the change is stored", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.citizens);
  await articlePage.addSource(POLL);
  await articlePage.addSource(REPORT);
  await articlePage.expectSaved();

  await articlePage.source(1).getByRole("button", { name: "Move source 1 down" }).click();
  await articlePage.expectSource(1, { title: REPORT.title });
  await articlePage.expectSource(2, { title: POLL.title });
  await articlePage.source(1).getByRole("button", { name: "Remove source 1" }).click();
  await expect(articlePage.sourceGroups()).toHaveCount(1);
  await articlePage.expectSource(1, POLL);
  await articlePage.expectSaved();

  await articlePage.reload();
  await articlePage.openFromList(TEXT.citizens);
  await expect(articlePage.sourceGroups()).toHaveCount(1);
  await articlePage.expectSource(1, POLL);
});

// One bad field never blocks the rest: the bad value stays in this browser,
// marked "Not saved: <reason>" beside it and counted in the save status,
// while every valid field is saved (with the source as last saved).
test("an invalid source URL is flagged and never stored, while the rest of the claim saves; fixing it saves", async ({
  articlePage,
  importSampleCopy,
  openBrowserAs,
}, testInfo) => {
  const url = await importSampleCopy();
  await articlePage.open(url);
  await articlePage.markText(TEXT.citizens);
  await articlePage.addSource({ url: POLL.url, title: POLL.title });
  await articlePage.expectSaved();

  const urlField = articlePage.sourceField(1, "Source URL");
  const message = "Not saved: Enter a full web address starting with http:// or https://.";
  for (const bad of ["javascript:alert(1)", "not a url"]) {
    await urlField.fill(bad);
    await expect(articlePage.saveStatus()).toHaveText("Saved · 1 change not saved");
    await expect(urlField).toHaveAttribute("aria-invalid", "true");
    await expect(articlePage.source(1)).toContainText(message);
    await expect(urlField).toHaveAccessibleDescription(message);
    await expect(urlField).toHaveValue(bad);
    await expect(articlePage.listItem(TEXT.citizens)).toContainText("Unsaved");
    await expect(articlePage.unsavedSummary()).toHaveText("1 unsaved");
  }
  // The rationale typed meanwhile is saved; the bad URL is not sneaked through with it.
  await articlePage.fillRationale("Checked against the survey.");
  await expect(articlePage.saveStatus()).toHaveText("Saved · 1 change not saved");
  // A new source with a bad URL is not sent either, and is counted too.
  await articlePage.addSource({ url: "javascript:void(0)", title: "Leaked memo" });
  await expect(articlePage.saveStatus()).toHaveText("Saved · 2 changes not saved");
  await expect(articlePage.source(2)).toContainText(message);
  await screenshotForReview(articlePage.page, "invalid-source-not-saved", testInfo);

  // The server has every valid field: a colleague sees the rationale, the old URL and one source.
  const colleague = await openBrowserAs("editor");
  await colleague.open(url);
  await colleague.openFromList(TEXT.citizens);
  await expect(colleague.rationale()).toHaveValue("Checked against the survey.");
  await expect(colleague.sourceGroups()).toHaveCount(1);
  await colleague.expectSource(1, { url: POLL.url, title: POLL.title });

  // The bad values stay in this browser like any draft: after a reload they are back, still marked and counted.
  articlePage.page.once("dialog", (dialog) => dialog.accept()); // "Leave site?": they are not on the server
  await articlePage.reload();
  await expect(articlePage.unsavedSummary()).toHaveText("1 unsaved");
  await articlePage.openFromList(TEXT.citizens);
  await expect(urlField).toHaveValue("not a url");
  await expect(urlField).toHaveAccessibleDescription(message);
  await expect(articlePage.sourceField(2, "Source URL")).toHaveValue("javascript:void(0)");
  await expect(articlePage.rationale()).toHaveValue("Checked against the survey.");
  await expect(articlePage.saveStatus()).toHaveText("Saved · 2 changes not saved");

  // Fixing the URLs saves them; removing the second source leaves nothing unsaved.
  await urlField.fill("https://www.arabbarometer.org/");
  await expect(urlField).not.toHaveAttribute("aria-invalid", "true");
  await expect(articlePage.source(1)).not.toContainText(message);
  await articlePage.source(2).getByRole("button", { name: "Remove source 2" }).click();
  await articlePage.expectSaved();

  await colleague.reload();
  await colleague.openFromList(TEXT.citizens);
  await colleague.expectSource(1, { url: "https://www.arabbarometer.org/", title: POLL.title });
  await expect(colleague.rationale()).toHaveValue("Checked against the survey.");
  await expect(colleague.sourceGroups()).toHaveCount(1);
});

test("only an editor can approve: the reviewer has no Approve button, the editor's approval is saved", async ({ articlePage, editorArticlePage, importSampleCopy }) => {
  test.slow(); // two browsers, three reloads
  const url = await importSampleCopy();
  await articlePage.open(url);
  const id = await articlePage.markText(TEXT.citizens);
  await articlePage.setVerdict("Mostly false");
  await articlePage.submitForApproval();
  await articlePage.expectSaved();
  await expect(articlePage.approveButton()).toHaveCount(0);

  // The editor approves.
  await editorArticlePage.open(url);
  await editorArticlePage.openFromList(TEXT.citizens);
  await editorArticlePage.approve();
  await expect(editorArticlePage.listItem(TEXT.citizens)).toContainText("Approved");

  await editorArticlePage.reload();
  await editorArticlePage.openFromList(TEXT.citizens);
  await expect(editorArticlePage.currentStatus()).toHaveText("Approved");
  await expect(editorArticlePage.selectedLabel(editorArticlePage.verdict())).toHaveText("Mostly false");
  await expect(editorArticlePage.highlightOf(id)).toHaveAttribute("data-verdict", "mostly_false");

  // The reviewer, after a reload, sees the approval by the editor.
  await articlePage.reload();
  await expect(articlePage.listItem(TEXT.citizens)).toContainText("Approved");
  await articlePage.openFromList(TEXT.citizens);
  await expect(articlePage.currentStatus()).toHaveText("Approved");
  await expect(articlePage.workflow()).toContainText("Approved by Eddie Editor");
});

test("a new source is dated today where the reviewer is, not in UTC", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  // 23:30 on 1 November in New York is already 2 November in UTC.
  const reviewer = await openBrowserAs("reviewer", { timezoneId: "America/New_York" });
  await reviewer.page.clock.setFixedTime(new Date("2024-11-02T03:30:00Z"));
  await reviewer.open(url);
  await reviewer.markText(TEXT.citizens);
  await reviewer.addSource({ url: POLL.url });
  await expect(reviewer.sourceField(1, "Accessed on")).toHaveValue("2024-11-01");
  await reviewer.expectSaved();
});

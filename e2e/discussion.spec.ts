import { expect, screenshotForReview, test } from "./support/fixtures";
import { claimTabs } from "./support/claim-tabs";
import { TEXT } from "./support/sample-text";

// The Discussion tab of a claim: comments post at once (not through the
// claim's autosave), everyone on the desk reads them, only the author can
// change or delete them — in the page and on the server.

const FIRST = "Which provinces? The ministry list counts 6 of 18.";
const FIRST_EDITED = "Which provinces? The 2024 ministry list counts 6 of 18.";
const SECOND = "I will call the embassy tomorrow.";

test("a reviewer comments on a claim; the editor reads it but cannot change it; the author edits and deletes it", async ({
  articlePage: rita,
  editorArticlePage: eddie,
  importSampleCopy,
}, testInfo) => {
  const url = await importSampleCopy();
  const r = claimTabs(rita);
  await rita.open(url);
  await rita.markText(TEXT.majority);
  await rita.setVerdict("Mostly false");
  await rita.expectSaved();

  await r.tab("Discussion").click();
  await expect(r.tab("Discussion")).toHaveAccessibleName("Discussion (0 comments)");
  await expect(rita.details()).toContainText("No comments yet");
  await r.commentField().fill(FIRST);
  await r.postButton().click();
  await expect(r.comment(FIRST)).toBeVisible();
  await expect(r.commentField()).toHaveValue("");
  // The second one with Ctrl+Enter; the thread reads oldest first.
  await r.commentField().fill(SECOND);
  await r.commentField().press("Control+Enter");
  await expect(r.comments()).toHaveCount(2);
  await expect(r.comments().nth(0)).toContainText(FIRST);
  await expect(r.comments().nth(1)).toContainText(SECOND);
  await expect(r.tab("Discussion")).toHaveAccessibleName("Discussion (2 comments)");
  // Who and when: the author's name, a relative and an absolute time.
  await expect(r.comment(FIRST).getByRole("heading")).toHaveText(/Rita Reviewer/);
  await expect(r.comment(FIRST).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d/);
  await expect(r.comment(FIRST).locator("time")).toContainText("just now");
  // Comments are not claim edits: the claim stays saved, at the same version.
  await expect(rita.unsavedSummary()).toHaveText("All changes saved");
  await screenshotForReview(rita.page, "discussion-tab", testInfo);

  // Eddie, in another browser, opens the article afterwards.
  const e = claimTabs(eddie);
  await eddie.open(url);
  await eddie.openFromList(TEXT.majority);
  await expect(e.tab("Discussion")).toHaveAccessibleName("Discussion (2 comments)");
  await e.tab("Discussion").click();
  await expect(e.comment(FIRST)).toContainText("Rita Reviewer");
  await expect(e.comment(SECOND)).toBeVisible();
  // Not his: no way to edit or delete them.
  await expect(eddie.details().getByRole("button", { name: /^(Edit|Delete) comment$/ })).toHaveCount(0);

  // Rita edits her first comment in place; her browser's request is kept to replay it as Eddie.
  const editRequest = rita.page.waitForRequest((req) => req.method() === "POST" && !!req.headers()["next-action"] && (req.postData() ?? "").includes(FIRST_EDITED));
  await r.comment(FIRST).getByRole("button", { name: "Edit comment" }).click();
  await expect(r.editField()).toHaveValue(FIRST);
  // Cancel leaves it as it was.
  await r.editField().fill("never mind");
  await r.comment("never mind").getByRole("button", { name: "Cancel" }).click();
  await expect(r.comment(FIRST)).toBeVisible();
  await r.comment(FIRST).getByRole("button", { name: "Edit comment" }).click();
  await r.editField().fill(FIRST_EDITED);
  await rita.details().getByRole("button", { name: "Save", exact: true }).click();
  await expect(r.editField()).toHaveCount(0);
  await expect(r.comment(FIRST_EDITED)).toContainText("Edited");

  // Eddie replays that same server action with his own session and another text: refused.
  const captured = await editRequest;
  const headers = Object.fromEntries(
    Object.entries(await captured.allHeaders()).filter(([k]) => ["next-action", "next-router-state-tree", "content-type", "accept", "origin"].includes(k)),
  );
  const replay = await eddie.page.request.post(captured.url(), { headers, data: captured.postData()!.replace(FIRST_EDITED, "Eddie rewrote this") });
  expect(await replay.text()).toContain("forbidden:comment");
  await eddie.reload();
  await eddie.openFromList(TEXT.majority);
  await e.tab("Discussion").click();
  await expect(e.comment(FIRST_EDITED)).toBeVisible();
  await expect(eddie.details()).not.toContainText("Eddie rewrote this");

  // Rita deletes her second comment, after confirming.
  await r.comment(SECOND).getByRole("button", { name: "Delete comment" }).click();
  await r.deleteDialog().getByRole("button", { name: "Cancel" }).click();
  await expect(r.comment(SECOND)).toBeVisible();
  await r.comment(SECOND).getByRole("button", { name: "Delete comment" }).click();
  await r.deleteDialog().getByRole("button", { name: "Delete", exact: true }).click();
  await expect(r.comments().nth(1)).toContainText("Comment deleted");
  await expect(rita.details()).not.toContainText(SECOND);
  await expect(r.tab("Discussion")).toHaveAccessibleName("Discussion (1 comment)");

  // Eddie sees the placeholder after a reload, not the text.
  await eddie.reload();
  await eddie.openFromList(TEXT.majority);
  await e.tab("Discussion").click();
  await expect(e.comments()).toHaveCount(2);
  await expect(e.comments().nth(1)).toContainText("Comment deleted");
  await expect(eddie.details()).not.toContainText(SECOND);
});

test("a comment that fails to post stays in the field with a readable error", async ({ articlePage, importSampleCopy }) => {
  const t = claimTabs(articlePage);
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.citizens);
  await articlePage.expectSaved();
  await t.tab("Discussion").click();
  await expect(t.tab("Discussion")).toHaveAccessibleName("Discussion (0 comments)");

  // The network drops every server action for a moment.
  const drop = (route: import("@playwright/test").Route) =>
    route.request().method() === "POST" && route.request().headers()["next-action"] ? route.abort("internetdisconnected") : route.fallback();
  await articlePage.page.route("**/*", drop);
  await t.commentField().fill("Survey: Gallup 2023, n=1,000.");
  await t.postButton().click();
  await expect(articlePage.details().getByRole("alert").filter({ hasText: "the comment was not posted" })).toHaveText(
    "Could not reach the server, so the comment was not posted. Your text is kept here: try again.",
  );
  await expect(t.commentField()).toHaveValue("Survey: Gallup 2023, n=1,000.");

  // Back online: the same text posts.
  await articlePage.page.unroute("**/*", drop);
  await t.postButton().click();
  await expect(t.comment("Survey: Gallup 2023, n=1,000.")).toBeVisible();
  await expect(t.commentField()).toHaveValue("");
  await expect(articlePage.details().getByRole("alert")).toHaveCount(0);

  // An empty comment is not sent.
  await t.postButton().click();
  await expect(articlePage.details().getByRole("alert")).toHaveText("Write a comment first.");
  await expect(t.comments()).toHaveCount(1);
});

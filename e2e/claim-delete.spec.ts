import type { ArticlePage } from "./support/article-page";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Two browsers and several round trips per test: allow for a loaded machine.
test.slow();

// Deleting is a workflow move: an approved claim is deleted only by an editor,
// with a reason, and editors restore deleted claims from "Deleted claims".

/** The reviewer proposes a verdict on `quote`; the editor approves it. */
async function approve(rita: ArticlePage, eddie: ArticlePage, url: string, quote: string, verdict: string) {
  await rita.markText(quote);
  await rita.setVerdict(verdict);
  await rita.submitForApproval();
  await expect(rita.currentStatus()).toHaveText("Verdict proposed");
  await eddie.open(url);
  await eddie.openFromList(quote);
  await eddie.approve();
  await expect(eddie.currentStatus()).toHaveText("Approved");
}

const versionOf = async (page: ArticlePage) => Number((await page.claimForm().getByText(/^Version \d+/).textContent())!.match(/\d+/)![0]);

test("an editor deletes an approved claim giving a reason, and restores it from Deleted claims", async ({ openBrowserAs, importSampleCopy }, testInfo) => {
  const url = await importSampleCopy();
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  const eddie = await openBrowserAs("editor");
  await approve(rita, eddie, url, TEXT.citizens, "False");

  // An approved claim asks for a reason.
  await eddie.deleteClaimButton().click();
  await expect(eddie.deleteDialog()).toContainText("The highlight, verdict, rationale and sources disappear from the article.");
  await eddie.deleteDialog().getByRole("button", { name: "Delete", exact: true }).click();
  await expect(eddie.deleteDialog()).toContainText("Say why this approved claim is deleted.");
  await eddie.deleteReason().fill("The survey it relied on was withdrawn.");
  await screenshotForReview(eddie.page, "delete-approved-reason", testInfo);
  await eddie.deleteDialog().getByRole("button", { name: "Delete", exact: true }).click();
  await expect(eddie.deleteDialog()).toBeHidden();
  await expect(eddie.listItem(TEXT.citizens)).toHaveCount(0);
  await expect(eddie.claimsHeading()).toHaveText("Claims (0)");

  // It is listed under "Deleted claims" with who, why and its history, also after a reload.
  await eddie.reload();
  const item = eddie.deletedItem(TEXT.citizens);
  await expect(item).toContainText("Approved when deleted");
  await expect(item).toContainText("Deleted by Eddie Editor");
  await expect(item).toContainText("Reason: The survey it relied on was withdrawn.");
  await expect(item).toContainText("Restoring brings it back as “Verdict proposed”");
  await item.getByRole("button", { name: "History" }).click();
  const history = item.getByRole("list", { name: "History of this claim" });
  await expect(history.getByRole("listitem").last()).toContainText("Eddie Editor deleted the claim");
  await expect(history.getByRole("listitem").last()).toContainText("The survey it relied on was withdrawn.");
  await screenshotForReview(eddie.page, "deleted-claims-list", testInfo);

  // The reviewer sees neither the claim nor the list.
  await rita.reload();
  await expect(rita.listItem(TEXT.citizens)).toHaveCount(0);
  await expect(rita.deletedClaims()).toHaveCount(0);

  // Restore: back in the article, as proposed (approve it again to publish it).
  await item.getByRole("button", { name: "Restore" }).click();
  await expect(eddie.deletedClaims()).toHaveCount(0);
  await expect(eddie.listItem(TEXT.citizens)).toContainText("Verdict proposed");
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");
  await expect(eddie.highlight(TEXT.citizens)).toHaveCount(1);
  await eddie.reload();
  await eddie.openFromList(TEXT.citizens);
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");
  await eddie.details().getByRole("tab", { name: "History" }).click();
  await expect(eddie.details().getByRole("list", { name: "History of this claim" }).getByRole("listitem").last()).toContainText("Eddie Editor restored the claim");
  await rita.reload();
  await expect(rita.listItem(TEXT.citizens)).toContainText("Verdict proposed");
});

test("a reviewer has no Delete on an approved claim, and replaying an editor's delete with the reviewer's session is refused", async ({
  openBrowserAs,
  importSampleCopy,
}) => {
  const url = await importSampleCopy();
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  const eddie = await openBrowserAs("editor");
  await approve(rita, eddie, url, TEXT.citizens, "False");
  await approve(rita, eddie, url, TEXT.leadership, "Unverifiable");

  await rita.reload();
  await rita.openFromList(TEXT.leadership);
  await expect(rita.currentStatus()).toHaveText("Approved");
  await expect(rita.deleteClaimButton()).toHaveCount(0);
  await expect(rita.claimForm()).toContainText("This claim is approved, so only an editor can delete it.");
  const leadershipVersion = await versionOf(rita);
  const leadershipId = (await rita.highlight(TEXT.leadership).getAttribute("data-claim-id"))!;

  // The editor deletes the other approved claim; we keep the request the browser sent.
  await eddie.reload();
  await eddie.openFromList(TEXT.citizens);
  const sent = eddie.page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"] && (r.postData() ?? "").includes("Wrong claim"));
  await eddie.deleteOpenClaimWithReason("Wrong claim marked.");
  const request = await sent;
  await expect(eddie.listItem(TEXT.citizens)).toHaveCount(0);

  // The reviewer replays it for the approved claim they cannot delete: the server refuses.
  const args = JSON.parse(request.postData()!) as [{ claimId: string; version: number; reason: string }];
  expect(args[0].reason).toBe("Wrong claim marked.");
  const headers = request.headers();
  const replay = await rita.page.request.post(request.url(), {
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(headers["next-router-state-tree"] ? { "next-router-state-tree": headers["next-router-state-tree"] } : {}),
    },
    data: JSON.stringify([{ claimId: leadershipId, version: leadershipVersion, reason: "Replayed" }]),
  });
  const body = await replay.text();
  expect(body).toContain("forbidden:claim");
  expect(body).toContain("only an editor can delete it");

  // Nothing was deleted.
  await rita.reload();
  await expect(rita.listItem(TEXT.leadership)).toContainText("Approved");
  await eddie.reload();
  await expect(eddie.listItem(TEXT.leadership)).toContainText("Approved");
  await expect(eddie.deletedClaims().getByRole("listitem")).toHaveCount(1);
});

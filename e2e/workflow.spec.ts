import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Two browsers and several round trips per test: allow for a loaded machine.
test.slow();

// The claim workflow, driven by a reviewer and an editor in two browsers:
// open → in review → verdict proposed → approved, or back with a reason.

test("a reviewer proposes a verdict, cannot approve it even by replaying the editor's request, and an editor approves", async ({
  openBrowserAs,
  importSampleCopy,
}, testInfo) => {
  const url = await importSampleCopy();
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);

  const first = await rita.markText(TEXT.citizens);
  await expect(rita.currentStatus()).toHaveText("Open");
  // No verdict yet: nothing to submit.
  await expect(rita.submitButton()).toBeDisabled();
  await rita.setVerdict("False");
  await rita.fillRationale("The only survey finds a minority.");
  // "Submit for approval" saves the pending edits first.
  await rita.submitForApproval();
  await rita.expectSaved();
  await expect(rita.workflow()).toContainText("Proposed by Rita Reviewer");
  await expect(rita.approveButton()).toHaveCount(0);
  await expect(rita.returnButton()).toHaveCount(0);
  await expect(rita.listItem(TEXT.citizens)).toContainText("Verdict proposed");

  const second = await rita.markText(TEXT.leadership);
  await rita.setVerdict("Unverifiable");
  await rita.submitForApproval();
  const secondVersion = Number((await rita.claimForm().getByText(/^Version \d+/).textContent())!.match(/\d+/)![0]);

  // The editor approves the first claim; we keep the request the browser sent.
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await eddie.openFromList(TEXT.citizens);
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");
  // The approval's own call: `[{ claimId, version }]` (the Checked before panel also posts the open claim's id, with its text).
  const isApproval = (body: string | null) => {
    try {
      const [args] = JSON.parse(body ?? "") as [Record<string, unknown>];
      return args?.claimId === first && Object.keys(args).sort().join() === "claimId,version";
    } catch {
      return false;
    }
  };
  const sent = eddie.page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"] && isApproval(r.postData()));
  await eddie.approve();
  await expect(eddie.workflow()).toContainText("Approved by Eddie Editor");
  await screenshotForReview(eddie.page, "workflow-approved", testInfo);
  const request = await sent;

  // The reviewer replays that request for the second claim with their own session: the server refuses.
  const args = JSON.parse(request.postData()!) as [{ claimId: string; version: number }];
  expect(args[0].claimId).toBe(first);
  const headers = request.headers();
  const replay = await rita.page.request.post(request.url(), {
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(headers["next-router-state-tree"] ? { "next-router-state-tree": headers["next-router-state-tree"] } : {}),
    },
    data: JSON.stringify([{ claimId: second, version: secondVersion }]),
  });
  expect(await replay.text()).toContain("forbidden:auth");

  // The second claim is still waiting for approval.
  await eddie.reload();
  await eddie.openFromList(TEXT.leadership);
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");
  await rita.reload();
  await expect(rita.listItem(TEXT.citizens)).toContainText("Approved");
  await expect(rita.listItem(TEXT.leadership)).toContainText("Verdict proposed");
});

test("an editor returns a verdict with a reason; changing an approved verdict sends it back for approval", async ({ openBrowserAs, importSampleCopy }, testInfo) => {
  const url = await importSampleCopy();
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  await rita.markText(TEXT.majority);
  await rita.setVerdict("Mostly false");
  await rita.submitForApproval();

  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await eddie.openFromList(TEXT.majority);
  // A return needs a reason.
  await eddie.returnButton().click();
  await eddie.returnDialog().getByRole("button", { name: "Return", exact: true }).click();
  await expect(eddie.returnDialog()).toContainText("Say why the verdict is returned.");
  await screenshotForReview(eddie.page, "workflow-return-dialog", testInfo);
  await eddie.returnDialog().getByRole("button", { name: "Cancel" }).click();
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");
  await eddie.returnWithReason("Cite the provincial council results.");
  await expect(eddie.listItem(TEXT.majority)).toContainText("In review");

  // The reviewer sees it back in review, fixes it and submits again.
  await rita.reload();
  await rita.openFromList(TEXT.majority);
  await expect(rita.currentStatus()).toHaveText("In review");
  await rita.fillRationale("Councils are elected; militias hold influence, not control.");
  await rita.submitForApproval();

  await eddie.reload();
  await eddie.openFromList(TEXT.majority);
  await eddie.approve();

  // The editor changes the approved verdict: the approval is withdrawn and the editor is now the proposer.
  await eddie.setVerdict("False");
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");
  await eddie.expectSaved();
  await expect(eddie.workflow()).toContainText("Proposed by Eddie Editor");
  // Four eyes: an editor cannot approve their own proposal.
  await expect(eddie.approveButton()).toBeDisabled();
  await expect(eddie.workflow()).toContainText("another editor must approve it");
  await eddie.reload();
  await eddie.openFromList(TEXT.majority);
  await expect(eddie.currentStatus()).toHaveText("Verdict proposed");
  await expect(eddie.selectedLabel(eddie.verdict())).toHaveText("False");
});

test("an editor approves several claims at once and is told which were skipped and why", async ({ openBrowserAs, importSampleCopy }, testInfo) => {
  const url = await importSampleCopy();
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  for (const [text, verdict] of [
    [TEXT.citizens, "False"],
    [TEXT.leadership, "Unverifiable"],
  ] as const) {
    await rita.markText(text);
    await rita.setVerdict(verdict);
    await rita.submitForApproval();
  }
  await rita.markText(TEXT.opening); // no verdict
  await rita.expectSaved();
  // Reviewers have no bulk actions.
  await expect(rita.page.getByRole("toolbar", { name: "Bulk actions" })).toHaveCount(0);

  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  const bar = eddie.page.getByRole("toolbar", { name: "Bulk actions" });
  for (const text of [TEXT.citizens, TEXT.leadership, TEXT.opening]) {
    await eddie.claimList().getByRole("checkbox", { name: new RegExp(`^Select claim “${text.slice(0, 30)}`) }).check();
  }
  await expect(bar).toContainText("3 selected");
  await screenshotForReview(eddie.page, "workflow-bulk-selected", testInfo);
  await bar.getByRole("button", { name: "Approve selected" }).click();
  await expect(bar.getByRole("status")).toHaveText("2 approved, 1 skipped: no verdict");
  await expect(eddie.listItem(TEXT.citizens)).toContainText("Approved");
  await expect(eddie.listItem(TEXT.leadership)).toContainText("Approved");
  await expect(eddie.listItem(TEXT.opening)).toContainText("Open");
  await expect(bar).toContainText("0 selected");

  await rita.reload();
  await expect(rita.listItem(TEXT.citizens)).toContainText("Approved");
  await expect(rita.listItem(TEXT.leadership)).toContainText("Approved");
});

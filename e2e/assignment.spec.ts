import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Two browsers and several round trips per test: allow for a loaded machine.
test.slow();

// Editors assign claims and articles; a reviewer finds them in "My queue".

test("an editor assigns a claim and the article; the reviewer finds both in My queue and the link opens the claim", async ({
  openBrowserAs,
  importSampleCopy,
}, testInfo) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  const title = (await eddie.heading().textContent())!;
  await eddie.markText(TEXT.leadership);

  await eddie.assignee().selectOption({ label: "Rita Reviewer (reviewer)" });
  await expect(eddie.workflow()).toContainText("Assigned.");
  await expect(eddie.selectedLabel(eddie.assignee())).toHaveText("Rita Reviewer (reviewer)");
  const articleAssignee = eddie.page.getByRole("combobox", { name: "Assigned reviewer" });
  // The claim panel already says "Assigned.": wait for the article's own answer from the server.
  const articleAssigned = eddie.page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await articleAssignee.selectOption({ label: "Rita Reviewer (reviewer)" });
  await articleAssigned;
  await expect(eddie.page.getByText("Assigned.", { exact: true })).toHaveCount(2);

  // The assignment is stored.
  await eddie.reload();
  await expect(eddie.selectedLabel(articleAssignee)).toHaveText("Rita Reviewer (reviewer)");
  await eddie.openFromList(TEXT.leadership);
  await expect(eddie.selectedLabel(eddie.assignee())).toHaveText("Rita Reviewer (reviewer)");

  const rita = await openBrowserAs("reviewer");
  await rita.page.goto("/articles");
  await rita.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My queue" }).click();
  await expect(rita.page.getByRole("heading", { level: 1 })).toHaveText("My queue");
  const claimRow = rita.page.getByRole("table", { name: "Claims assigned to you" }).getByRole("row").filter({ hasText: title });
  await expect(claimRow).toHaveCount(1);
  await expect(claimRow).toContainText("Open");
  const articleRow = rita.page.getByRole("table", { name: "Articles assigned to you" }).getByRole("row").filter({ hasText: title });
  await expect(articleRow.getByRole("link", { name: title })).toHaveAttribute("href", new URL(url, "http://x").pathname);
  await screenshotForReview(rita.page, "my-queue", testInfo);

  // The link opens the article with the claim open.
  await claimRow.getByRole("link", { name: TEXT.leadership }).click();
  await rita.expectReady();
  await expect(rita.quotedText()).toHaveText(TEXT.leadership);
  await expect(rita.workflow()).toContainText("Assignee: Rita Reviewer");
  // Reviewers see who is assigned but cannot change it.
  await expect(rita.assignee()).toHaveCount(0);
  await expect(rita.page.getByText("Assigned reviewer: Rita Reviewer")).toBeVisible();

  // Unassigned, it leaves the queue.
  await eddie.assignee().selectOption({ label: "Unassigned" });
  await expect(eddie.workflow()).toContainText("Unassigned.");
  await rita.page.goto("/queue");
  await expect(rita.page.getByRole("table", { name: "Claims assigned to you" }).getByRole("row").filter({ hasText: title })).toHaveCount(0);
});

import type { ArticlePage } from "./support/article-page";
import { downloadExport } from "./support/export-menu";
import { expect, SAMPLE_MARKDOWN, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";

// Two browsers, a preview and a save of a whole article: allow for a loaded machine.
test.slow();

/** A photo caption of the sample article: a paragraph of its own, gone from the new version. */
const CAPTION = "Women walk past an anti-Israel billboard covering the facade of a building in Tehran on October 26, 2024. (Atta Kenare/AFP)";
const CAPTION_CLAIM = "Women walk past an anti-Israel billboard";
const INSERTED = "Analysts dispute the figure. ";

/** The sample article as the site updated it: a sentence before the first claim, "fear" → "dread" in the second, the caption gone. */
const NEW_VERSION = SAMPLE_MARKDOWN.replace(TEXT.majority, `${INSERTED}${TEXT.majority}`)
  .replace(TEXT.citizens, TEXT.citizens.replace("fear", "dread"))
  .replace(`${CAPTION}\n`, "");

const bringIn = (p: ArticlePage) => p.region().getByRole("button", { name: "Bring in a new version", exact: true });
const dialogOf = (p: ArticlePage) => p.page.getByRole("dialog", { name: "Bring in a new version" });
const recheck = (p: ArticlePage) => p.page.getByRole("region", { name: /^Needs re-check/ });
const recheckItem = (p: ArticlePage, text: RegExp) => recheck(p).getByRole("listitem").filter({ hasText: text });

test("an editor brings in a new version: previewed, saved as revision 2, the first claim keeps exactly its words and the others wait for a re-check", async ({
  openBrowserAs,
  importSampleCopy,
}, testInfo) => {
  expect(NEW_VERSION).not.toContain(CAPTION);
  expect(NEW_VERSION).toContain(`${INSERTED}${TEXT.majority}`);
  const url = await importSampleCopy();

  // A reviewer marks three claims and proposes a verdict on one; an editor approves it.
  const rita = await openBrowserAs("reviewer");
  await rita.open(url);
  const first = await rita.markText(TEXT.majority);
  const changed = await rita.markText(TEXT.citizens);
  await rita.setVerdict("False");
  await rita.submitForApproval();
  const orphaned = await rita.markText(CAPTION_CLAIM);
  await rita.expectSaved();
  // Reviewers cannot bring in a version.
  await expect(bringIn(rita)).toHaveCount(0);

  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await eddie.openFromList(TEXT.citizens);
  await eddie.approve();
  await expect(eddie.currentStatus()).toHaveText("Approved");

  await bringIn(eddie).click();
  const dialog = dialogOf(eddie);
  await expect(dialog).toBeVisible();
  await dialog.getByRole("radio", { name: "Markdown", exact: true }).check();
  await dialog.getByRole("textbox", { name: "New version", exact: true }).fill(NEW_VERSION);
  await dialog.getByRole("textbox", { name: "Note (optional)", exact: true }).fill("The site's update");
  // No save before a preview.
  await expect(dialog.getByRole("button", { name: /^Save as revision/ })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Preview", exact: true }).click();

  const preview = dialog.getByRole("region", { name: "Preview of revision 2" });
  await expect(preview).toContainText("5 words added, 23 words removed.");
  await expect(preview).toContainText("1 claim keeps its words (unchanged)");
  await expect(preview).toContainText("1 claim needs a re-check: its words changed");
  await expect(preview).toContainText("1 claim is orphaned: its words are gone");
  const affected = preview.getByRole("list", { name: "Claims that would need a re-check" });
  const textChanged = affected.getByRole("listitem").filter({ hasText: /^Text changed/ });
  await expect(textChanged.locator("del")).toHaveText("removed: fear");
  await expect(textChanged.locator("ins")).toHaveText("added: dread");
  await expect(affected.getByRole("listitem").filter({ hasText: /^Orphaned/ })).toContainText(`“${CAPTION_CLAIM}”`);
  await screenshotForReview(eddie.page, "new-version-preview", testInfo);
  await eddie.page.setViewportSize({ width: 390, height: 844 });
  await expect(dialog.getByRole("button", { name: "Save as revision 2", exact: true })).toBeVisible();
  await screenshotForReview(eddie.page, "new-version-preview-390", testInfo);
  await eddie.page.setViewportSize({ width: 1366, height: 900 });

  // Editing the text after the preview drops it: what is saved is always what was previewed.
  await dialog.getByRole("textbox", { name: "Note (optional)", exact: true }).fill("The site's update, 2 December");
  await expect(dialog.getByRole("button", { name: /^Save as revision/ })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Preview", exact: true }).click();
  await dialog.getByRole("button", { name: "Save as revision 2", exact: true }).click();

  // The new revision is loaded.
  await expect(dialog).toHaveCount(0);
  await expect(eddie.notice()).toContainText("Saved the new version as revision 2. 2 claims need a re-check");
  await expect(eddie.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);
  await expect(eddie.articleText()).not.toContainText(CAPTION);

  // The first claim still highlights exactly its words.
  await expect.poll(() => eddie.highlightedText(first)).toBe(TEXT.majority);
  await expect(eddie.highlightOf(first)).not.toHaveAttribute("data-anchor-state");

  // The second is in Needs re-check with its word diff, and no longer approved.
  const changedItem = recheckItem(eddie, /Text changed/);
  await expect(changedItem.locator("del")).toHaveText("removed: fear");
  await expect(changedItem.locator("ins")).toHaveText("added: dread");
  await expect(changedItem).toContainText("Verdict proposed");
  await expect(eddie.highlightOf(changed)).toHaveAttribute("data-anchor-state", "changed");
  await expect.poll(() => eddie.highlightedText(changed)).toBe(TEXT.citizens.replace("fear", "dread"));

  // The third is listed as orphaned with its old quote, and highlights nothing.
  await expect(recheckItem(eddie, /Orphaned/)).toContainText(`“${CAPTION_CLAIM}”`);
  await expect(eddie.highlightOf(orphaned)).toHaveCount(0);
  await recheck(eddie).scrollIntoViewIfNeeded();
  await screenshotForReview(eddie.page, "new-version-saved", testInfo);
  await eddie.page.setViewportSize({ width: 390, height: 844 });
  await recheck(eddie).scrollIntoViewIfNeeded();
  await screenshotForReview(eddie.page, "new-version-saved-390", testInfo);
  await eddie.page.setViewportSize({ width: 1366, height: 900 });

  // The reviewer, after a reload, sees the new text and still no button.
  await rita.reload();
  await expect(rita.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);
  await expect(bringIn(rita)).toHaveCount(0);
});

test("an uploaded file sets the format; the same text is refused readably and a file of another kind is turned away, the typed note kept", async ({ openBrowserAs, importSampleCopy }) => {
  const url = await importSampleCopy();
  const eddie = await openBrowserAs("editor");
  await eddie.open(url);
  await bringIn(eddie).click();
  const dialog = dialogOf(eddie);
  await dialog.getByRole("textbox", { name: "Note (optional)", exact: true }).fill("Kept note");

  const upload = dialog.getByLabel("Or upload a file", { exact: true });
  await upload.setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await expect(dialog).toContainText("Upload a .txt, .md, .html or Claimdesk .json file.");

  await upload.setInputFiles({ name: "article.md", mimeType: "text/markdown", buffer: Buffer.from(SAMPLE_MARKDOWN, "utf8") });
  await expect(dialog.getByRole("radio", { name: "Markdown", exact: true })).toBeChecked();
  await expect(dialog.getByRole("textbox", { name: "New version", exact: true })).toHaveValue(SAMPLE_MARKDOWN);
  await dialog.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(dialog.getByRole("alert")).toHaveText("This version is the same as revision 1. Nothing was saved.");
  await expect(dialog.getByRole("textbox", { name: "Note (optional)", exact: true })).toHaveValue("Kept note");

  // Cancel closes the dialog and writes nothing; what was typed is still there on opening it again.
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(eddie.notice()).toHaveCount(0);
  await bringIn(eddie).click();
  await expect(dialog.getByRole("textbox", { name: "Note (optional)", exact: true })).toHaveValue("Kept note");
});

test("an editor brings in a Claimdesk JSON export of the article as a new version: its text becomes revision 2, its claims stay out", async ({ openBrowserAs, importSampleCopy }, testInfo) => {
  const eddie = await openBrowserAs("editor");
  const dialog = dialogOf(eddie);

  // Elsewhere, a copy of the article was updated and has a claim of its own; it is exported as JSON.
  const elsewhere = await importSampleCopy("json-source");
  await eddie.open(elsewhere);
  await bringIn(eddie).click();
  await dialog.getByRole("radio", { name: "Markdown", exact: true }).check();
  await dialog.getByRole("textbox", { name: "New version", exact: true }).fill(NEW_VERSION);
  await dialog.getByRole("button", { name: "Preview", exact: true }).click();
  await dialog.getByRole("button", { name: "Save as revision 2", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(eddie.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);
  await eddie.markText(TEXT.citizens.replace("fear", "dread"));
  await eddie.expectSaved();
  const exported = await downloadExport(eddie.page, "JSON");
  expect(exported.filename).toMatch(/\.json$/);

  // This article has a claim of its own.
  const url = await importSampleCopy("json-target");
  await eddie.open(url);
  const own = await eddie.markText(TEXT.majority);
  await eddie.expectSaved();

  await bringIn(eddie).click();
  await dialog.getByLabel("Or upload a file", { exact: true }).setInputFiles({ name: exported.filename, mimeType: "application/json", buffer: Buffer.from(exported.text, "utf8") });
  await expect(dialog.getByRole("radio", { name: "Claimdesk JSON", exact: true })).toBeChecked();
  // Said before anything is previewed: the file's claims are not brought in.
  await expect(dialog).toContainText("The file's claims are not brought into this article");
  await dialog.getByRole("textbox", { name: "Note (optional)", exact: true }).fill("The desk's updated copy");
  await dialog.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = dialog.getByRole("region", { name: "Preview of revision 2" });
  await expect(preview).toContainText("1 claim keeps its words (unchanged)");
  await expect(dialog).toContainText("The file holds 1 claim; it is not brought in.");
  await screenshotForReview(eddie.page, "new-version-json-preview", testInfo);
  await dialog.getByRole("button", { name: "Save as revision 2", exact: true }).click();

  await expect(dialog).toHaveCount(0);
  await expect(eddie.notice()).toContainText("Saved the new version as revision 2. Every claim kept its words.");
  await expect(eddie.articleText()).toContainText(`${INSERTED}${TEXT.majority}`);
  await expect(eddie.articleText()).not.toContainText(CAPTION);
  await expect.poll(() => eddie.highlightedText(own)).toBe(TEXT.majority);
  // Only the article's own claim: none came from the file.
  await expect(eddie.claimsHeading()).toHaveText("Claims (1)");
});

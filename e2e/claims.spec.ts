import { SAMPLE_TITLE } from "./support/accounts";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { MAJORITY_LONG, TEXT } from "./support/sample-text";

// Marking, opening, listing and deleting claims, as a reviewer does it with
// the mouse or the keyboard.

test("a reviewer marks a claim on the sample article by dragging the mouse over it", async ({ articlePage, sampleArticlePath, openBrowserAs }) => {
  await articlePage.open(sampleArticlePath);
  await expect(articlePage.heading()).toHaveText(SAMPLE_TITLE);
  await expect(articlePage.markClaimButton()).toHaveAccessibleName("Mark claim (select text first)");

  await articlePage.selectTextWithMouse(TEXT.majority);
  const id = await articlePage.markClaim();

  // The words are highlighted, with no verdict yet.
  const highlight = articlePage.highlightOf(id);
  await expect(highlight).toHaveText(TEXT.majority);
  await expect(highlight).toHaveAttribute("data-verdict", "none");
  // The claim opens, ready to be checked: "Claim as checked" starts as the quote.
  await expect(articlePage.quotedText()).toHaveText(TEXT.majority);
  await expect(articlePage.claimAsChecked()).toHaveValue(TEXT.majority);
  await expect(articlePage.claimant()).toHaveValue("");
  await expect(articlePage.selectedLabel(articlePage.verdict())).toHaveText("No verdict yet");
  await expect(articlePage.currentStatus()).toHaveText("Open");
  await expect(articlePage.saveStatus()).toHaveText("Saved");
  await expect(articlePage.sourceGroups()).toHaveCount(0);
  // It is listed, as the open claim.
  await expect(articlePage.listItem(TEXT.majority).and(articlePage.page.locator("[aria-current=true]"))).toBeVisible();

  // It is stored: a colleague opening the article sees the same highlight.
  const colleague = await openBrowserAs("editor");
  await colleague.open(sampleArticlePath);
  await expect(colleague.highlightOf(id)).toHaveText(TEXT.majority);
  await colleague.page.close();

  // Leave the shared sample article as it was.
  await articlePage.deleteOpenClaim();
  await expect(articlePage.highlightOf(id)).toHaveCount(0);
});

test("a reviewer marks claims with the keyboard only and reopens one with Enter", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  const keyboard = articlePage.page.keyboard;

  // Caret before the sentence, Shift+ArrowRight over it, Ctrl+Alt+M.
  await articlePage.selectTextWithKeyboard(TEXT.majority);
  const first = await articlePage.markClaim({ using: "shortcut" });
  await expect(articlePage.highlight(TEXT.majority)).toHaveAttribute("data-claim-id", first);
  await expect(articlePage.claimAsChecked()).toHaveValue(TEXT.majority);
  // The caret stays in the article, so the reviewer goes on with the keyboard.
  await expect(articlePage.articleText()).toBeFocused();

  // ArrowRight collapses the selection to its end, the next one steps over the space.
  await keyboard.press("ArrowRight");
  await keyboard.press("ArrowRight");
  await articlePage.expectCaretBetween("militias ", "that act");
  await articlePage.extendSelectionWithKeyboard(TEXT.majorityContinued);
  const second = await articlePage.markClaim({ using: "shortcut" });
  await expect(articlePage.highlight(TEXT.majorityContinued)).toHaveAttribute("data-claim-id", second);
  await expect(articlePage.quotedText()).toHaveText(TEXT.majorityContinued);

  // Back into the first claim's last word, then Enter opens it.
  await keyboard.press("ArrowLeft"); // collapse to the start of the selection
  await keyboard.press("ArrowLeft"); // the space between the two claims
  await keyboard.press("ArrowLeft"); // inside "militias"
  await articlePage.expectCaretBetween("militia", "s that");
  await keyboard.press("Enter");
  await expect(articlePage.quotedText()).toHaveText(TEXT.majority);
  await expect(articlePage.listItem(TEXT.majority)).toHaveAttribute("aria-current", "true");
  await expect(articlePage.listItem(TEXT.majorityContinued)).not.toHaveAttribute("aria-current", "true");

  // Enter never edits the article: the text and both highlights are unchanged.
  await expect(articlePage.articleText().getByRole("paragraph").filter({ hasText: TEXT.majority })).toContainText(MAJORITY_LONG);
  await expect(articlePage.claimsHeading()).toHaveText("Claims (2)");

  // Both survive a reload.
  await articlePage.reload();
  await expect(articlePage.highlight(TEXT.majority)).toHaveAttribute("data-claim-id", first);
  await expect(articlePage.highlight(TEXT.majorityContinued)).toHaveAttribute("data-claim-id", second);
});

test("overlapping claims nest, and a click on shared words asks which claim to open", async ({ articlePage, importSampleCopy }, testInfo) => {
  await articlePage.open(await importSampleCopy());

  const inner = await articlePage.markText(TEXT.majority);
  // A longer span that contains the first claim, dragged from inside its highlight.
  const outer = await articlePage.markText(MAJORITY_LONG);
  expect(outer).not.toBe(inner);

  // Each claim keeps its own highlight over exactly its words, one inside the other.
  await expect.poll(() => articlePage.highlightedText(inner)).toBe(TEXT.majority);
  await expect.poll(() => articlePage.highlightedText(outer)).toBe(MAJORITY_LONG);
  await expect(articlePage.articleText().locator(`mark[data-claim-id="${outer}"] mark[data-claim-id="${inner}"]`)).toHaveText(TEXT.majority);
  await expect(articlePage.claimList().getByRole("button")).toHaveCount(2);

  // A click on words both claims cover: the reviewer chooses.
  await articlePage.highlightOf(inner).click();
  await expect(articlePage.chooser()).toBeVisible();
  await expect(articlePage.chooser()).toContainText("2 claims cover this text.");
  await expect(articlePage.chooser().getByRole("button", { name: /^“/ })).toHaveCount(2);
  // Innermost first.
  await expect(articlePage.chooser().getByRole("button", { name: /^“/ }).first()).toHaveAccessibleName(new RegExp(`^“${TEXT.majority}”`));
  await expect(articlePage.chooserItem(MAJORITY_LONG)).toBeVisible();
  await screenshotForReview(articlePage.page, "claim-chooser", testInfo);

  await articlePage.chooserItem(MAJORITY_LONG).click();
  await expect(articlePage.chooser()).toBeHidden();
  await expect(articlePage.quotedText()).toHaveText(MAJORITY_LONG);
  await expect(articlePage.listItem(MAJORITY_LONG)).toHaveAttribute("aria-current", "true");

  // And the other way round.
  await articlePage.highlightOf(inner).click();
  await articlePage.chooserItem(TEXT.majority).click();
  await expect(articlePage.chooser()).toBeHidden();
  await expect(articlePage.quotedText()).toHaveText(TEXT.majority);

  // Words only the longer claim covers open it straight away.
  await articlePage.highlightOf(outer).filter({ hasText: "loyalty to Tehran" }).click();
  await expect(articlePage.chooser()).toBeHidden();
  await expect(articlePage.quotedText()).toHaveText(MAJORITY_LONG);

  // Escape closes the chooser without opening anything else.
  await articlePage.highlightOf(inner).click();
  await expect(articlePage.chooser()).toBeVisible();
  await articlePage.page.keyboard.press("Escape");
  await expect(articlePage.chooser()).toBeHidden();
  await expect(articlePage.quotedText()).toHaveText(MAJORITY_LONG);

  // Both are stored with their own anchors.
  await articlePage.reload();
  await expect.poll(() => articlePage.highlightedText(inner)).toBe(TEXT.majority);
  await expect.poll(() => articlePage.highlightedText(outer)).toBe(MAJORITY_LONG);
});

test("the side list lists claims in document order and takes the reviewer to each one", async ({ articlePage, importSampleCopy }, testInfo) => {
  await articlePage.open(await importSampleCopy());
  const page = articlePage.page;

  // Marked out of order, with a verdict each.
  const marks: [string, string][] = [
    [TEXT.citizens, "Unverifiable"],
    [TEXT.leadership, "Misleading"],
    [TEXT.opening, "Mostly true"],
  ];
  for (const [quote, verdict] of marks) {
    await articlePage.markText(quote);
    await articlePage.setVerdict(verdict);
    await articlePage.expectSaved();
  }
  await articlePage.markText(TEXT.majority);

  const items = articlePage.claimList().getByRole("listitem");
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText(`“${TEXT.opening}”`);
  await expect(items.nth(0)).toContainText("Mostly true");
  await expect(items.nth(1)).toContainText(`“${TEXT.majority}”`);
  await expect(items.nth(1)).toContainText("No verdict");
  await expect(items.nth(2)).toContainText(`“${TEXT.citizens}”`);
  await expect(items.nth(2)).toContainText("Unverifiable");
  await expect(items.nth(3)).toContainText(`“${TEXT.leadership}”`);
  await expect(items.nth(3)).toContainText("Misleading");

  // Back at the top of the page, the last claim is far out of view.
  await page.mouse.wheel(0, -20_000);
  const leadership = articlePage.highlight(TEXT.leadership);
  await expect(leadership).not.toBeInViewport();

  await articlePage.listItem(TEXT.leadership).click();
  // The article scrolls to the highlight and the claim opens, the focus in its form;
  // Escape goes back to the article, the caret at the start of the claim.
  await expect(leadership).toBeInViewport();
  await expect(articlePage.claimAsChecked()).toBeFocused();
  await expect(articlePage.quotedText()).toHaveText(TEXT.leadership);
  await articlePage.page.keyboard.press("Escape");
  await expect(articlePage.articleText()).toBeFocused();
  await articlePage.expectCaretBetween("", "Iraq’s leadership");
  await expect(articlePage.selectedLabel(articlePage.verdict())).toHaveText("Misleading");
  await expect(articlePage.listItem(TEXT.leadership)).toHaveAttribute("aria-current", "true");

  // And back up to the first one.
  const opening = articlePage.highlight(TEXT.opening);
  await expect(opening).not.toBeInViewport();
  await articlePage.listItem(TEXT.opening).click();
  await expect(opening).toBeInViewport();
  await expect(articlePage.claimAsChecked()).toBeFocused();
  await expect(articlePage.quotedText()).toHaveText(TEXT.opening);
  await expect(articlePage.listItem(TEXT.leadership)).not.toHaveAttribute("aria-current", "true");

  // The highlights carry their verdicts.
  await expect(opening).toHaveAttribute("data-verdict", "mostly_true");
  await expect(articlePage.highlight(TEXT.citizens)).toHaveAttribute("data-verdict", "unverifiable");
  await expect(leadership).toHaveAttribute("data-verdict", "misleading");
  await expect(articlePage.highlight(TEXT.majority)).toHaveAttribute("data-verdict", "none");

  await articlePage.listItem(TEXT.citizens).click();
  await expect(articlePage.highlight(TEXT.citizens)).toBeInViewport();
  await screenshotForReview(page, "article-with-claims", testInfo);
});

test("deleting a claim asks first; Cancel keeps it, Delete removes it for good", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  const id = await articlePage.markText(TEXT.citizens);
  await articlePage.fillRationale("Polling by several institutes says otherwise.");
  await articlePage.expectSaved();

  await articlePage.deleteClaimButton().click();
  const dialog = articlePage.deleteDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("The highlight, verdict, rationale and sources disappear from the article.");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toBeHidden();
  // Nothing changed.
  await expect(articlePage.highlightOf(id)).toHaveText(TEXT.citizens);
  await expect(articlePage.listItem(TEXT.citizens)).toBeVisible();
  await expect(articlePage.rationale()).toHaveValue("Polling by several institutes says otherwise.");

  await articlePage.deleteClaimButton().click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(articlePage.highlightOf(id)).toHaveCount(0);
  await expect(articlePage.claimsHeading()).toHaveText("Claims (0)");
  await expect(articlePage.page.getByText("No claims yet.")).toBeVisible();
  await expect(articlePage.noClaimOpen()).toBeVisible();

  await articlePage.reload();
  await expect(articlePage.highlights()).toHaveCount(0);
  await expect(articlePage.claimsHeading()).toHaveText("Claims (0)");
});

test("“Mark claim” with nothing selected explains what to do and creates nothing", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  // A caret, no selection.
  await articlePage.placeCaretBefore(TEXT.opening);
  await expect(articlePage.markClaimButton()).toHaveAccessibleName("Mark claim (select text first)");
  await articlePage.markClaimButton().click();
  await expect(articlePage.notice()).toHaveText("Select the words of the claim in the article first, then press “Mark claim”.");
  await articlePage.placeCaretBefore(TEXT.leadership);
  await articlePage.page.keyboard.press("Control+Alt+m");
  await expect(articlePage.highlights()).toHaveCount(0);
  await expect(articlePage.claimsHeading()).toHaveText("Claims (0)");

  // Selecting and marking then works, and the hint goes away.
  await articlePage.markText(TEXT.citizens);
  await expect(articlePage.notice()).toBeHidden();
  await expect(articlePage.claimsHeading()).toHaveText("Claims (1)");
});

// Next's client router replays the page's first server payload on Back; the
// page must catch up with what was saved since.
test("Back to the article after visiting the list shows the claims marked meanwhile", async ({ articlePage, importSampleCopy }) => {
  const url = await importSampleCopy();
  await articlePage.open(url);
  const id = await articlePage.markText(TEXT.citizens);
  await articlePage.setVerdict("False");
  await articlePage.expectSaved();
  const page = articlePage.page;

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Articles", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(url);
  await articlePage.expectReady();
  await expect(articlePage.claimsHeading()).toHaveText("Claims (1)", { timeout: 5_000 });
  await expect(articlePage.highlightOf(id)).toHaveAttribute("data-verdict", "false", { timeout: 5_000 });
});

test("a verdict badge in the claim list stays on one line, on a desktop and on a 390 px phone", async ({ articlePage, importSampleCopy }) => {
  await articlePage.open(await importSampleCopy());
  const marks: [string, string][] = [
    [TEXT.citizens, "Unverifiable"],
    [TEXT.leadership, "Mostly false"],
  ];
  for (const [quote, verdict] of marks) {
    await articlePage.markText(quote);
    await articlePage.setVerdict(verdict);
    await articlePage.expectSaved();
  }
  for (const width of [1366, 390]) {
    await articlePage.page.setViewportSize({ width, height: width > 400 ? 900 : 844 });
    // On a phone the list is a sheet opened from its button.
    if (width < 1024) await articlePage.claimsButton().click();
    for (const [quote, verdict] of marks) {
      const badge = articlePage.listItem(quote).getByText(verdict, { exact: true });
      await badge.scrollIntoViewIfNeeded();
      // One line: the badge is as tall as its line box plus its padding, and its text is not cut.
      const box = await badge.evaluate((el) => {
        const pill = el.closest("span[title]") as HTMLElement;
        const s = getComputedStyle(pill);
        const oneLine = parseFloat(s.lineHeight) + parseFloat(s.paddingTop) + parseFloat(s.paddingBottom);
        return { height: pill.getBoundingClientRect().height, oneLine, cut: el.scrollWidth > el.clientWidth };
      });
      expect(Math.abs(box.height - box.oneLine), `${verdict} at ${width} px: ${box.height} px tall, one line is ${box.oneLine} px`).toBeLessThanOrEqual(1);
      expect(box.cut, `${verdict} at ${width} px is cut`).toBe(false);
    }
  }
});

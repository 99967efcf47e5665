import { expect, type Locator, type Page } from "@playwright/test";

/** What a reviewer types into one source of a claim. Omitted fields are left as they are. */
export type SourceInput = {
  url?: string;
  title?: string;
  publisher?: string;
  excerpt?: string;
  /** The visible label: "Supports the claim", "Refutes the claim" or "Context". */
  stance?: string;
  /** yyyy-mm-dd */
  accessedOn?: string;
};

/** Where a piece of the article text sits on screen (viewport coordinates, CSS pixels). */
type TextBox = { first: DOMRectLike; last: DOMRectLike; before: DOMRectLike | null };
type DOMRectLike = { left: number; right: number; top: number; bottom: number };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The article workspace (/articles/[id]) driven the way a reviewer drives it:
 * mouse drags and Shift+arrow selections in the article, the "Mark claim"
 * button or Ctrl+Alt+M, and the labelled fields of the claim panel.
 *
 * Locators use roles and accessible names only; the two exceptions are the
 * claim highlights (`mark[data-claim-id]`, which have no role) and the caret,
 * which only the DOM selection can tell.
 */
export class ArticlePage {
  constructor(readonly page: Page) {}

  // ---- the page -----------------------------------------------------------

  readonly heading = () => this.page.getByRole("heading", { level: 1 });
  /** The <section> holding the toolbar and the article. */
  readonly region = () => this.page.getByRole("region", { name: "Article and marking tools" });
  /** The TipTap editor: a read-only textbox with a caret. */
  readonly articleText = () => this.region().getByRole("textbox", { name: "Article text" });
  /** Its name is "Mark claim (select text first)" while nothing is selected. */
  readonly markClaimButton = () => this.region().getByRole("button", { name: /^Mark claim/ });
  /** The info line shown above the article (e.g. "Select the words of the claim … first"). */
  readonly notice = () => this.region().getByRole("status").and(this.page.locator(":not([data-presence])"));
  /** "Ana Editor is editing the text (since 14:02)": empty while nobody else is editing. */
  readonly textEditors = () => this.region().getByRole("status", { name: "Who is editing the text" });

  readonly claimsHeading = () => this.page.getByRole("heading", { level: 2, name: /^Claims \(\d+\)$/ });
  /** Below `lg` (1024 px) the claim list opens from this toolbar button, as a sheet over the article. */
  readonly claimsButton = () => this.region().getByRole("button", { name: /^Claims \(\d+\)$/ });
  readonly claimList = () => this.page.getByRole("list", { name: "Claims in document order" });
  /** The button of one claim in the side list, found by its quote (shown in curly quotes). */
  readonly listItem = (quote: string) => this.claimList().getByRole("button", { name: new RegExp(`^“${escapeRegExp(quote)}”`) });
  /** "All changes saved" or "N unsaved", next to the claims heading. */
  readonly unsavedSummary = () => this.page.getByRole("complementary").filter({ has: this.claimsHeading() }).getByText(/All changes saved|\d+ unsaved/);

  // ---- the claim panel ----------------------------------------------------

  /** The claim panel: a column beside the article from `lg` up, a sheet (dialog) over it on narrower screens. */
  readonly details = () =>
    this.page.getByRole("complementary", { name: "Claim details" }).or(this.page.getByRole("dialog", { name: "Claim details" }));
  readonly claimForm = () => this.details().getByRole("form", { name: "Claim" });
  readonly noClaimOpen = () => this.details().getByText("No claim open");
  readonly quotedText = () => this.claimForm().getByRole("figure", { name: /Quoted text/ }).getByRole("blockquote");
  readonly claimAsChecked = () => this.claimForm().getByRole("textbox", { name: "Claim as checked", exact: true });
  readonly claimant = () => this.claimForm().getByRole("textbox", { name: "Claimant", exact: true });
  readonly verdict = () => this.claimForm().getByRole("combobox", { name: "Verdict", exact: true });
  /** The claim's workflow panel: status, proposer/approver, the move buttons and (editors) the assignee. */
  readonly workflow = () => this.claimForm().getByRole("region", { name: "Status", exact: true });
  /** The status badge: "Open", "In review", "Verdict proposed" or "Approved". */
  readonly currentStatus = () => this.workflow().getByText(/^(Open|In review|Verdict proposed|Approved)$/);
  readonly submitButton = () => this.workflow().getByRole("button", { name: "Submit for approval", exact: true });
  readonly approveButton = () => this.workflow().getByRole("button", { name: "Approve", exact: true });
  readonly returnButton = () => this.workflow().getByRole("button", { name: "Return", exact: true });
  readonly assignee = () => this.workflow().getByRole("combobox", { name: "Assignee", exact: true });
  readonly returnDialog = () => this.page.getByRole("dialog", { name: "Return this verdict" });
  readonly rationale = () => this.claimForm().getByRole("textbox", { name: "Rationale", exact: true });
  readonly saveStatus = () => this.claimForm().getByRole("status");
  readonly retryButton = () => this.claimForm().getByRole("button", { name: "Retry", exact: true });
  readonly addSourceButton = () => this.claimForm().getByRole("button", { name: "Add source", exact: true });
  readonly deleteClaimButton = () => this.claimForm().getByRole("button", { name: "Delete claim", exact: true });
  /** Source n (1-based), a fieldset with legend "Source n". */
  readonly source = (n: number) => this.claimForm().getByRole("group", { name: `Source ${n}`, exact: true });
  readonly sourceGroups = () => this.claimForm().getByRole("group", { name: /^Source \d+$/ });
  readonly sourceField = (n: number, label: "Source URL" | "Source title" | "Publisher" | "Excerpt" | "Stance" | "Accessed on") =>
    this.source(n).getByLabel(label, { exact: true });

  // ---- dialogs ------------------------------------------------------------

  readonly chooser = () => this.page.getByRole("dialog", { name: "Choose a claim" });
  /** A claim in the chooser, by its quote. */
  readonly chooserItem = (quote: string) => this.chooser().getByRole("button", { name: new RegExp(`^“${escapeRegExp(quote)}”`) });
  readonly conflictDialog = () => this.page.getByRole("dialog", { name: "This claim was changed by someone else" });
  /** One row of the conflict table: [field, your version, saved version]. */
  readonly conflictRow = (field: string) => this.conflictDialog().getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: field, exact: true }) });
  readonly deleteDialog = () => this.page.getByRole("alertdialog", { name: "Delete this claim?" });
  /** The question about a draft this browser kept from an earlier version of the open claim. */
  readonly staleDraft = () => this.details().getByRole("region", { name: "You have unsaved changes from an earlier version of this claim" });
  /** One row of its table: [field, your draft, saved now]. */
  readonly staleDraftRow = (field: string) => this.staleDraft().getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: field, exact: true }) });

  // ---- the header ---------------------------------------------------------

  readonly signOutButton = () => this.page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true });
  /** Asked on signing out with unsaved changes. */
  readonly signOutDialog = () => this.page.getByRole("alertdialog", { name: "Sign out with unsaved changes?" });
  /** The reason an editor gives for deleting an approved claim. */
  readonly deleteReason = () => this.deleteDialog().getByRole("textbox", { name: "Reason", exact: true });
  /** Editors' "Deleted claims" list in the side column. */
  readonly deletedClaims = () => this.page.getByRole("list", { name: /^Deleted claims/ });
  /** One deleted claim, named by its quote. */
  readonly deletedItem = (quote: string) => this.deletedClaims().getByRole("listitem", { name: new RegExp(`^“${escapeRegExp(quote)}”`) });

  // ---- highlights ---------------------------------------------------------

  /** Every highlight element of the article (overlapping claims give nested <mark>s). */
  readonly highlights = () => this.articleText().locator("mark[data-claim-id]");
  /** The <mark> element(s) of one claim: more than one where another claim overlaps it. */
  readonly highlightOf = (claimId: string) => this.articleText().locator(`mark[data-claim-id="${claimId}"]`);
  /** The highlight whose text is exactly `text` (a claim no other claim cuts into). */
  readonly highlight = (text: string) => this.highlights().filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });

  /** The distinct claim ids highlighted in the article, in document order. */
  async highlightedClaimIds(): Promise<string[]> {
    const ids = await this.highlights().evaluateAll((marks) => marks.map((m) => m.getAttribute("data-claim-id")!));
    return [...new Set(ids)];
  }

  /** The words a claim's highlight covers, joined across the pieces an overlapping claim splits it into. */
  async highlightedText(claimId: string): Promise<string> {
    return this.highlightOf(claimId).evaluateAll((marks, id) => {
      const outermost = marks.filter((m) => !m.parentElement?.closest(`mark[data-claim-id="${id}"]`));
      return outermost.map((m) => m.textContent ?? "").join("");
    }, claimId);
  }

  // ---- navigation ---------------------------------------------------------

  /** Opens an article and waits until it is interactive (the editor only exists once React runs). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.expectReady();
  }

  /** Reloads the page. Only when nothing is unsaved: otherwise the browser asks first (see tests on leaving). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.expectReady();
  }

  async expectReady(): Promise<void> {
    await expect(this.articleText()).toBeVisible();
    await expect(this.articleText()).toHaveAttribute("contenteditable", "true");
    await expect(this.claimsHeading().or(this.claimsButton())).toBeVisible();
  }

  // ---- selecting text -----------------------------------------------------

  /**
   * Finds `text` in the article, scrolls it to the middle of the viewport and
   * returns the boxes of its first and last characters (and of the character
   * before it, if any). Text may run across several DOM text nodes (highlights
   * split them) but not across paragraphs.
   */
  private async locateText(text: string): Promise<TextBox> {
    return this.articleText().evaluate(async (root, wanted) => {
      // Let what the page queued for the next frame run first (TipTap's focus() after Edit text restores
      // ProseMirror's selection in a frame callback): a click before it would be overwritten by it, which
      // no person is quick enough to meet.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const nodes: Text[] = [];
      const starts: number[] = [];
      let all = "";
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        starts.push(all.length);
        nodes.push(n as Text);
        all += (n as Text).data;
      }
      const index = all.indexOf(wanted);
      if (index < 0) throw new Error(`The article does not contain: ${wanted}`);
      const at = (offset: number) => {
        let i = starts.length - 1;
        while (i > 0 && starts[i]! > offset) i--;
        return { node: nodes[i]!, offset: offset - starts[i]! };
      };
      const charRange = (offset: number) => {
        const p = at(offset);
        const r = document.createRange();
        r.setStart(p.node, p.offset);
        r.setEnd(p.node, p.offset + 1);
        return r;
      };
      const firstRange = charRange(index);
      const lastRange = charRange(index + wanted.length - 1);
      // Bring the start of the text to the middle of the screen, as a reader scrolls to it.
      const startBox = firstRange.getBoundingClientRect();
      window.scrollBy({ top: startBox.top - window.innerHeight / 2, behavior: "instant" });
      const box = (r: Range) => {
        const b = r.getClientRects()[0] ?? r.getBoundingClientRect();
        return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      };
      return { first: box(firstRange), last: box(lastRange), before: index > 0 ? box(charRange(index - 1)) : null };
    }, text);
  }

  /**
   * The text currently selected in the page (what the user sees highlighted by
   * the browser). Read after the browser has delivered its "selectionchange"
   * events, which ProseMirror needs to see the selection: a person never
   * presses the next key within the same millisecond.
   */
  async selectedText(): Promise<string> {
    return this.page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return window.getSelection()?.toString() ?? "";
    });
  }

  /** The words either side of the caret, within its paragraph: `{ before: "…militia", after: "s that…" }`. */
  async caretContext(chars = 12): Promise<{ before: string; after: string } | null> {
    return this.page.evaluate(async (n) => {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const sel = window.getSelection();
      if (!sel || !sel.isCollapsed || !sel.focusNode) return null;
      const element = sel.focusNode.nodeType === Node.TEXT_NODE ? sel.focusNode.parentElement : (sel.focusNode as Element);
      const block = element?.closest(".ProseMirror p, .ProseMirror h2, .ProseMirror h3, .ProseMirror li, .ProseMirror blockquote");
      if (!block) return null;
      const head = document.createRange();
      head.setStart(block, 0);
      head.setEnd(sel.focusNode, sel.focusOffset);
      const before = head.toString();
      const after = (block.textContent ?? "").slice(before.length);
      return { before: before.slice(-n), after: after.slice(0, n) };
    }, chars);
  }

  /** Asserts where the caret is, by the characters just before and after it. */
  async expectCaretBetween(before: string, after: string): Promise<void> {
    await expect
      .poll(
        async () => {
          const c = await this.caretContext(Math.max(before.length, after.length));
          return c ? { before: c.before.endsWith(before), after: c.after.startsWith(after), seen: `${c.before}|${c.after}` } : null;
        },
        { message: `the caret sits between “${before}” and “${after}”` },
      )
      .toMatchObject({ before: true, after: true });
  }

  /** Drags the mouse from the first to the last character of `text`, like a reader selecting a sentence. */
  async selectTextWithMouse(text: string): Promise<void> {
    const { first, last } = await this.locateText(text);
    const y1 = (first.top + first.bottom) / 2;
    const y2 = (last.top + last.bottom) / 2;
    // Just inside the outer edges, so the caret lands before the first and after the last character.
    const x1 = first.left + Math.min(1, (first.right - first.left) / 4);
    const x2 = last.right - Math.min(1, (last.right - last.left) / 4);
    await this.page.mouse.move(x1, y1);
    await this.page.mouse.down();
    await this.page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, { steps: 5 });
    await this.page.mouse.move(x2, y2, { steps: 5 });
    await this.page.mouse.up();
    await expect.poll(() => this.selectedText(), { message: `the mouse selected “${text}”` }).toBe(text);
    await expect(this.markClaimButton()).toHaveAccessibleName("Mark claim");
  }

  /**
   * Clicks just before the first character of `text` to put the caret there.
   * The click opens a claim if that spot is highlighted, as a real click would.
   */
  async placeCaretBefore(text: string): Promise<void> {
    const { first } = await this.locateText(text);
    await this.page.mouse.click(first.left + Math.min(1, (first.right - first.left) / 4), (first.top + first.bottom) / 2);
    await expect(this.articleText()).toBeFocused();
    await expect
      .poll(async () => (await this.caretContext(text.length))?.after, { message: `the caret is just before “${text}”` })
      .toBe(text);
  }

  /** Puts the caret before `text`, then extends the selection over it with Shift+ArrowRight. */
  async selectTextWithKeyboard(text: string): Promise<void> {
    await this.placeCaretBefore(text);
    await this.extendSelectionWithKeyboard(text);
  }

  /** From the caret, Shift+ArrowRight once per character of `text` (one per grapheme, as the browser moves). */
  async extendSelectionWithKeyboard(text: string): Promise<void> {
    const characters = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)].length;
    for (let i = 0; i < characters; i++) await this.page.keyboard.press("Shift+ArrowRight");
    await expect.poll(() => this.selectedText(), { message: `Shift+arrows selected “${text}”` }).toBe(text);
    await expect(this.markClaimButton()).toHaveAccessibleName("Mark claim");
  }

  // ---- claims -------------------------------------------------------------

  /**
   * Marks the current selection as a claim, with the toolbar button or the
   * Ctrl+Alt+M shortcut, and returns the new claim's id once its highlight is
   * in the article and its form is open.
   */
  async markClaim({ using = "button" }: { using?: "button" | "shortcut" } = {}): Promise<string> {
    const selected = await this.selectedText();
    const before = new Set(await this.highlightedClaimIds());
    if (using === "button") await this.markClaimButton().click();
    else await this.page.keyboard.press("Control+Alt+m");
    let id = "";
    await expect
      .poll(
        async () => {
          id = (await this.highlightedClaimIds()).find((x) => !before.has(x)) ?? "";
          return id;
        },
        { message: "a new claim highlight appeared" },
      )
      .not.toBe("");
    await expect(this.quotedText()).toHaveText(selected.trim());
    return id;
  }

  /** Selects `text` (mouse or keyboard) and marks it. Returns the claim id. */
  async markText(text: string, { select = "mouse", using = "button" }: { select?: "mouse" | "keyboard"; using?: "button" | "shortcut" } = {}): Promise<string> {
    if (select === "mouse") await this.selectTextWithMouse(text);
    else await this.selectTextWithKeyboard(text);
    return this.markClaim({ using });
  }

  /** Opens a claim from the side list. */
  async openFromList(quote: string): Promise<void> {
    await this.listItem(quote).click();
    await expect(this.quotedText()).toHaveText(quote);
  }

  // ---- the claim form -----------------------------------------------------

  async setVerdict(label: string): Promise<void> {
    await this.verdict().selectOption({ label });
  }

  /** Presses "Submit for approval" (pending edits are saved first) and waits for the new status. */
  async submitForApproval(): Promise<void> {
    await this.submitButton().click();
    await expect(this.currentStatus()).toHaveText("Verdict proposed");
  }

  async approve(): Promise<void> {
    await this.approveButton().click();
    await expect(this.currentStatus()).toHaveText("Approved");
  }

  /** Presses "Return", types the reason and confirms. */
  async returnWithReason(reason: string): Promise<void> {
    await this.returnButton().click();
    await this.returnDialog().getByRole("textbox", { name: "Reason" }).fill(reason);
    await this.returnDialog().getByRole("button", { name: "Return", exact: true }).click();
    await expect(this.returnDialog()).toBeHidden();
    await expect(this.currentStatus()).toHaveText("In review");
  }

  async fillClaimant(value: string): Promise<void> {
    await this.claimant().fill(value);
  }

  async fillRationale(value: string): Promise<void> {
    await this.rationale().fill(value);
  }

  async fillSource(n: number, source: SourceInput): Promise<void> {
    if (source.url !== undefined) await this.sourceField(n, "Source URL").fill(source.url);
    if (source.title !== undefined) await this.sourceField(n, "Source title").fill(source.title);
    if (source.publisher !== undefined) await this.sourceField(n, "Publisher").fill(source.publisher);
    if (source.excerpt !== undefined) await this.sourceField(n, "Excerpt").fill(source.excerpt);
    if (source.stance !== undefined) await this.sourceField(n, "Stance").selectOption({ label: source.stance });
    if (source.accessedOn !== undefined) await this.sourceField(n, "Accessed on").fill(source.accessedOn);
  }

  /** Presses "Add source" and fills the new, last source. Returns its number. */
  async addSource(source: SourceInput): Promise<number> {
    const n = (await this.sourceGroups().count()) + 1;
    await this.addSourceButton().click();
    await expect(this.source(n)).toBeVisible();
    await this.fillSource(n, source);
    return n;
  }

  /** Asserts what the source fields show (only the fields given). */
  async expectSource(n: number, source: SourceInput): Promise<void> {
    if (source.url !== undefined) await expect(this.sourceField(n, "Source URL")).toHaveValue(source.url);
    if (source.title !== undefined) await expect(this.sourceField(n, "Source title")).toHaveValue(source.title);
    if (source.publisher !== undefined) await expect(this.sourceField(n, "Publisher")).toHaveValue(source.publisher);
    if (source.excerpt !== undefined) await expect(this.sourceField(n, "Excerpt")).toHaveValue(source.excerpt);
    if (source.stance !== undefined) await expect(this.sourceField(n, "Stance").locator("option:checked")).toHaveText(source.stance);
    if (source.accessedOn !== undefined) await expect(this.sourceField(n, "Accessed on")).toHaveValue(source.accessedOn);
  }

  /** The label of the selected option of a select. */
  selectedLabel(select: Locator): Locator {
    return select.locator("option:checked");
  }

  /** The claim's changes reached the server: "Saved" in the panel and nothing unsaved in the list. */
  /**
   * Publishes the article from the Publish dialog, with the approved claims
   * (the dialog's default) or all of them, and gives the public page's path.
   */
  async publish({ scope = "approved" }: { scope?: "approved" | "all" } = {}): Promise<string> {
    await this.page.getByRole("button", { name: "Publish", exact: true }).click();
    const dialog = this.page.getByRole("alertdialog", { name: "Publish this fact-check?" });
    if (scope === "all") await dialog.getByRole("radio", { name: /^All claims/ }).check();
    await dialog.getByRole("button", { name: "Publish now", exact: true }).click();
    const link = this.page.getByRole("link", { name: "View published page", exact: true });
    await expect(link).toBeVisible();
    return (await link.getAttribute("href"))!;
  }

  async expectSaved(): Promise<void> {
    await expect(this.saveStatus()).toHaveText("Saved");
    await expect(this.unsavedSummary()).toHaveText("All changes saved");
  }

  /** Deletes the open claim giving a reason (asked for when the claim is approved). */
  async deleteOpenClaimWithReason(reason: string): Promise<void> {
    await this.deleteClaimButton().click();
    await this.deleteReason().fill(reason);
    await this.deleteDialog().getByRole("button", { name: "Delete", exact: true }).click();
    await expect(this.deleteDialog()).toBeHidden();
  }

  async deleteOpenClaim(): Promise<void> {
    await this.deleteClaimButton().click();
    await this.deleteDialog().getByRole("button", { name: "Delete", exact: true }).click();
    await expect(this.deleteDialog()).toBeHidden();
  }
}

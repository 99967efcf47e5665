import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectInteractive } from "./support/import-page";
import { mainNav } from "./support/admin";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { TEXT } from "./support/sample-text";
import { DEFAULT_VERDICT_SCALE } from "../lib/verdicts";

// The editable verdict scale (/admin/verdicts). Other specs use the seven
// default verdicts, so these tests only add verdicts of their own (at the end
// of the scale) and rename, reorder and delete only those. Serial: the
// reordering test relies on its two verdicts being the last ones.
// Long flows (two browsers, several argon2 sign-ins): more time than the default when the machine is busy.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const DEFAULT_LABELS = DEFAULT_VERDICT_SCALE.map((v) => v.label);

class ScalePage {
  constructor(readonly page: Page) {}
  readonly heading = () => this.page.getByRole("heading", { level: 1, name: "Verdict scale" });
  readonly list = () => this.page.getByRole("list", { name: "Verdicts in display order" });
  readonly item = (label: string) => this.list().getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: label, exact: true }) });
  readonly labels = () => this.list().getByRole("heading", { level: 2 }).allTextContents();
  readonly info = () => this.page.getByRole("main").getByRole("status");
  readonly editor = () => this.page.getByRole("dialog");

  async open(): Promise<void> {
    await this.page.goto("/admin/verdicts");
    await expect(this.heading()).toBeVisible();
    await expectInteractive(this.page.getByRole("button", { name: "Add verdict", exact: true }));
  }

  async add(fields: { label: string; description?: string; color?: string; value?: string; icon?: string }): Promise<void> {
    await this.page.getByRole("button", { name: "Add verdict", exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: "Add a verdict" });
    await dialog.getByLabel("Label", { exact: true }).fill(fields.label);
    if (fields.description) await dialog.getByLabel("Description", { exact: true }).fill(fields.description);
    if (fields.color) await dialog.getByLabel("Colour", { exact: true }).fill(fields.color);
    if (fields.value) await dialog.getByLabel("Truth value (0–1)", { exact: true }).fill(fields.value);
    if (fields.icon) await dialog.getByLabel("Icon", { exact: true }).selectOption({ label: fields.icon });
    await dialog.getByRole("button", { name: "Add verdict", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.item(fields.label)).toBeVisible();
  }

  async remove(label: string, mapTo?: string): Promise<void> {
    await this.item(label).getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = this.page.getByRole("alertdialog", { name: `Delete “${label}”?` });
    if (mapTo) await dialog.getByLabel("Map its claims to", { exact: true }).selectOption({ label: mapTo });
    await dialog.getByRole("button", { name: mapTo ? "Map claims and delete" : "Delete verdict", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.item(label)).toHaveCount(0);
  }
}

test("an added verdict can be chosen on claims, renamed everywhere, and deleted only by mapping its claims to another", async ({
  openBrowserAs,
  articlePage,
  importSampleCopy,
}, testInfo) => {
  const id = randomUUID().slice(0, 6);
  const label = `Satire ${id}`;
  const renamed = `Parody ${id}`;
  const { page } = await openBrowserAs("admin");
  const scale = new ScalePage(page);
  await page.goto("/articles");
  await mainNav(page).getByRole("link", { name: "Admin", exact: true }).click();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Verdict scale" }).click();
  await expect(scale.heading()).toBeVisible();
  await expectInteractive(page.getByRole("button", { name: "Add verdict", exact: true }));

  // A pale colour gets a contrast warning; a dark one passes.
  await page.getByRole("button", { name: "Add verdict", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add a verdict" });
  await dialog.getByLabel("Label", { exact: true }).fill(label);
  await dialog.getByLabel("Colour", { exact: true }).fill("#facc15");
  await expect(dialog.getByRole("status")).toContainText("below the 4.5:1 needed");
  await expect(dialog.getByLabel("Colour", { exact: true })).toHaveAccessibleDescription(/below the 4\.5:1 needed/);
  await dialog.getByLabel("Colour", { exact: true }).fill("#0f766e");
  await expect(dialog.getByRole("status")).toHaveText(/^White text on this colour: contrast 5\.\d:1\.$/);
  await dialog.getByLabel("Description", { exact: true }).fill("Written as satire; taken at face value by some readers.");
  await dialog.getByLabel("Truth value (0–1)", { exact: true }).fill("0.3");
  await dialog.getByLabel("Icon", { exact: true }).selectOption({ label: "Crossing arrows" });
  await screenshotForReview(page, "admin-verdict-dialog", testInfo);
  await dialog.getByRole("button", { name: "Add verdict", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(scale.info()).toHaveText(`“${label}” added at the end of the scale.`);
  await expect(scale.item(label)).toContainText("Truth value 0.3");
  await expect(scale.item(label)).toContainText("Not used yet");
  expect((await scale.labels()).slice(0, DEFAULT_LABELS.length)).toEqual(DEFAULT_LABELS);
  await screenshotForReview(page, "admin-verdicts", testInfo);

  // A reviewer chooses it for a claim on their own copy of the article.
  await articlePage.open(await importSampleCopy());
  await articlePage.markText(TEXT.majority);
  await expect(articlePage.verdict().getByRole("option", { name: label, exact: true })).toHaveCount(1);
  await articlePage.setVerdict(label);
  await articlePage.expectSaved();
  await expect(articlePage.listItem(TEXT.majority)).toContainText(label);

  // Renamed by the admin: the claim keeps it and shows the new name.
  await scale.open();
  await expect(scale.item(label)).toContainText("Used by 1 claim");
  await scale.item(label).getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: `Edit “${label}”` });
  await edit.getByLabel("Label", { exact: true }).fill(renamed);
  await edit.getByRole("button", { name: "Save verdict", exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(scale.item(renamed)).toContainText("Used by 1 claim");
  // The reviewer's tab, opened before the rename, shows the new name on the next page it moves to.
  await articlePage.page.getByRole("region", { name: "Article summary" }).getByRole("link", { name: "Summary" }).click();
  const byVerdict = articlePage.page.getByRole("table", { name: "Claims by verdict, with how many are approved" });
  await expect(byVerdict.getByRole("row").filter({ hasText: renamed })).toContainText("1");
  await articlePage.page.goBack();
  await expect(articlePage.page).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
  await articlePage.reload();
  await expect(articlePage.listItem(TEXT.majority)).toContainText(renamed);
  await articlePage.openFromList(TEXT.majority);
  await expect(articlePage.selectedLabel(articlePage.verdict())).toHaveText(renamed);

  // Deleting it asks where its claim goes.
  await scale.item(renamed).getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete “${renamed}”?` });
  await expect(confirm).toContainText("1 claim uses this verdict");
  await confirm.getByRole("button", { name: "Map claims and delete", exact: true }).click();
  await expect(confirm.getByLabel("Map its claims to", { exact: true })).toHaveAccessibleDescription(/1 claim uses this verdict\. Choose/);
  await confirm.getByLabel("Map its claims to", { exact: true }).selectOption({ label: "False" });
  await confirm.getByRole("button", { name: "Map claims and delete", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(scale.info()).toHaveText(`“${renamed}” deleted; its claim now has the verdict “False”.`);
  await expect(scale.item(renamed)).toHaveCount(0);
  expect(await scale.labels()).toEqual(DEFAULT_LABELS);

  // The reviewer's claim now says False, and the deleted verdict is no longer offered.
  await articlePage.reload();
  await expect(articlePage.listItem(TEXT.majority)).toContainText("False");
  await articlePage.openFromList(TEXT.majority);
  await expect(articlePage.selectedLabel(articlePage.verdict())).toHaveText("False");
  await expect(articlePage.verdict().getByRole("option", { name: renamed })).toHaveCount(0);
});

test("verdicts are reordered with Move up / Move down from the keyboard, and labels stay unique", async ({ openBrowserAs }) => {
  const id = randomUUID().slice(0, 6);
  const [a, b] = [`Alpha ${id}`, `Beta ${id}`];
  const { page } = await openBrowserAs("admin");
  const scale = new ScalePage(page);
  await scale.open();
  await scale.add({ label: a });
  await scale.add({ label: b, color: "#1e40af", icon: "Question mark" });
  expect((await scale.labels()).slice(-2)).toEqual([a, b]);

  // Keyboard only: focus B's "Move up", Enter; the focus stays on the button that moved.
  const upB = scale.item(b).getByRole("button", { name: "Move up", exact: true });
  await upB.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => scale.labels().then((l) => l.slice(-2))).toEqual([b, a]);
  await expect(scale.info()).toContainText(`“${b}” moved up`);
  await expect(upB).toBeFocused();
  // Tab to "Move down", Enter: back to the end, where "Move down" is disabled and the focus goes to "Move up".
  await page.keyboard.press("Tab");
  await expect(scale.item(b).getByRole("button", { name: "Move down", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => scale.labels().then((l) => l.slice(-2))).toEqual([a, b]);
  await expect(scale.item(b).getByRole("button", { name: "Move down", exact: true })).toBeDisabled();
  await expect(upB).toBeFocused();
  // The order is stored, and the defaults kept theirs.
  await page.reload();
  expect((await scale.labels()).slice(-2)).toEqual([a, b]);
  expect((await scale.labels()).slice(0, DEFAULT_LABELS.length)).toEqual(DEFAULT_LABELS);

  // "false" is taken, whatever the case.
  await expectInteractive(page.getByRole("button", { name: "Add verdict", exact: true }));
  await page.getByRole("button", { name: "Add verdict", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add a verdict" });
  await dialog.getByLabel("Label", { exact: true }).fill(" false ");
  await dialog.getByRole("button", { name: "Add verdict", exact: true }).click();
  await expect(dialog.getByLabel("Label", { exact: true })).toHaveAccessibleDescription("Another verdict already has this label.");
  await expect(dialog.getByLabel("Label", { exact: true })).toBeFocused();
  // So is a renamed one.
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await scale.item(b).getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: `Edit “${b}”` });
  await edit.getByLabel("Label", { exact: true }).fill(a.toUpperCase());
  await edit.getByRole("button", { name: "Save verdict", exact: true }).click();
  await expect(edit.getByLabel("Label", { exact: true })).toHaveAccessibleDescription("Another verdict already has this label.");
  await edit.getByRole("button", { name: "Cancel", exact: true }).click();

  // Unused verdicts are deleted without a replacement.
  await scale.remove(a);
  await scale.remove(b);
  expect(await scale.labels()).toEqual(DEFAULT_LABELS);
});

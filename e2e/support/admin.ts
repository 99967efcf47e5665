import { randomUUID } from "node:crypto";
import { expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { expectInteractive } from "./import-page";

/** A unique person for a test: accounts are created in the shared database. */
export function newPerson(label: string) {
  const id = randomUUID().slice(0, 8);
  return { name: `${label} ${id}`, email: `${label.toLowerCase().replace(/\W+/g, "-")}-${id}@example.org` };
}

/** /admin/users as an admin sees it. */
export class AccountsPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole("heading", { level: 1, name: "Accounts" });
  /** The message above the form after a change: role "alert" for a refusal, "status" for a success. */
  readonly error = () => this.page.getByRole("main").getByRole("alert");
  readonly info = () => this.page.getByRole("main").getByRole("status");
  readonly row = (name: string) => this.page.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
  readonly roleSelect = (name: string) => this.page.getByRole("combobox", { name: `Role of ${name}`, exact: true });
  readonly secretDialog = () => this.page.getByRole("dialog");

  async open(): Promise<void> {
    await this.page.goto("/admin/users");
    await expect(this.heading()).toBeVisible();
    await expectInteractive(this.page.getByRole("button", { name: "Create account", exact: true }));
  }

  /** Creates an account through the form; returns the one-time password, copied with the Copy button. */
  async create(person: { name: string; email: string }, role: "Reviewer" | "Editor" | "Admin"): Promise<string> {
    await this.page.getByLabel("Name", { exact: true }).fill(person.name);
    await this.page.getByLabel("Email", { exact: true }).fill(person.email);
    await this.page.getByLabel("Role", { exact: true }).selectOption({ label: role });
    await this.page.getByRole("button", { name: "Create account", exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: "Account created" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(person.email);
    return this.copyPasswordAndClose();
  }

  async copyPasswordAndClose(): Promise<string> {
    const dialog = this.secretDialog();
    const shown = await dialog.getByLabel("One-time password").inputValue();
    await dialog.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(dialog.getByRole("status")).toHaveText("Copied to the clipboard.");
    // Pasted as a person would (the app's Permissions-Policy denies scripts, ours included, reading the clipboard).
    const copied = await pastedText(this.page);
    expect(copied).toBe(shown);
    await dialog.getByRole("button", { name: "Done", exact: true }).click();
    await expect(dialog).toBeHidden();
    return copied;
  }
}

/** A browser of its own with no session (a colleague's laptop). */
export async function freshBrowser(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const { baseURL, viewport } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport });
  return context.newPage();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  const button = page.getByRole("button", { name: "Sign in", exact: true });
  await expectInteractive(button);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await button.click();
}

/** First sign-in with a one-time password: the desk asks for a new password before anything else. */
export async function signInFirstTime(page: Page, email: string, oneTimePassword: string, newPassword: string): Promise<void> {
  await page.goto("/articles");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, email, oneTimePassword);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  const save = page.getByRole("button", { name: "Set password", exact: true });
  await expectInteractive(save);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password", { exact: true }).fill(newPassword);
  await save.click();
  await expect(page).toHaveURL(/\/articles$/);
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
}

export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** What Ctrl+V pastes into a scratch text field (inside the open dialog, which keeps the focus; removed afterwards). */
async function pastedText(page: Page): Promise<string> {
  await page.evaluate(() => {
    const scratch = document.createElement("textarea");
    scratch.id = "e2e-paste-target";
    scratch.setAttribute("aria-label", "Paste target");
    (document.querySelector('[role="dialog"], [role="alertdialog"]') ?? document.body).append(scratch);
    scratch.focus();
  });
  await page.keyboard.press("ControlOrMeta+V");
  return page.evaluate(() => {
    const scratch = document.getElementById("e2e-paste-target") as HTMLTextAreaElement;
    const value = scratch.value;
    scratch.remove();
    return value;
  });
}

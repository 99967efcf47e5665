import { ACCOUNTS } from "./support/accounts";
import { expectInteractive } from "./support/import-page";
import { AccountsPage, freshBrowser, mainNav, newPerson, signIn, signInFirstTime } from "./support/admin";
import { expect, screenshotForReview, test } from "./support/fixtures";

// Account administration through /admin/users. Tests create their own
// accounts; the demo accounts are never changed (the "last admin" test only
// tries). Serial: one test makes an account an admin for a while, and the
// demo admin must be the only admin while another test checks the refusal.
// Long flows (two browsers, several argon2 sign-ins): more time than the default when the machine is busy.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const CLIPBOARD = { permissions: ["clipboard-read", "clipboard-write"] };

test("the last admin cannot demote themselves: the server refuses and says why", async ({ openBrowserAs }) => {
  const { page } = await openBrowserAs("admin");
  await page.goto("/articles");
  await mainNav(page).getByRole("link", { name: "Admin", exact: true }).click();
  const accounts = new AccountsPage(page);
  await expect(accounts.heading()).toBeVisible();
  await expect(accounts.row(ACCOUNTS.admin.name)).toContainText("(you)");
  await accounts.open();

  await accounts.roleSelect(ACCOUNTS.admin.name).selectOption({ label: "Editor" });
  await expect(accounts.error()).toHaveText("The desk needs at least one active admin. Make another account an admin first.");
  await expect(accounts.error()).toBeFocused();
  await expect(accounts.roleSelect(ACCOUNTS.admin.name)).toHaveValue("admin");
  // Nothing changed on the server.
  await page.reload();
  await expect(accounts.roleSelect(ACCOUNTS.admin.name)).toHaveValue("admin");
  await expect(mainNav(page).getByRole("link", { name: "Admin", exact: true })).toBeVisible();
  // Their own account has no Disable or Reset button.
  await expect(accounts.row(ACCOUNTS.admin.name).getByRole("button")).toHaveCount(0);
});

test("an admin creates a reviewer; the reviewer signs in with the one-time password and must choose a new one first", async ({
  openBrowserAs,
  browser,
}, testInfo) => {
  const { page } = await openBrowserAs("admin", CLIPBOARD);
  const accounts = new AccountsPage(page);
  await accounts.open();
  const person = newPerson("Rowan Reviewer");
  const password = await accounts.create(person, "Reviewer");
  expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
  await expect(accounts.row(person.name)).toContainText(person.email);
  await expect(accounts.row(person.name)).toContainText("Password not set yet");
  await expect(accounts.roleSelect(person.name)).toHaveValue("reviewer");
  await screenshotForReview(page, "admin-users", testInfo);

  // The same email again is refused at the field.
  await page.getByLabel("Name", { exact: true }).fill("Someone Else");
  await page.getByLabel("Email", { exact: true }).fill(person.email.toUpperCase());
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("An account with this email already exists.");
  await expect(page.getByLabel("Email", { exact: true })).toBeFocused();

  // The new reviewer, on their own computer.
  const reviewer = await freshBrowser(browser, testInfo);
  await reviewer.goto("/articles");
  await signIn(reviewer, person.email, password);
  await expect(reviewer).toHaveURL(/\/account\/password$/);
  await expect(reviewer.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  await screenshotForReview(reviewer, "account-password", testInfo);
  // Nothing else is open to them yet.
  await reviewer.goto("/articles/import");
  await expect(reviewer).toHaveURL(/\/account\/password$/);
  await reviewer.goto("/admin/users");
  await expect(reviewer).toHaveURL(/\/account\/password$/);

  // Too short, then not the same twice: both explained at the field.
  const save = reviewer.getByRole("button", { name: "Set password", exact: true });
  await reviewer.getByLabel("New password", { exact: true }).fill("short-one");
  await reviewer.getByLabel("Confirm new password", { exact: true }).fill("short-one");
  await save.click();
  await expect(reviewer.getByLabel("New password", { exact: true })).toHaveAccessibleDescription("Use at least 12 characters.");
  await reviewer.getByLabel("New password", { exact: true }).fill("correct horse battery");
  await reviewer.getByLabel("Confirm new password", { exact: true }).fill("correct horse battery staple");
  await save.click();
  await expect(reviewer.getByLabel("Confirm new password", { exact: true })).toHaveAccessibleDescription("The two passwords are not the same.");
  await reviewer.getByLabel("Confirm new password", { exact: true }).fill("correct horse battery");
  await save.click();
  await expect(reviewer).toHaveURL(/\/articles$/);
  await expect(reviewer.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await expect(reviewer.getByRole("banner")).toContainText(person.name);
  await expect(mainNav(reviewer).getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);

  // The one-time password no longer works; the new one does.
  await reviewer.context().clearCookies();
  await reviewer.goto("/login");
  await signIn(reviewer, person.email, password);
  await expect(reviewer.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password. Check both and try again.");
  await reviewer.reload();
  await signIn(reviewer, person.email, "correct horse battery");
  await expect(reviewer.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();

  await page.reload();
  await expect(accounts.row(person.name)).toContainText("Active");
  await reviewer.context().close();
});

test("a role change signs the user out, and their next sign-in has the new role; a disabled user is signed out at their next click", async ({ openBrowserAs, browser }, testInfo) => {
  const { page } = await openBrowserAs("admin", CLIPBOARD);
  const accounts = new AccountsPage(page);
  await accounts.open();
  const person = newPerson("Ezra Editor");
  const password = await accounts.create(person, "Reviewer");

  const user = await freshBrowser(browser, testInfo);
  await signInFirstTime(user, person.email, password, "a long and private passphrase");
  await expect(mainNav(user).getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  await expect(user.getByRole("banner")).toContainText("Reviewer");

  // Made an admin: a new role is a new sign-in, so their next page asks them to sign in; then they have the Admin link.
  await accounts.roleSelect(person.name).selectOption({ label: "Admin" });
  await expect(accounts.info()).toHaveText(`${person.name} is now admin. They are signed out and sign in again with the new role.`);
  await user.getByRole("link", { name: "Articles", exact: true }).click();
  await expect(user.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await signIn(user, person.email, "a long and private passphrase");
  await expect(user.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await expect(user.getByRole("banner")).toContainText("Admin");
  await mainNav(user).getByRole("link", { name: "Admin", exact: true }).click();
  await expect(user.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();

  // Back to editor (so the demo admin is the only admin again): signed out again, and the admin pages are closed to them.
  await accounts.roleSelect(person.name).selectOption({ label: "Editor" });
  await expect(accounts.info()).toHaveText(`${person.name} is now editor. They are signed out and sign in again with the new role.`);
  await user.reload();
  await expect(user.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await signIn(user, person.email, "a long and private passphrase");
  await expect(user.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await expect(mainNav(user).getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  await user.goto("/admin/users");
  await expect(user.getByRole("heading", { name: "404" })).toBeVisible();

  // Disabled: confirmed in a dialog; the user's next navigation lands on sign-in.
  await user.goto("/articles");
  await expect(user.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await accounts.row(person.name).getByRole("button", { name: "Disable", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Disable ${person.name}?` });
  await confirm.getByRole("button", { name: "Disable account", exact: true }).click();
  await expect(accounts.info()).toHaveText(`${person.name} can no longer sign in.`);
  await expect(accounts.row(person.name)).toContainText("Disabled");

  await user.getByRole("link", { name: "Import article", exact: true }).first().click();
  await expect(user).toHaveURL(/\/login/);
  await expect(user.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await signIn(user, person.email, "a long and private passphrase");
  await expect(user.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password. Check both and try again.");

  // Enabled again: they can sign in.
  await accounts.row(person.name).getByRole("button", { name: "Enable", exact: true }).click();
  await expect(accounts.info()).toHaveText(`${person.name} can sign in again.`);
  await user.context().clearCookies();
  await user.goto("/login");
  await signIn(user, person.email, "a long and private passphrase");
  await expect(user.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await user.context().close();
});

test("a password reset ends the user's sessions and gives a new one-time password", async ({ openBrowserAs, browser }, testInfo) => {
  const { page } = await openBrowserAs("admin", CLIPBOARD);
  const accounts = new AccountsPage(page);
  await accounts.open();
  const person = newPerson("Pat Forgetful");
  const first = await accounts.create(person, "Editor");
  const user = await freshBrowser(browser, testInfo);
  await signInFirstTime(user, person.email, first, "my very first password");

  // Later they change it themselves, from the header: the current password is asked.
  await user.getByRole("banner").getByRole("link", { name: "Change password" }).click();
  await expect(user.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
  await expectInteractive(user.getByRole("button", { name: "Set password", exact: true }));
  await user.getByLabel("Current password", { exact: true }).fill("not my password");
  await user.getByLabel("New password", { exact: true }).fill("my first real password");
  await user.getByLabel("Confirm new password", { exact: true }).fill("my first real password");
  await user.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(user.getByLabel("Current password", { exact: true })).toHaveAccessibleDescription("Your current password is not right.");
  await user.getByLabel("Current password", { exact: true }).fill("my very first password");
  await user.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(user.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();

  await accounts.row(person.name).getByRole("button", { name: "Reset password", exact: true }).click();
  await page.getByRole("alertdialog", { name: `Reset the password of ${person.name}?` }).getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByRole("dialog", { name: "Password reset" })).toBeVisible();
  const second = await accounts.copyPasswordAndClose();
  expect(second).not.toBe(first);

  // The open session stopped working with the old password.
  await user.reload();
  await expect(user).toHaveURL(/\/login/);
  await signIn(user, person.email, "my first real password");
  await expect(user.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password. Check both and try again.");
  await user.reload();
  await signIn(user, person.email, second);
  await expect(user).toHaveURL(/\/account\/password$/);
  await user.context().close();
});

test("reviewers and editors do not see or reach the admin pages", async ({ reviewerPage, editorPage }) => {
  for (const page of [reviewerPage, editorPage]) {
    await page.goto("/articles");
    await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
    for (const path of ["/admin/users", "/admin/verdicts"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "404" })).toBeVisible();
      await expect(page.getByText("Create account")).toHaveCount(0);
    }
  }
});

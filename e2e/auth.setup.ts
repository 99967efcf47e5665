import { expect, test as setup } from "./support/fixtures";
import { ACCOUNTS, storageStateFor, type RoleName } from "./support/accounts";

// Signs in once per role through the real form and saves the session for the specs.
for (const role of Object.keys(ACCOUNTS) as RoleName[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(ACCOUNTS[role].email);
    await page.getByLabel("Password").fill(ACCOUNTS[role].password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}

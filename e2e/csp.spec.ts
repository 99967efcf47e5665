import { expect, test } from "./support/fixtures";

// The policy blocks what an attacker would inject, and the suite's detector
// (e2e/support/csp.ts) turns such a block into a failing test.

test.describe("Content-Security-Policy", () => {
  test("an injected inline event handler does not run, and the detector fails the test on it", async ({ reviewerPage: page, cspGuard }) => {
    await page.goto("/articles");
    await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
    // What a stored-XSS payload that slipped past sanitising would look like.
    await page.evaluate(() => {
      const box = document.createElement("div");
      box.innerHTML = `<img alt="" src="data:," onerror="window.__injectedRan = true">`;
      document.body.append(box);
    });
    await expect.poll(() => cspGuard.violations().join("\n")).toContain("script-src-attr");
    expect(await page.evaluate(() => (window as { __injectedRan?: boolean }).__injectedRan)).toBeUndefined();
    // The check the fixture runs when a test ends: it fails on this violation.
    expect(() => cspGuard.assertNone()).toThrow(/Content-Security-Policy violations[\s\S]*script-src-attr/);
    cspGuard.take(); // provoked on purpose: this test passes
  });

  test("a context a test opens itself is watched too (an inline script in the HTML, without the nonce, is refused)", async ({ browser, cspGuard }, testInfo) => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    const page = await context.newPage();
    // The server's HTML with a script written into it, as stored XSS would arrive (its own headers, policy included, kept).
    await page.route("**/login", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("<body", "<body><script>window.__injectedRan = true</script><i hidden></i");
      await route.fulfill({ response, body: html });
    });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect.poll(() => cspGuard.violations().join("\n")).toContain("script-src-elem");
    expect(await page.evaluate(() => (window as { __injectedRan?: boolean }).__injectedRan)).toBeUndefined();
    await context.close();
    expect(cspGuard.take().length).toBeGreaterThan(0);
  });

  test("an injected stylesheet is refused on the published page's stricter policy, and so is a style attribute", async ({ page, cspGuard }) => {
    // A published page need not exist: the 404 for an unknown id is rendered under the same policy.
    const response = await page.goto("/published/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
    expect(response?.headers()["content-security-policy"]).toContain("style-src-attr 'none'");
    const applied = await page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "body { outline: 7px solid red }";
      document.head.append(style);
      const box = document.createElement("div");
      box.innerHTML = `<p style="color: rgb(1, 2, 3)">x</p>`;
      document.body.append(box);
      return { outline: getComputedStyle(document.body).outlineWidth, color: getComputedStyle(box.firstElementChild!).color };
    });
    expect(applied.outline).not.toBe("7px");
    expect(applied.color).not.toBe("rgb(1, 2, 3)");
    await expect.poll(() => cspGuard.violations().join("\n")).toMatch(/style-src-elem[\s\S]*style-src-attr|style-src-attr[\s\S]*style-src-elem/);
    cspGuard.take();
  });
});

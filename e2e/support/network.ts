import type { Page, Request, Route } from "@playwright/test";

const isAction = async (request: Request) => request.method() === "POST" && !!(await request.headerValue("next-action"));

/**
 * Cuts the connection for server actions on this article page (POSTs with a
 * `next-action` header, which is how the claim form saves); page loads still
 * work. Returns a handle to count the failed saves and to restore the network.
 */
export async function failSaves(page: Page, articlePath: string) {
  let failed = 0;
  const matcher = (url: URL) => url.pathname === articlePath;
  const handler = async (route: Route) => {
    if (await isAction(route.request())) {
      failed++;
      await route.abort("internetdisconnected");
    } else {
      await route.continue();
    }
  };
  await page.route(matcher, handler);
  return {
    failedSaves: () => failed,
    restore: () => page.unroute(matcher, handler),
  };
}

/**
 * Records the claim saves this page sends (server-action POSTs carrying a
 * `baseVersion`), as the bodies that left the browser, aborted or not.
 */
export function recordSaves(page: Page) {
  const bodies: string[] = [];
  page.on("request", (request) => {
    void isAction(request).then((action) => {
      const body = request.postData() ?? "";
      if (action && body.includes("baseVersion")) bodies.push(body);
    });
  });
  return { bodies: () => [...bodies] };
}

/**
 * The security headers the built app sends: a nonce-based
 * Content-Security-Policy on every page (a new nonce per response, on every
 * script Next writes), the published page's stricter policy, the fixed policy
 * of API responses and downloads (the HTML export keeping its own `<meta>`
 * policy), and Permissions-Policy everywhere. Run after `npx next build`:
 *
 *   npx vitest run --config vitest.reliability.config.mts test/reliability/security-headers.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_FORMAT_KEYS } from "@/lib/export/formats";
import { API_POLICY, PERMISSIONS_POLICY } from "@/lib/security-headers";
import { ACTIONS, DEMO, HttpClient, killOnExit, startApp, type App } from "@/test/support/server";

let app: App;
let editor: HttpClient;
let anonymous: HttpClient;
let articleId: string;
killOnExit(() => app?.server);

const PUBLISH = "app/(desk)/articles/[id]/publish-actions.ts";
const directives = (policy: string) => new Map(policy.split(/;\s*/).map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));
const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];

/** Every <script> and <style> tag of a page: its attributes as written. */
function tags(html: string, name: "script" | "style") {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, "g"))].map((m) => ({
    nonce: /\snonce="([^"]*)"/.exec(m[1]!)?.[1],
    type: /\stype="([^"]*)"/.exec(m[1]!)?.[1],
  }));
}

async function get(client: HttpClient, path: string) {
  const response = await client.fetch(path);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function expectCommonHeaders(headers: Headers) {
  expect(headers.get("permissions-policy")).toBe(PERMISSIONS_POLICY);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

/** A page's policy carries a nonce and Next wrote it on every script (JSON-LD data blocks are not scripts). */
function expectNonceOnScripts(policy: string, html: string) {
  const nonce = nonceOf(policy);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  const scripts = tags(html, "script").filter((s) => s.type !== "application/ld+json");
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => s.nonce !== nonce)).toEqual([]);
  return nonce!;
}

beforeAll(async () => {
  app = await startApp();
  editor = new HttpClient(app.url);
  anonymous = new HttpClient(app.url);
  expect(await editor.signIn(DEMO.editor)).toBe(true);
  const list = await (await editor.fetch("/articles")).text();
  articleId = /href="\/articles\/([0-9a-f-]{36})"/.exec(list)![1]!;
  const published = await editor.action(PUBLISH, "publishArticleAction", [{ articleId, scope: "all" }], `/articles/${articleId}`);
  expect(published).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("a signed-in page", () => {
  it("has a nonce policy: scripts by nonce only, no inline handlers, no framing, and a new nonce each time", async () => {
    const first = await get(editor, `/articles/${articleId}`);
    expect(first.status).toBe(200);
    const policy = first.headers.get("content-security-policy")!;
    const d = directives(policy);
    expect(d.get("script-src")).toMatch(/^'self' 'nonce-[^']+' 'strict-dynamic'$/);
    expect(d.get("script-src-attr")).toBe("'none'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'none'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("report-uri")).toBe(`${app.url}/api/csp-report`);
    expect(first.headers.get("reporting-endpoints")).toBe(`csp="${app.url}/api/csp-report"`);
    expect(policy).not.toContain("unsafe-eval");
    const nonce = expectNonceOnScripts(policy, first.body);
    // Next's own <style> tags (if any) carry it too.
    expect(tags(first.body, "style").filter((s) => s.nonce !== nonce)).toEqual([]);
    expectCommonHeaders(first.headers);

    const second = await get(editor, `/articles/${articleId}`);
    expect(nonceOf(second.headers.get("content-security-policy")!)).not.toBe(nonce);
  });

  it("the sign-in page and the 404 page (ours, not Next's default with its inline style) have it too (no page is prerendered without a nonce)", async () => {
    for (const [path, status] of [["/login", 200], ["/published/00000000-0000-4000-8000-000000000000", 404]] as const) {
      const page = await get(anonymous, path);
      expect(page.status, path).toBe(status);
      const nonce = expectNonceOnScripts(page.headers.get("content-security-policy")!, page.body);
      expect(tags(page.body, "style").filter((s) => s.nonce !== nonce), path).toEqual([]);
    }
  });

  it("a nonce sent by the client is never used", async () => {
    const response = await anonymous.fetch("/login", { headers: { "content-security-policy": "script-src 'nonce-attacker'", "x-nonce": "attacker" } });
    const html = await response.text();
    expect(response.headers.get("content-security-policy")).not.toContain("attacker");
    expect(html).not.toContain('nonce="attacker"');
  });
});

describe("the published page", () => {
  it("is public, with a stricter policy, and its stylesheet carries the nonce", async () => {
    const page = await get(anonymous, `/published/${articleId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    const policy = page.headers.get("content-security-policy")!;
    const d = directives(policy);
    expect(d.get("default-src")).toBe("'none'");
    expect(d.get("style-src-attr")).toBe("'none'");
    expect(d.get("form-action")).toBe("'none'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    const nonce = expectNonceOnScripts(policy, page.body);
    const styles = tags(page.body, "style");
    expect(styles.length).toBeGreaterThan(0);
    expect(styles.filter((s) => s.nonce !== nonce)).toEqual([]);
    // No style attribute for the policy to refuse.
    expect(page.body).not.toMatch(/<[a-z][^>]*\sstyle="/);
    expectCommonHeaders(page.headers);
  });

  it("is rendered per request: no shared cache may keep one nonce for everyone (what the nonce costs)", async () => {
    const page = await get(anonymous, `/published/${articleId}`);
    expect(page.headers.get("cache-control")).toMatch(/no-store/);
    const timings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await get(anonymous, `/published/${articleId}`);
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    console.log(`published page, 20 requests: median ${Math.round(timings[10]!)} ms, max ${Math.round(timings[19]!)} ms; cache-control: ${page.headers.get("cache-control")}`);
  });
});

describe("API responses and exports", () => {
  it("an API route runs and loads nothing", async () => {
    const health = await get(anonymous, "/api/health");
    expect(health.status).toBe(200);
    expect(health.headers.get("content-security-policy")).toBe(API_POLICY);
    expectCommonHeaders(health.headers);
  });

  it("the HTML export keeps its own strict policy inside the file, and the download's header is as strict", async () => {
    const download = await get(editor, `/api/articles/${articleId}/export/html?scope=all`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("content-security-policy")).toBe(API_POLICY);
    expect(directives(API_POLICY).get("default-src")).toBe("'none'");
    expect(download.body).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(download.body).not.toMatch(/<script\b/);
    expectCommonHeaders(download.headers);
  });

  it("every export format gets the same header", async () => {
    for (const format of EXPORT_FORMAT_KEYS) {
      const download = await editor.fetch(`/api/articles/${articleId}/export/${format}?scope=all`);
      await download.arrayBuffer();
      expect(download.status, format).toBe(200);
      expect(download.headers.get("content-security-policy"), format).toBe(API_POLICY);
    }
  });
});

describe("server actions still work under the policy", () => {
  it("an action call answers as before", async () => {
    const result = await editor.action(ACTIONS.article, "listClaimsAction", [{ articleId }], `/articles/${articleId}`);
    expect(result).toMatchObject({ ok: true });
  });
});

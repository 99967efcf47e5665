/**
 * Cookie replay after sign-out against the built app (issue 8, item 5): a
 * session cookie copied before signing out is refused afterwards by pages,
 * server actions and /api/auth/session; polling /api/auth/session never
 * carries a session past its absolute lifetime; disabling and enabling an
 * account again leaves its old cookies dead; an admin's "Sign out
 * everywhere" ends another browser's session.
 *
 * The lifetime test runs a second server with SESSION_LIFETIME_SECONDS=6.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/session-replay.test.ts
 */
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, DEMO, HttpClient, killOnExit, startApp, type App } from "@/test/support/server";

const LIFETIME_SECONDS = 6;

let app: App;
let shortLived: App;
killOnExit(
  () => app?.server,
  () => shortLived?.server,
);

beforeAll(async () => {
  [app, shortLived] = await Promise.all([startApp(), startApp({ env: { SESSION_LIFETIME_SECONDS: String(LIFETIME_SECONDS) } })]);
});
afterAll(async () => {
  await Promise.all([app?.close(), shortLived?.close()]);
});

type Result = { ok: boolean; error?: { code: string } };

/** A client that sends exactly this Cookie header (a copy of another browser's cookies) and keeps nothing. */
function replay(target: App, cookie: string) {
  return new HttpClient(target.url, { cookie });
}

async function sampleArticle(client: HttpClient): Promise<string> {
  const html = await (await client.fetch("/articles")).text();
  const id = /href="\/articles\/([0-9a-f-]{36})"/.exec(html)?.[1];
  if (!id) throw new Error("No article link on /articles");
  return id;
}

/** What a copied cookie opens now: the article list, a server action, and the session endpoint. */
async function opens(target: App, cookie: string, articleId: string) {
  const client = replay(target, cookie);
  const page = await client.fetch("/articles");
  const html = page.status === 200 ? await page.text() : "";
  const action = (await client.action<Result>(ACTIONS.article, "listClaimsAction", [{ articleId }], `/articles/${articleId}`)) as Result & { httpStatus?: number };
  const session = (await (await client.fetch("/api/auth/session")).json()) as { user?: { email?: string } };
  return {
    page: page.status === 200 && html.includes(">Articles</h1>") ? "open" : page.status === 307 && /^\/login/.test(new URL(page.headers.get("location") ?? "", target.url).pathname) ? "to sign-in" : page.status,
    // Refused by the action's own check, or (an expired token) by the proxy's redirect before it.
    action: action.ok ? "allowed" : action.error?.code === "unauthorized:auth" || action.httpStatus === 307 ? "refused" : JSON.stringify(action),
    session: session.user ? "session" : "none",
  };
}

const OPEN = { page: "open", action: "allowed", session: "session" };
const REFUSED = { page: "to sign-in", action: "refused", session: "none" };

async function userId(target: App, email: string): Promise<string> {
  const db = createClient({ url: `file:${target.dbFile}` });
  try {
    const { rows } = await db.execute({ sql: "SELECT id FROM users WHERE email = ?", args: [email] });
    return String(rows[0]!.id);
  } finally {
    db.close();
  }
}

describe("a copied session cookie", () => {
  it("is refused by a page, a server action and /api/auth/session once its browser signed out", async () => {
    const browser = new HttpClient(app.url);
    expect(await browser.signIn(DEMO.reviewer)).toBe(true);
    const articleId = await sampleArticle(browser);
    const copied = browser.cookieHeader();
    expect(await opens(app, copied, articleId)).toEqual(OPEN);

    await browser.signOut();
    expect(browser.sessionCookie()).toBeUndefined();
    expect(await opens(app, copied, articleId)).toEqual(REFUSED);
    // The session endpoint also tells the replaying browser to drop the cookie.
    const answer = await replay(app, copied).fetch("/api/auth/session");
    expect(answer.headers.getSetCookie().some((c) => /session-token=;/.test(c) || /session-token=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c))).toBe(true);
  });

  it("of a disabled account stays dead when the account is enabled again", async () => {
    const admin = new HttpClient(app.url);
    expect(await admin.signIn(DEMO.admin)).toBe(true);
    const user = new HttpClient(app.url);
    expect(await user.signIn(DEMO.editor)).toBe(true);
    const articleId = await sampleArticle(user);
    const copied = user.cookieHeader();
    expect(await opens(app, copied, articleId)).toEqual(OPEN);

    const editorId = await userId(app, DEMO.editor.email);
    expect(await admin.action<Result>(ACTIONS.users, "setAccountDisabledAction", [{ userId: editorId, disabled: true }], "/admin/users")).toMatchObject({ ok: true });
    expect(await opens(app, copied, articleId)).toEqual(REFUSED);
    expect(await admin.action<Result>(ACTIONS.users, "setAccountDisabledAction", [{ userId: editorId, disabled: false }], "/admin/users")).toMatchObject({ ok: true });
    expect(await opens(app, copied, articleId)).toEqual(REFUSED);
    // Signing in again works, with a new session.
    const again = new HttpClient(app.url);
    expect(await again.signIn(DEMO.editor)).toBe(true);
    expect(await opens(app, again.cookieHeader(), articleId)).toEqual(OPEN);
  });

  it("of another browser is refused after an admin signs the account out everywhere", async () => {
    const admin = new HttpClient(app.url);
    expect(await admin.signIn(DEMO.admin)).toBe(true);
    const [laptop, phone] = [new HttpClient(app.url), new HttpClient(app.url)];
    expect(await laptop.signIn(DEMO.reviewer)).toBe(true);
    expect(await phone.signIn(DEMO.reviewer)).toBe(true);
    const articleId = await sampleArticle(laptop);
    const reviewerId = await userId(app, DEMO.reviewer.email);
    const result = await admin.action<{ ok: boolean; data: { ended: number } }>(ACTIONS.users, "signOutEverywhereAction", [{ userId: reviewerId }], "/admin/users");
    expect(result).toMatchObject({ ok: true });
    expect((result as { data: { ended: number } }).data.ended).toBeGreaterThanOrEqual(2);
    expect(await opens(app, laptop.cookieHeader(), articleId)).toEqual(REFUSED);
    expect(await opens(app, phone.cookieHeader(), articleId)).toEqual(REFUSED);
    // The admin's own session is untouched.
    expect(await opens(app, admin.cookieHeader(), articleId)).toEqual(OPEN);
  });
});

describe("the absolute lifetime", () => {
  it(`polling /api/auth/session keeps a session no longer than SESSION_LIFETIME_SECONDS (${LIFETIME_SECONDS} s)`, async () => {
    const browser = new HttpClient(shortLived.url);
    const signedInAt = Date.now();
    expect(await browser.signIn(DEMO.reviewer)).toBe(true);
    const articleId = await sampleArticle(browser);
    let lastAlive = 0;
    let polls = 0;
    let lastCookie = browser.cookieHeader();
    // Poll as a busy tab would, keeping every cookie the server re-issues.
    while (Date.now() - signedInAt < (LIFETIME_SECONDS + 3) * 1000) {
      const session = (await (await browser.fetch("/api/auth/session")).json()) as { user?: unknown };
      polls++;
      if (session.user) {
        lastAlive = Date.now() - signedInAt;
        lastCookie = browser.cookieHeader();
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    console.log(`[session-replay] ${polls} polls; last answered with a session ${lastAlive} ms after sign-in (lifetime ${LIFETIME_SECONDS * 1000} ms)`);
    expect(lastAlive).toBeGreaterThan((LIFETIME_SECONDS - 2) * 1000); // it was alive, and polled, until near its end
    expect(lastAlive).toBeLessThanOrEqual(LIFETIME_SECONDS * 1000 + 500);
    // The last cookie the server refreshed opens nothing now.
    expect(lastCookie).toContain("session-token=");
    expect(await opens(shortLived, lastCookie, articleId)).toEqual(REFUSED);
  });
});

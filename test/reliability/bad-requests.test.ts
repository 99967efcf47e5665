/**
 * Malformed, oversized, too deeply nested and cross-origin requests against
 * the built app, sent as a hostile client would: to server actions (POST with
 * a Next-Action header, text/plain JSON or multipart form data, as React
 * sends them) and to route handlers. Each must get a 4xx with a message a
 * developer can read (not a bare 500 with an error digest) and leave the
 * stored data exactly as it was. Run after `npx next build`:
 *
 *   npx vitest run --config vitest.reliability.config.mts test/reliability/bad-requests.test.ts
 */
import { createHash } from "node:crypto";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, actionId, DEMO, HttpClient, killOnExit, startApp, type App } from "@/test/support/server";

let app: App;
let client: HttpClient;
let articlePath: string;
let articleId: string;
killOnExit(() => app?.server);

const MB = 1024 * 1024;
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const TABLES = ["users", "articles", "claims", "sources", "claim_events", "claim_comments", "audit_events", "verdict_scale"];

/** A digest of every row of the domain tables, read from the database file itself. */
async function snapshot(): Promise<Record<string, string>> {
  const db = createClient({ url: `file:${app.dbFile}` });
  try {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const rows = await db.execute(`SELECT * FROM ${table} ORDER BY rowid`);
      out[table] = `${rows.rows.length}:${createHash("sha256").update(JSON.stringify(rows.rows)).digest("hex").slice(0, 16)}`;
    }
    return out;
  } finally {
    db.close();
  }
}

type Sent = { status: number; type: string | null; body: string; headers: Headers };

async function send(path: string, init: RequestInit): Promise<Sent> {
  const response = await client.fetch(path, init);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text(), headers: response.headers };
}

/** A server action call as React makes it; `headers` override the defaults. */
function actionCall(name: string, body: BodyInit, headers: Record<string, string> = {}, file: string = ACTIONS.article): RequestInit {
  return {
    method: "POST",
    headers: { "next-action": actionId(file, name), accept: "text/x-component", origin: app.url, "content-type": "text/plain;charset=UTF-8", ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit;
}

/** importArticleAction(previousState, formData) as React encodes it: row 0 is `[null, "$K1"]`, the form's fields are `_1_<name>`. */
function importCall(fields: Record<string, string | Blob>, root = '[null,"$K1"]'): RequestInit {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(`_1_${k}`, v);
  // Last, as React appends it: the root is decoded as soon as it arrives.
  if (root) form.set("0", root);
  // No content-type: fetch writes multipart/form-data with its boundary.
  const headers = { "next-action": actionId(ACTIONS.import, "importArticleAction"), accept: "text/x-component", origin: app.url };
  return { method: "POST", headers, body: form };
}

/** A body of `total` bytes with no Content-Length (chunked), as a streaming client sends it. */
function chunkedBody(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(256 * 1024, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x61));
    },
  });
}

/** A readable refusal: the status, no error digest, and words a developer can act on. */
function expectRefusal(got: Sent, status: number, message: RegExp) {
  expect(got.status, got.body.slice(0, 300)).toBe(status);
  expect(got.body).not.toMatch(/digest/);
  expect(got.body).toMatch(message);
}

let before: Record<string, string>;

beforeAll(async () => {
  app = await startApp();
  client = new HttpClient(app.url);
  expect(await client.signIn(DEMO.reviewer)).toBe(true);
  const list = await (await client.fetch("/articles")).text();
  articlePath = /href="(\/articles\/[0-9a-f-]{36})"/.exec(list)![1]!;
  articleId = articlePath.split("/").pop()!;
  // Some data of our own to keep intact: a claim on the sample article.
  const plain = await client.action<{ ok: boolean; data: { id: string }[] }>(ACTIONS.article, "listClaimsAction", [{ articleId }], articlePath);
  expect(plain).toMatchObject({ ok: true });
  before = await snapshot();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("server actions: text bodies", () => {
  it("invalid JSON → 400", async () => {
    expectRefusal(await send(articlePath, actionCall("saveClaimAction", "[{")), 400, /^The server action's arguments is not valid JSON/);
  });

  it("an empty body → 400", async () => {
    expectRefusal(await send(articlePath, actionCall("saveClaimAction", "")), 400, /arguments is empty/);
  });

  it("a 100,000-deep array → 400, at once", async () => {
    const started = performance.now();
    const got = await send(articlePath, actionCall("saveClaimAction", `[${deep(100_000)}]`));
    expectRefusal(got, 400, /more than 64 levels deep/);
    console.log(`100,000-deep array refused in ${Math.round(performance.now() - started)} ms`);
  });

  it("a body over the limit → 413 (declared length)", async () => {
    expectRefusal(await send(articlePath, actionCall("saveClaimAction", JSON.stringify(["x".repeat(12 * MB)]))), 413, /larger than 11 MB/);
  });

  it("a chunked body over the limit → 413", async () => {
    expectRefusal(await send(articlePath, actionCall("saveClaimAction", chunkedBody(11.5 * MB))), 413, /larger than 11 MB/);
  });

  it("a refused Origin → 403", async () => {
    const got = await send(articlePath, actionCall("saveClaimAction", "[{}]", { origin: "https://attacker.example" }));
    expectRefusal(got, 403, /came from "https:\/\/attacker\.example", not from Claimdesk/);
  });

  it("an unknown action id → 404, still marked as an unknown action for Next's client", async () => {
    const got = await send(articlePath, actionCall("saveClaimAction", "[{}]", { "next-action": "7f" + "0".repeat(40) }));
    expectRefusal(got, 404, /not part of the running version of Claimdesk/);
    expect(got.headers.get("x-nextjs-action-not-found")).toBe("1");
  });

  it("answers in exactly text/plain, which Next's client shows as the action's error", async () => {
    const got = await send(articlePath, actionCall("saveClaimAction", "[{"));
    expect(got.type).toBe("text/plain");
    expect(got.headers.get("cache-control")).toBe("no-store");
  });
});

describe("server actions: multipart bodies", () => {
  it("a bad JSON row → 400", async () => {
    expectRefusal(await send("/articles/import", importCall({ title: "t" }, "[{")), 400, /Part 0 of the server action's form data is not valid JSON/);
  });

  it("empty form data → 400", async () => {
    expectRefusal(await send("/articles/import", importCall({}, "")), 400, /form data is empty/);
  });

  it("a malformed multipart body → 400", async () => {
    const init = importCall({ title: "t" });
    const got = await send("/articles/import", { ...init, headers: { ...(init.headers as object), "content-type": "multipart/form-data; boundary=XYZ" }, body: "--XYZ\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[nul" });
    expectRefusal(got, 400, /multipart body is malformed or cut short/);
  });

  it("a 100,000-deep row → 400", async () => {
    expectRefusal(await send("/articles/import", importCall({}, deep(100_000))), 400, /more than 64 levels deep/);
  });

  it("over the limit → 413", async () => {
    expectRefusal(await send("/articles/import", importCall({ title: "t", format: "text", body: "x".repeat(11.5 * MB) })), 413, /larger than 11 MB/);
  });

  it("a 10.6 MB upload reaches the import whole (was cut at 10 MB by the proxy's body copy)", async () => {
    const file = new File(["{".padEnd(10_300_000, " ")], "big.claimdesk.json", { type: "application/json" });
    const got = await send("/articles/import", importCall({ title: "Big", format: "text", body: "x".repeat(300_000), file }));
    expect(got.status, got.body.slice(0, 300)).toBe(200);
    // The import read the whole file and said what is wrong with it (it is not JSON): an action result, not a crash.
    expect(got.body).toMatch(/"ok":false,"error":\{"code":"[a-z_]+:import"/);
  });

  it("a valid import still works", async () => {
    const got = await send("/articles/import", importCall({ title: "Imported through multipart", format: "text", body: "A short article to import." }));
    expect(got.status).toBe(200);
    expect(got.body).toMatch(/"ok":true/);
    // The one change of this file: put the count back in the expected snapshot.
    before = await snapshot();
  });
});

describe("route handlers", () => {
  const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("next-auth: invalid JSON and an empty JSON body → 400 in JSON", async () => {
    for (const body of ["[{", ""]) {
      const got = await send("/api/auth/callback/credentials", json(body));
      expectRefusal(got, 400, /"code":"bad_request:request"/);
      expect(got.type).toMatch(/^application\/json/);
    }
  });

  it("next-auth: a body over 64 KB → 413", async () => {
    expectRefusal(await send("/api/auth/callback/credentials", json("x".repeat(12 * MB))), 413, /larger than 64 KB/);
  });

  it("next-auth: a refused Origin → 403", async () => {
    expectRefusal(await send("/api/auth/signout", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://attacker.example" }, body: "csrfToken=x" }), 403, /not from Claimdesk/);
  });

  it("the CSP report endpoint: 204 for a report, 400 for junk, 413 when too large", async () => {
    const report = JSON.stringify({ "csp-report": { "document-uri": `${app.url}/articles`, "effective-directive": "script-src-attr", "blocked-uri": "inline" } });
    expect((await send("/api/csp-report", { method: "POST", headers: { "content-type": "application/csp-report" }, body: report })).status).toBe(204);
    expectRefusal(await send("/api/csp-report", { method: "POST", headers: { "content-type": "application/csp-report" }, body: "{" }), 400, /not valid JSON/);
    expectRefusal(await send("/api/csp-report", { method: "POST", headers: { "content-type": "application/csp-report" }, body: "x".repeat(100_000) }), 413, /larger than 64 KB/);
    expectRefusal(await send("/api/csp-report", { method: "POST", headers: { "content-type": "application/csp-report" }, body: chunkedBody(200_000), duplex: "half" } as RequestInit), 413, /larger than 64 KB/);
  });
});

describe("afterwards", () => {
  it("the data is unchanged and the app still answers", async () => {
    expect(await snapshot()).toEqual(before);
    expect(await client.signIn(DEMO.editor)).toBe(true);
    const claims = await client.action<{ ok: boolean }>(ACTIONS.article, "listClaimsAction", [{ articleId }], articlePath);
    expect(claims).toMatchObject({ ok: true });
    expect((await client.fetch("/api/health")).status).toBe(200);
  });
});

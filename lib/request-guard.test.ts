import { describe, expect, it } from "vitest";
import {
  ACTION_BODY_LIMIT_BYTES,
  AUTH_BODY_LIMIT_BYTES,
  checkActionBody,
  checkDeclaredLength,
  checkJsonText,
  checkOrigin,
  exceedsJsonDepth,
  guardRequest,
  MAX_JSON_DEPTH,
  readBody,
  refusalResponse,
} from "./request-guard";

const ORIGIN = "http://localhost:3000";
const ACTION = "7f1b2c3d4e5f60718293a4b5c6d7e8f901234567ab";
const options = { origin: ORIGIN, actionIds: new Set([ACTION]) };

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

function actionRequest(body: BodyInit | null, headers: Record<string, string> = {}, path = "/articles/1") {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "next-action": ACTION, origin: ORIGIN, "content-type": "text/plain;charset=UTF-8", ...headers },
    body,
  });
}

/** A body stream with no Content-Length, as a chunked upload arrives. */
function chunked(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(120));
    },
  });
}

function multipart(entries: [string, string | Blob][]): Request {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return new Request("http://x/", { method: "POST", body: form });
}

async function multipartBody(entries: [string, string | Blob][]) {
  const r = multipart(entries);
  return { bytes: new Uint8Array(await r.arrayBuffer()), contentType: r.headers.get("content-type")! };
}

describe("checkOrigin", () => {
  it("lets the configured origin and a request without Origin through", () => {
    expect(checkOrigin(ORIGIN, ORIGIN)).toBeNull();
    expect(checkOrigin(null, ORIGIN)).toBeNull();
  });

  it("refuses another site, another port, another scheme and the opaque origin with 403", () => {
    for (const origin of ["https://evil.example", "http://localhost:3001", "https://localhost:3000", "null"]) {
      const refusal = checkOrigin(origin, ORIGIN);
      expect(refusal?.status, origin).toBe(403);
      expect(refusal?.code).toBe("forbidden:request");
      expect(refusal?.message).toContain(`Open Claimdesk at ${ORIGIN}`);
    }
  });

  it("does not echo a long Origin back whole", () => {
    expect(checkOrigin(`https://${"a".repeat(5000)}.example`, ORIGIN)!.message.length).toBeLessThan(400);
  });
});

describe("checkDeclaredLength", () => {
  it("refuses a Content-Length over the limit with 413 and says the limit", () => {
    expect(checkDeclaredLength(String(ACTION_BODY_LIMIT_BYTES + 1), ACTION_BODY_LIMIT_BYTES)).toMatchObject({ status: 413, code: "too_large:request" });
    expect(checkDeclaredLength(String(ACTION_BODY_LIMIT_BYTES + 1), ACTION_BODY_LIMIT_BYTES)!.message).toContain("11 MB");
    expect(checkDeclaredLength(String(ACTION_BODY_LIMIT_BYTES), ACTION_BODY_LIMIT_BYTES)).toBeNull();
    expect(checkDeclaredLength(null, 10)).toBeNull();
    expect(checkDeclaredLength("garbage", 10)).toBeNull();
  });
});

describe("JSON text", () => {
  it("measures depth in one pass, ignoring brackets inside strings", () => {
    expect(exceedsJsonDepth(deep(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(exceedsJsonDepth(deep(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(exceedsJsonDepth(JSON.stringify(["[".repeat(1000), { a: '{"\\"[[[' }]), 3)).toBe(false);
    expect(exceedsJsonDepth(deep(100_000), MAX_JSON_DEPTH)).toBe(true);
  });

  it("refuses empty, invalid and too deep bodies with 400 and a sentence", () => {
    expect(checkJsonText("")).toMatchObject({ status: 400, code: "bad_request:request", message: "The request body is empty; it should be JSON." });
    expect(checkJsonText("  \n")).toMatchObject({ status: 400 });
    expect(checkJsonText("[{")!.message).toMatch(/^The request body is not valid JSON \(.+\)\.$/);
    expect(checkJsonText(deep(100_000))!.message).toBe(`The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
    expect(checkJsonText('[{"claimId":"x","fields":{"sources":[{"url":"https://a.example"}]}}]')).toBeNull();
  });

  it("checks 100,000-deep nesting quickly (stops at the limit)", () => {
    const text = deep(100_000);
    const started = performance.now();
    checkJsonText(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("server action bodies", () => {
  it("accepts what React sends: JSON text, or multipart with JSON rows, form fields and files", async () => {
    expect(await checkActionBody(new TextEncoder().encode('[{"articleId":"a"}]'), "text/plain;charset=UTF-8")).toBeNull();
    const { bytes, contentType } = await multipartBody([
      ["0", '[null,"$K1"]'],
      ["_1_title", "[not json, a title"],
      ["_1_file", new File(["{ not json either"], "a.md")],
    ]);
    expect(await checkActionBody(bytes, contentType)).toBeNull();
  });

  it("refuses a multipart body that is malformed, empty, without arguments, or with a bad JSON row", async () => {
    expect(await checkActionBody(new TextEncoder().encode("garbage"), "multipart/form-data; boundary=XX")).toMatchObject({ status: 400, message: expect.stringContaining("malformed") });
    const empty = await multipartBody([]);
    expect(await checkActionBody(empty.bytes, empty.contentType)).toMatchObject({ status: 400, message: "The server action's form data is empty." });
    const noRoot = await multipartBody([["_1_title", "x"]]);
    expect((await checkActionBody(noRoot.bytes, noRoot.contentType))!.message).toContain("no arguments");
    const badRow = await multipartBody([["0", "[{"]]);
    expect((await checkActionBody(badRow.bytes, badRow.contentType))!.message).toMatch(/^Part 0 of the server action's form data is not valid JSON/);
    const deepRow = await multipartBody([["0", '["$1"]'], ["1", deep(100_000)]]);
    expect((await checkActionBody(deepRow.bytes, deepRow.contentType))!.message).toContain("Part 1");
  });
});

describe("readBody", () => {
  it("reads a body up to the limit and gives up past it without reading the rest", async () => {
    expect((await readBody(new Request("http://x/", { method: "POST", body: "abc" }), 3))!.byteLength).toBe(3);
    const request = new Request("http://x/", { method: "POST", body: chunked(10 * 1024 * 1024), duplex: "half" } as RequestInit);
    expect(await readBody(request, 1024 * 1024)).toBeNull();
  });
});

describe("guardRequest", () => {
  it("lets a valid action call, a GET and a request without Origin through", async () => {
    expect(await guardRequest(actionRequest("[{}]"), options)).toBeNull();
    expect(await guardRequest(new Request(`${ORIGIN}/articles`, { headers: { origin: "https://evil.example" } }), options)).toBeNull();
    const noOrigin = new Request(`${ORIGIN}/articles`, { method: "POST", headers: { "next-action": ACTION, "content-type": "text/plain" }, body: "[]" });
    expect(await guardRequest(noOrigin, options)).toBeNull();
  });

  it("answers each bad action request with its 4xx", async () => {
    const cases: [Request, number][] = [
      [actionRequest("[{}]", { origin: "https://evil.example" }), 403],
      [actionRequest("[{"), 400],
      [actionRequest(""), 400],
      [actionRequest(deep(100_000)), 400],
      [actionRequest("[1]", { "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) }), 413],
      [actionRequest("[{}]", { "next-action": "7f" + "0".repeat(40) }), 404],
    ];
    for (const [request, status] of cases) expect((await guardRequest(request, options))?.status).toBe(status);
  });

  it("marks an unknown action as Next does, so its client router reacts as before", async () => {
    const refusal = await guardRequest(actionRequest("[{}]", { "next-action": "7f" + "0".repeat(40) }), options);
    expect(refusalResponse(refusal!, "text").headers.get("x-nextjs-action-not-found")).toBe("1");
  });

  it("refuses a chunked action body over the limit with 413", async () => {
    const request = new Request(`${ORIGIN}/articles/import`, {
      method: "POST",
      headers: { "next-action": ACTION, origin: ORIGIN, "content-type": "text/plain" },
      body: chunked(ACTION_BODY_LIMIT_BYTES + 100_000),
      duplex: "half",
    } as RequestInit);
    expect(await guardRequest(request, options)).toMatchObject({ status: 413 });
  });

  it("leaves the unknown-id answer to Next when the build's ids are not known", async () => {
    expect(await guardRequest(actionRequest("[{}]", { "next-action": "7f" + "0".repeat(40) }), { origin: ORIGIN, actionIds: null })).toBeNull();
  });

  it("limits and checks next-auth's bodies, leaves other API bodies to their routes", async () => {
    const auth = (body: string, headers: Record<string, string>) => new Request(`${ORIGIN}/api/auth/callback/credentials`, { method: "POST", headers, body });
    expect(await guardRequest(auth("csrfToken=a&email=b", { "content-type": "application/x-www-form-urlencoded" }), options)).toBeNull();
    expect((await guardRequest(auth("[{", { "content-type": "application/json" }), options))?.status).toBe(400);
    expect((await guardRequest(auth("", { "content-type": "application/json" }), options))?.status).toBe(400);
    expect((await guardRequest(auth("x".repeat(AUTH_BODY_LIMIT_BYTES + 1), { "content-type": "application/x-www-form-urlencoded" }), options))?.status).toBe(413);
    expect((await guardRequest(auth("a=b", { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" }), options))?.status).toBe(403);
    const report = new Request(`${ORIGIN}/api/csp-report`, { method: "POST", headers: { origin: "null", "content-type": "application/csp-report" }, body: "{" });
    expect(await guardRequest(report, options)).toBeNull();
  });
});

describe("refusalResponse", () => {
  it("answers API clients in JSON and browsers' action calls in exactly text/plain", async () => {
    const refusal = { status: 413, code: "too_large:request" as const, message: "Too large." };
    const json = refusalResponse(refusal, "json");
    expect(json.status).toBe(413);
    expect(await json.json()).toEqual({ error: { code: "too_large:request", message: "Too large." } });
    const text = refusalResponse(refusal, "text");
    expect(text.headers.get("content-type")).toBe("text/plain");
    expect(await text.text()).toBe("Too large.");
  });
});

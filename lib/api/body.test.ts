import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "./body";

const post = (body: BodyInit, type = "application/json", headers: Record<string, string> = {}) =>
  new Request("http://x/api/v1/t", { method: "POST", body, headers: { "content-type": type, ...headers }, duplex: "half" } as RequestInit);

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

describe("readJsonBody", () => {
  it("parses a JSON object", async () => {
    expect(await readJsonBody(post('{"a":1}', "application/json; charset=utf-8"))).toEqual({ a: 1 });
  });

  it("415 for another media type, 400 for bad or empty JSON, deep nesting or bad UTF-8", async () => {
    expect(await codeOf(readJsonBody(post('{"a":1}', "text/plain")))).toBe("unsupported_media_type:request");
    expect(await codeOf(readJsonBody(post('{"a":1}'), { mediaTypes: ["application/merge-patch+json"] }))).toBe("unsupported_media_type:request");
    expect(await codeOf(readJsonBody(post("{nope")))).toBe("bad_request:request");
    expect(await codeOf(readJsonBody(post("")))).toBe("bad_request:request");
    expect(await codeOf(readJsonBody(post("[".repeat(100_000))))).toBe("bad_request:request");
    expect(await codeOf(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d]))))).toBe("bad_request:request");
  });

  it("413 over the limit, whether declared or streamed", async () => {
    expect(await codeOf(readJsonBody(post("{}", "application/json", { "content-length": "999999" }), { limit: 1000 }))).toBe("too_large:request");
    const big = JSON.stringify({ a: "x".repeat(5000) });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    expect(await codeOf(readJsonBody(post(stream), { limit: 1000 }))).toBe("too_large:request");
  });
});

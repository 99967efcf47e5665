import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";

describe("list cursors", () => {
  it("round-trip a keyset position for the same query, in any parameter order", () => {
    const position = { values: ["cursor 24", 0.5], id: "0b3c2f1e-9a8d-4c7b-a6e5-1d2c3b4a5f60" };
    const c = encodeCursor(position, { status: "open", sort: "title" });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, { sort: "title", status: "open" })).toEqual(position);
    expect(decodeCursor(null, {})).toBeNull();
  });

  it("refuse a cursor of another query, a malformed position or garbage", () => {
    const c = encodeCursor({ values: ["2024-01-01"], id: "x" }, { status: "open" });
    expect(() => decodeCursor(c, { status: "approved" })).toThrow(AppError);
    const forged = (body: unknown) => Buffer.from(JSON.stringify(body)).toString("base64url");
    const q = JSON.parse(Buffer.from(c, "base64url").toString()).q;
    expect(() => decodeCursor(forged({ k: [], i: "x", q }), { status: "open" })).toThrow(/not valid/);
    expect(() => decodeCursor(forged({ k: [{ sql: "1" }], i: "x", q }), { status: "open" })).toThrow(/not valid/);
    expect(() => decodeCursor(forged({ k: ["a"], i: 7, q }), { status: "open" })).toThrow(/not valid/);
    expect(() => decodeCursor(forged({ p: 2, q }), { status: "open" })).toThrow(/not valid/); // the old page cursor
    expect(() => decodeCursor("!!!", {})).toThrow(/not valid/);
  });
});

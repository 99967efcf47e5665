import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";

describe("list cursors", () => {
  it("round-trip a page for the same query, in any parameter order", () => {
    const c = encodeCursor(3, { status: "open", sort: "title" });
    expect(decodeCursor(c, { sort: "title", status: "open" })).toBe(3);
    expect(decodeCursor(null, {})).toBe(1);
  });

  it("refuse a cursor of another query, a forged page or garbage", () => {
    const c = encodeCursor(3, { status: "open" });
    expect(() => decodeCursor(c, { status: "approved" })).toThrow(AppError);
    expect(() => decodeCursor(Buffer.from(JSON.stringify({ p: -1, q: "x" })).toString("base64url"), {})).toThrow(AppError);
    expect(() => decodeCursor("!!!", {})).toThrow(/not valid/);
  });
});

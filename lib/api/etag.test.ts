import { describe, expect, it } from "vitest";
import { etag, noneMatchHits, parseEntityTags, readIfMatch, versionOf } from "./etag";

describe("entity tags", () => {
  it("a claim's tag is its version, and reads back", () => {
    expect(etag(7)).toBe('"v7"');
    expect(versionOf('"v7"')).toBe(7);
    expect(versionOf('W/"v7"')).toBeNull();
    expect(versionOf('"v0"')).toBeNull();
    expect(etag("a-xyz")).toBe('"a-xyz"');
  });

  it("parses lists, weak tags and *, and refuses what is not a tag", () => {
    expect(parseEntityTags('"v1", W/"v2" ,"v3"')).toEqual(['"v1"', 'W/"v2"', '"v3"']);
    expect(parseEntityTags("*")).toEqual(["*"]);
    expect(parseEntityTags("v1")).toBeNull();
    expect(parseEntityTags('"v1" "v2"')).toBeNull();
    expect(parseEntityTags('"v1",')).toEqual(['"v1"']);
  });

  it("If-None-Match compares weakly: the current tag (or *) means not modified", () => {
    expect(noneMatchHits('"v3"', '"v3"')).toBe(true);
    expect(noneMatchHits('W/"v3"', '"v3"')).toBe(true);
    expect(noneMatchHits('"v2", "v3"', '"v3"')).toBe(true);
    expect(noneMatchHits("*", '"v3"')).toBe(true);
    expect(noneMatchHits('"v2"', '"v3"')).toBe(false);
    expect(noneMatchHits(null, '"v3"')).toBe(false);
    expect(noneMatchHits("garbage", '"v3"')).toBe(false);
  });

  it("If-Match: missing, malformed, * and strong tags only (RFC 9110 §13.1.1)", () => {
    expect(readIfMatch(null)).toEqual({ kind: "missing" });
    expect(readIfMatch("  ")).toEqual({ kind: "missing" });
    expect(readIfMatch("v3")).toEqual({ kind: "malformed" });
    expect(readIfMatch("*")).toEqual({ kind: "any" });
    expect(readIfMatch('W/"v3", "v4"')).toEqual({ kind: "tags", tags: ['"v4"'] });
  });
});

import { describe, expect, it } from "vitest";
import { getArticleSchema, isAllowedHref } from "@/lib/article-schema";
import { ALLOWED_MARKS, ALLOWED_NODES } from "./test-helpers";

describe("article schema", () => {
  it("is exactly the allow-list", () => {
    const schema = getArticleSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual([...ALLOWED_NODES].sort());
    expect(Object.keys(schema.marks).sort()).toEqual([...ALLOWED_MARKS].sort());
  });

  it("is built once", () => {
    expect(getArticleSchema()).toBe(getArticleSchema());
  });

  it("only has heading levels 2 to 4", () => {
    const schema = getArticleSchema();
    const parsedLevels = schema.spec.nodes.get("heading")?.parseDOM?.map((rule) => ("tag" in rule ? rule.tag : undefined));
    expect(parsedLevels).toEqual(["h2", "h3", "h4"]);
  });
});

describe("isAllowedHref", () => {
  it.each([
    "https://example.org/report",
    "http://example.org",
    "  https://example.org/with-spaces-around  ",
    "mailto:desk@example.org",
    "https://例え.jp/パス",
  ])("allows %s", (href) => {
    expect(isAllowedHref(href)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\u0000javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "https://example.org/\u0007",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org",
    "tel:+441234567890",
    "//evil.example/path",
    "/relative/path",
    "relative/path",
    "#anchor",
    "?q=1",
    "https:evil.example",
    "https:\\\\evil.example",
    "https:/evil.example",
    "http://",
    "",
    "   ",
  ])("refuses %j", (href) => {
    expect(isAllowedHref(href)).toBe(false);
  });

  it("refuses non-strings that TipTap may pass at runtime", () => {
    expect(isAllowedHref(null as unknown as string)).toBe(false);
    expect(isAllowedHref(undefined as unknown as string)).toBe(false);
  });
});

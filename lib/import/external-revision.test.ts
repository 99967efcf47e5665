import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { makeBundle } from "@/lib/export/test-fixture";
import { renderJson } from "@/lib/export/json";
import { prepareExternalRevision } from "./external-revision";

const bundle = makeBundle([{ quote: "Unemployment fell to 4.2%" }, { quote: "The deficit halved in two years" }]);
const file = renderJson(bundle);

describe("a Claimdesk JSON export as a new version", () => {
  it("takes the file's article document (through the allow-list) and leaves its claims out, counting them", () => {
    const oldText = "Unemployment fell to 4.2% in October.";
    const result = prepareExternalRevision({ format: "claimdesk-json", body: file, oldText, claims: [{ id: "c1", start: 0, end: 25, exact: "Unemployment fell to 4.2%", prefix: "", suffix: " in October." }] });
    expect(result.identical).toBe(false);
    expect(result.plainText).toBe(bundle.article.plainText);
    expect(result.fileClaims).toBe(2);
    // Only this article's claims are anchored: the file's two are not among the results.
    expect(result.results.map((r) => [r.id, r.state])).toEqual([["c1", "unchanged"]]);
    expect(result.words.added).toBeGreaterThan(0);
  });

  it("cleans a hostile document in the file as an import would", () => {
    const hostile = JSON.parse(file);
    hostile.article.content.content.push({ type: "paragraph", content: [{ type: "text", text: "Click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] });
    hostile.article.content.content.push({ type: "iframe", attrs: { src: "https://evil.example" } });
    const result = prepareExternalRevision({ format: "claimdesk-json", body: JSON.stringify(hostile), oldText: "x", claims: [] });
    expect(result.docJson).not.toContain("javascript:");
    expect(result.docJson).not.toContain("iframe");
    expect(result.plainText).toContain("Click");
  });

  it("refuses what is not a Claimdesk JSON export with a readable message", () => {
    const refused = (body: string) => {
      try {
        prepareExternalRevision({ format: "claimdesk-json", body, oldText: "x", claims: [] });
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).message;
      }
      throw new Error("not refused");
    };
    expect(refused("{not json")).toMatch(/not valid JSON/);
    expect(refused(JSON.stringify({ format: "something-else" }))).toMatch(/not a Claimdesk JSON export/);
    const empty = JSON.parse(file);
    empty.article.content = { type: "doc", content: [] };
    expect(refused(JSON.stringify(empty))).toMatch(/has no text/);
  });

  it("a file whose text is the current one is identical (nothing to save)", () => {
    const result = prepareExternalRevision({ format: "claimdesk-json", body: file, oldText: bundle.article.plainText, claims: [] });
    expect(result.identical).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import type { ClaimFields } from "@/lib/claims";
import { AppError } from "@/lib/errors";
import { applyClaimPatch, resolveClaimRange } from "./claims";

const text = "Iran 🇮🇷 said the vote was fair. Critics said the vote was rigged.";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return "no error";
}

describe("resolveClaimRange", () => {
  it("finds a quote that occurs once", () => {
    expect(resolveClaimRange(text, { quote: "was fair" })).toEqual({ start: text.indexOf("was fair"), end: text.indexOf("was fair") + 8, exact: "was fair" });
  });

  it("a quote that occurs twice needs a prefix or suffix to say which", () => {
    expect(code(() => resolveClaimRange(text, { quote: "the vote" }))).toBe("bad_request:claim");
    const second = resolveClaimRange(text, { quote: "the vote", prefix: "Critics said " });
    expect(second.start).toBe(text.lastIndexOf("the vote"));
    expect(resolveClaimRange(text, { quote: "the vote", suffix: " was fair" }).start).toBe(text.indexOf("the vote"));
    expect(code(() => resolveClaimRange(text, { quote: "the vote", prefix: "Nobody said " }))).toBe("bad_request:claim");
    expect(code(() => resolveClaimRange(text, { quote: "not there" }))).toBe("bad_request:claim");
  });

  it("positions are code points: a flag (two code points, four UTF-16 units) counts as two", () => {
    const cpStart = [...text].indexOf("s"); // "said", after the flag
    const r = resolveClaimRange(text, { start: cpStart, end: cpStart + 4 });
    expect(r.exact).toBe("said");
    expect(r.start).toBe(text.indexOf("said"));
    expect(code(() => resolveClaimRange(text, { start: 3, end: 3 }))).toBe("bad_request:claim");
    expect(code(() => resolveClaimRange(text, { start: 0, end: [...text].length + 1 }))).toBe("bad_request:claim");
  });
});

describe("applyClaimPatch (RFC 7396)", () => {
  const current: ClaimFields = {
    claimAsChecked: "The vote was fair",
    claimant: "Iran",
    verdict: "false",
    rationale: "Observers disagree.",
    sources: [{ id: "8c3a2a4e-6e63-4c61-9a48-2d54a2a1d001", url: "https://example.org/a", title: "A", publisher: "", excerpt: "", stance: "refutes", accessedOn: null }],
  };

  it("leaves absent members, sets present ones, clears null ones", () => {
    const next = applyClaimPatch(current, { rationale: "New.", claimant: null, verdict: null });
    expect(next).toEqual({ ...current, rationale: "New.", claimant: "", verdict: null });
    expect(current.rationale).toBe("Observers disagree.");
  });

  it("replaces the sources whole, giving new ones an id", () => {
    const next = applyClaimPatch(current, { sources: [{ url: "https://example.org/b", title: "", publisher: "", excerpt: "", stance: "context", accessedOn: null }] });
    expect(next.sources).toHaveLength(1);
    expect(next.sources[0]!.url).toBe("https://example.org/b");
    expect(next.sources[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(applyClaimPatch(current, { sources: null }).sources).toEqual([]);
  });
});

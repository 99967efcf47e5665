import { describe, expect, it } from "vitest";

import { wordDiff, type WordDiffPart } from "./word-diff";

const render = (parts: WordDiffPart[]) => parts.map((p) => (p.kind === "same" ? p.text : p.kind === "added" ? `{+${p.text}+}` : `[-${p.text}-]`)).join("");

describe("wordDiff", () => {
  it("shows whole words and figures changed, not stray characters", () => {
    expect(render(wordDiff("Unemployment fell to 4.2% in May.", "Unemployment rose to 4.7% in May."))).toBe(
      "Unemployment [-fell-]{+rose+} to [-4.2-]{+4.7+}% in May.",
    );
  });

  it("folds a lone unchanged space between changed words into the change", () => {
    expect(render(wordDiff("the rate fell sharply in May", "the rate climbed steadily in May"))).toBe("the rate [-fell sharply-]{+climbed steadily+} in May");
  });

  it("rebuilds both texts exactly", () => {
    const a = "Family 👩‍👩‍👧 and flags 🇮🇶: “tight spot”, قال رئيس الوزراء, cafe\u0301.\n\nNext paragraph.";
    const b = "Family 👩‍👩‍👧‍👦 and flags 🇮🇷: \"tight spot\", قال رئيس الحكومة, café.\n\nNext, a paragraph.";
    const parts = wordDiff(a, b);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(a);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(b);
    // Neighbouring parts never share a kind.
    parts.slice(1).forEach((part, i) => expect(part.kind).not.toBe(parts[i]!.kind));
  });

  it("keeps combining marks and inner apostrophes with their word", () => {
    expect(render(wordDiff("the cafe\u0301 didn’t open", "the cafe didn’t close"))).toBe("the [-cafe\u0301-]{+cafe+} didn’t [-open-]{+close+}");
  });

  it("handles empty sides", () => {
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("", "new text")).toEqual([{ kind: "added", text: "new text" }]);
    expect(wordDiff("old text", "")).toEqual([{ kind: "removed", text: "old text" }]);
  });
});

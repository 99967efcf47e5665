import { describe, expect, it } from "vitest";

import { wordDiff, type WordDiffPart } from "./word-diff";

const render = (parts: WordDiffPart[]) => parts.map((p) => (p.kind === "same" ? p.text : p.kind === "added" ? `{+${p.text}+}` : `[-${p.text}-]`)).join("");

describe("wordDiff", () => {
  it("shows whole words and figures changed, not stray characters", () => {
    expect(render(wordDiff("Unemployment fell to 4.2% in May.", "Unemployment rose to 4.7% in May."))).toBe(
      "Unemployment [-fell-]{+rose+} to [-4.2-]{+4.7+}% in May.",
    );
  });

  it("shows a figure or word changed inside a paragraph of a longer text whole, not its last characters", () => {
    const before = "The minister said 4.2% of voters stayed home in 1990.\n\nTurnout fell in every region.";
    const after = "The minister said 4.7% of voters stayed home in 1991.\n\nTurnout fell in all regions.";
    expect(render(wordDiff(before, after))).toBe(
      "The minister said [-4.2-]{+4.7+}% of voters stayed home in [-1990-]{+1991+}.\n\nTurnout fell in [-every region-]{+all regions+}.",
    );
    expect(render(wordDiff("A cat sat.\n\nB.", "A cats sat.\n\nC."))).toBe("A [-cat-]{+cats+} sat.\n\n[-B-]{+C+}.");
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

describe("wordDiff of whole revisions", () => {
  it("reports just the edited words and the moved paragraphs of a long article", () => {
    const topics = ["unemployment", "inflation", "exports", "rents", "wages", "crime", "tuition", "fuel"];
    const paragraphs = Array.from(
      { length: 1500 },
      (_, i) => `Paragraph ${i}: ${topics[i % 8]} in district ${i * 7919 % 1009} ${i % 3 ? "rose" : "fell"} by ${(i % 97) / 10}% over ${i % 12} months, the office said.`,
    );
    const next = [...paragraphs];
    next[100] = next[100]!.replace("the office said", "the office reported");
    next[900] = next[900]!.replace("months", "weeks");
    const [moved] = next.splice(300, 1);
    next.splice(1200, 0, moved!);
    const oldText = paragraphs.join("\n\n");
    const newText = next.join("\n\n");
    const parts = wordDiff(oldText, newText);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(oldText);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(newText);
    const changes = parts.filter((p) => p.kind !== "same").map((p) => `${p.kind}:${p.text.trim()}`);
    expect(changes).toEqual(["removed:said", "added:reported", `removed:${paragraphs[300]}`, "removed:months", "added:weeks", `added:${paragraphs[300]}`]);
  });
});

import { describe, expect, it } from "vitest";

import {
  contextAgreement,
  findExactOccurrences,
  matchQuoteFuzzy,
  maxErrorsFor,
  pickExactMatch,
  scoreMatch,
  snapToWords,
  textMatchScore,
} from "./match-quote";

const PARA_A =
  "Iraq is now in a tight spot to avoid being pulled into broader Middle Eastern conflicts while keeping internal factions loyal to Iran at bay.";
const PARA_B =
  "Iraqi Prime Minister Mohammed Shia’ Al-Sudani has vowed to preserve national sovereignty, but his government is increasingly under pressure to keep Iranian influence in check within its borders.";
const PARA_C =
  "Most of Iraq’s citizens fear the consequences of openly opposing Iran, which has strong political and economic ties with Baghdad.";
const TEXT = [PARA_A, PARA_B, PARA_C].join("\n\n");

describe("findExactOccurrences", () => {
  it("finds every occurrence, overlapping ones included", () => {
    expect(findExactOccurrences("aaaa", "aaa")).toEqual([0, 1]);
    expect(findExactOccurrences(TEXT, "Iran")).toEqual([
      TEXT.indexOf("Iran at bay"),
      TEXT.indexOf("Iranian"),
      TEXT.indexOf("Iran, which"),
    ]);
    expect(findExactOccurrences(TEXT, "Kyiv")).toEqual([]);
    expect(findExactOccurrences(TEXT, "")).toEqual([]);
  });
});

describe("contextAgreement", () => {
  it("counts matching characters immediately before and after", () => {
    const text = "the militias attacked the base";
    const start = text.indexOf("attacked");
    const end = start + "attacked".length;
    expect(contextAgreement(text, start, end, "the militias ", " the base")).toBe(13 + 9);
    expect(contextAgreement(text, start, end, "XX militias ", " the ship")).toBe(10 + 5);
    expect(contextAgreement(text, start, end, "", "")).toBe(0);
    // Context longer than the text available is cut at the text's edge.
    expect(contextAgreement(text, 0, 3, "anything before the", " militias")).toBe(9);
  });
});

describe("textMatchScore", () => {
  it("is 1 for an exact occurrence and drops by 1/length per edit", () => {
    expect(textMatchScore("…keep Iranian influence in check", "Iranian influence")).toBe(1);
    expect(textMatchScore("keep Iranians influence", "Iranian influence")).toBeCloseTo(1 - 1 / 17);
    expect(textMatchScore("", "x")).toBe(0);
    expect(textMatchScore("abc", "")).toBe(0);
  });
});

describe("scoreMatch", () => {
  const quote = "vowed to preserve national sovereignty";
  const start = TEXT.indexOf(quote);
  const match = { start, end: start + quote.length, errors: 0 };
  const prefix = TEXT.slice(start - 32, start);
  const suffix = TEXT.slice(match.end, match.end + 32);

  it("is 1 for the exact quote in its original context and place", () => {
    const s = scoreMatch(TEXT, quote, match, { prefix, suffix, hint: start });
    expect(s.score).toBeCloseTo(1);
    expect(s.contentScore).toBeCloseTo(90 / 92);
  });

  it("weights quote 50, prefix 20, suffix 20, position 2", () => {
    const noContext = scoreMatch(TEXT, quote, match, { prefix: "zzzz", suffix: "zzzz", hint: start });
    expect(noContext.score).toBeCloseTo(52 / 92);
    const halfQuote = scoreMatch(TEXT, quote, { ...match, errors: quote.length / 2 }, { prefix, suffix, hint: start });
    expect(halfQuote.score).toBeCloseTo((25 + 42) / 92);
    const far = scoreMatch(TEXT, quote, match, { prefix, suffix, hint: start + TEXT.length / 2 });
    expect(far.score).toBeCloseTo(91 / 92);
  });

  it("only credits an empty prefix/suffix when the candidate is also at the edge", () => {
    const atStart = scoreMatch(TEXT, "Iraq is now", { start: 0, end: 11, errors: 0 }, { prefix: "", suffix: " in a tight spot" });
    expect(atStart.score).toBeCloseTo(1);
    const mid = TEXT.indexOf("Most of Iraq’s");
    const notAtStart = scoreMatch(TEXT, "Most of Iraq’s", { start: mid, end: mid + 14, errors: 0 }, {
      prefix: "",
      suffix: " citizens fear the",
    });
    expect(notAtStart.score).toBeCloseTo((50 + 10 + 20 + 2) / 92);
  });
});

describe("pickExactMatch", () => {
  const text = "Officials said the talks failed. Analysts said the talks failed. Diplomats said the talks failed.";
  const quote = "the talks failed";

  it("picks the occurrence whose context agrees", () => {
    const m = pickExactMatch(text, quote, { prefix: "Analysts said ", suffix: ". Diplomats" });
    expect(m?.start).toBe(text.indexOf("the talks", text.indexOf("Analysts")));
    expect(m?.errors).toBe(0);
  });

  it("breaks ties in context agreement by closeness to the hint", () => {
    const third = text.lastIndexOf(quote);
    expect(pickExactMatch(text, quote, { prefix: " said ", suffix: ".", hint: third - 3 })?.start).toBe(third);
    expect(pickExactMatch(text, quote, { prefix: " said ", suffix: ".", hint: 0 })?.start).toBe(text.indexOf(quote));
  });

  it("returns null when the quote is absent", () => {
    expect(pickExactMatch(text, "the talks succeeded", {})).toBeNull();
  });
});

describe("maxErrorsFor", () => {
  it("allows as many errors as could still reach the minimum score", () => {
    // With perfect context (42/92), the quote part must supply 0.8·92 − 42 = 31.6 of 50.
    expect(maxErrorsFor(100, 0.8)).toBe(36);
    expect(maxErrorsFor(100, 0.95)).toBe(9);
    expect(maxErrorsFor(100, 0)).toBe(50); // never more than half the quote
    expect(maxErrorsFor(5000, 0.8)).toBe(256);
    expect(maxErrorsFor(2, 0.8)).toBe(0);
  });
});

describe("matchQuoteFuzzy", () => {
  const quote = "his government is increasingly under pressure to keep Iranian influence in check";
  const start = TEXT.indexOf(quote);
  const context = {
    prefix: TEXT.slice(start - 32, start),
    suffix: TEXT.slice(start + quote.length, start + quote.length + 32),
    hint: start,
  };

  it("finds a lightly edited quote", () => {
    const edited = TEXT.replace("increasingly under pressure", "under growing pressure");
    const res = matchQuoteFuzzy(edited, quote, context, { minScore: 0.8 });
    expect(res.status).toBe("match");
    if (res.status !== "match") return;
    expect(edited.slice(res.match.start, res.match.end)).toBe(
      "his government is under growing pressure to keep Iranian influence in check",
    );
    expect(res.match.score).toBeGreaterThan(0.8);
  });

  it("searches the whole text when the quote moved far from its old position", () => {
    const filler = "Officials in Baghdad declined to comment on the reports. ".repeat(100);
    const edited = filler + TEXT.replace("increasingly", "ever more");
    const res = matchQuoteFuzzy(edited, quote, { ...context, hint: 0 }, { minScore: 0.8, window: 500 });
    expect(res.status).toBe("match");
    if (res.status === "match") expect(res.match.start).toBe(edited.indexOf("his government"));
  });

  it("reports a weak match when only a rewritten version remains", () => {
    const edited = TEXT.replace(quote, "the cabinet faces calls to curb Tehran’s sway");
    const res = matchQuoteFuzzy(edited, quote, context, { minScore: 0.8 });
    expect(["weak", "none"]).toContain(res.status);
  });

  it("reports ambiguity when two passages match equally well", () => {
    // The passage, edited, appears twice with the same surroundings (a pasted
    // duplicate): neither copy is a better home than the other.
    const section = [PARA_A, PARA_B.replace("increasingly", "ever more"), PARA_C].join("\n\n");
    const edited = `${section}\n\n${section}`;
    const res = matchQuoteFuzzy(edited, quote, context, { minScore: 0.8 });
    expect(res.status).toBe("ambiguous");
  });

  it("finds the real passage even when a decoy elsewhere has fewer errors", () => {
    // The decoy is nearly the quote but sits in an unrelated context; the real
    // passage has more edits but its context agrees. approx-string-match alone
    // would only report the decoy.
    const decoy = "his government is increasingly under pressure to keep Iranian influence in chess";
    const edited =
      TEXT.replace("increasingly under pressure to keep", "now increasingly under heavy pressure to hold") +
      "\n\nUnrelated: " +
      decoy +
      " – said a satirical column.";
    const res = matchQuoteFuzzy(edited, quote, context, { minScore: 0.8 });
    expect(res.status).toBe("match");
    if (res.status === "match") {
      expect(edited.slice(res.match.start, res.match.end)).toBe(
        "his government is now increasingly under heavy pressure to hold Iranian influence in check",
      );
    }
  });

  it("returns none for an empty quote or text", () => {
    expect(matchQuoteFuzzy(TEXT, "", {}, { minScore: 0.8 }).status).toBe("none");
    expect(matchQuoteFuzzy("", quote, {}, { minScore: 0.8 }).status).toBe("none");
  });
});

describe("snapToWords", () => {
  const base = { errors: 2, score: 0.9, contentScore: 0.9 };

  it("widens a match that starts or ends mid-word when the quote did not", () => {
    const text = "Analysts said Iranian-backed groups were weakened.";
    const start = text.indexOf("nian-backed");
    const snapped = snapToWords(text, "Iran-backed group", { ...base, start, end: text.indexOf("s were") }, {
      prefix: "said ",
      suffix: " were",
    });
    expect(text.slice(snapped.start, snapped.end)).toBe("Iranian-backed groups");
  });

  it("leaves a quote that itself began mid-word alone", () => {
    const text = "Analysts said Iranian-backed groups were weakened.";
    const start = text.indexOf("nian");
    const m = { ...base, start, end: start + 4 };
    expect(snapToWords(text, "nian", m, { prefix: "Ira", suffix: "-backed" })).toBe(m);
  });
});

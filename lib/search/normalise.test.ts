import { describe, expect, it } from "vitest";
import { HIT_END, HIT_START, MAX_SEARCH_CHAR_MAP, normaliseForSearch, normaliseSql, SEARCH_CHAR_MAP } from "./normalise";
import { snippetSegments } from "./snippet";

describe("normaliseForSearch", () => {
  it("removes Arabic harakat and tatweel", () => {
    expect(normaliseForSearch("كَتَبَ")).toBe("كتب");
    expect(normaliseForSearch("كـــتب")).toBe("كتب");
    expect(normaliseForSearch("مُحَمَّدٌ")).toBe("محمد");
  });

  it("folds alef, yeh and teh marbuta forms", () => {
    expect(normaliseForSearch("أحمد")).toBe("احمد");
    expect(normaliseForSearch("إسلام")).toBe("اسلام");
    expect(normaliseForSearch("آمن")).toBe("امن");
    expect(normaliseForSearch("مستشفى")).toBe("مستشفي");
    expect(normaliseForSearch("مدرسة")).toBe("مدرسه");
  });

  it("stays short enough for SQLite's parser to nest as replace() calls", () => {
    expect(SEARCH_CHAR_MAP.length).toBeLessThanOrEqual(MAX_SEARCH_CHAR_MAP);
  });

  it("removes the snippet hit markers from text", () => {
    expect(normaliseForSearch(`a${HIT_START}b${HIT_END}c`)).toBe("a b c");
  });

  it("leaves Latin text, quotes and dashes to the tokenizer (unchanged here)", () => {
    const text = "Iraq’s provinces — “quoted” Café 1,000";
    expect(normaliseForSearch(text)).toBe(text);
  });

  it("maps only single code units, so SQL replace() can do the same", () => {
    for (const [from] of SEARCH_CHAR_MAP) expect(from.length).toBe(1);
  });
});

describe("normaliseSql", () => {
  it("nests one replace() per mapped character, in order", () => {
    const expr = normaliseSql("NEW.title");
    expect(expr.match(/replace\(/g)?.length).toBe(SEARCH_CHAR_MAP.length);
    expect(expr).toContain("NEW.title, char(2), ' ')");
    expect(expr).not.toMatch(/[^\x20-\x7e]/);
  });
});

describe("snippetSegments", () => {
  it("shows paragraph breaks as a separator", () => {
    expect(snippetSegments(`back ${HIT_START}militia${HIT_END} clashes\n\nTensions in the Middle East`)).toEqual([
      { text: "back ", hit: false },
      { text: "militia", hit: true },
      { text: " clashes · Tensions in the Middle East", hit: false },
    ]);
  });
  it("splits marked hits into segments", () => {
    expect(snippetSegments(`The ${HIT_START}militias${HIT_END} of ${HIT_START}Iraq${HIT_END}’s`)).toEqual([
      { text: "The ", hit: false },
      { text: "militias", hit: true },
      { text: " of ", hit: false },
      { text: "Iraq", hit: true },
      { text: "’s", hit: false },
    ]);
  });

  it("joins adjacent hits and tolerates an unclosed marker", () => {
    expect(snippetSegments(`${HIT_START}a${HIT_END}${HIT_START}b${HIT_END} c ${HIT_START}d`)).toEqual([
      { text: "ab", hit: true },
      { text: " c ", hit: false },
      { text: "d", hit: true },
    ]);
    expect(snippetSegments("")).toEqual([]);
  });
});

import { describe, expect, test } from "vitest";
import { extractFeatures } from "./features";
import { compareClaims, MATCH_THRESHOLD } from "./match";
import { candidateTerms } from "./terms";
import { wordVectors } from "./word-vectors";

const vectors = wordVectors();
const same = (a: string, b: string) => {
  const c = compareClaims(a, b, vectors);
  return c.differences.length === 0 && c.score >= MATCH_THRESHOLD;
};

describe("the facts of a claim", () => {
  test("a percentage is one fact however it is written", () => {
    for (const text of ["fell to 4%", "fell to 4 percent", "fell to four per cent", "fell to 4 per cent"]) {
      expect(extractFeatures(text).numbers, text).toEqual([expect.objectContaining({ value: 4, unit: "percent" })]);
    }
  });

  test("amounts with their multipliers and currencies", () => {
    expect(extractFeatures("The government spent $1.2bn").numbers).toEqual([expect.objectContaining({ value: 1.2e9, unit: "money" })]);
    expect(extractFeatures("it cost 1,200 million dollars").numbers).toEqual([expect.objectContaining({ value: 1.2e9, unit: "money" })]);
    expect(extractFeatures("one and a half million people").numbers).toEqual([expect.objectContaining({ value: 1.5e6, unit: "count" })]);
    expect(extractFeatures("48,000 deaths").numbers).toEqual([expect.objectContaining({ value: 48000 })]);
  });

  test("shares in words are percentages", () => {
    expect(extractFeatures("One in three Americans").numbers).toEqual([expect.objectContaining({ value: 33.333, unit: "percent" })]);
    expect(extractFeatures("A third of Americans").numbers).toEqual([expect.objectContaining({ value: 33.333, unit: "percent" })]);
    expect(extractFeatures("Two thirds of rivers").numbers).toEqual([expect.objectContaining({ value: 66.667, unit: "percent" })]);
    expect(extractFeatures("Half of all food").numbers).toEqual([expect.objectContaining({ value: 50, unit: "percent" })]);
  });

  test("a year is a date, not a figure; a month is kept with it", () => {
    const f = extractFeatures("Inflation reached 9.1 percent in June 2022, 200 in 2020");
    expect(f.dates).toEqual(expect.arrayContaining(["2022", "2022-06", "2020"]));
    expect(f.numbers.map((n) => n.value)).toEqual([9.1, 200]);
  });

  test("negation, including n't and zero, but not 'no one has more … than'", () => {
    expect(extractFeatures("Crime didn't double").negated).toBe(true);
    expect(extractFeatures("The firm paid zero tax").negated).toBe(true);
    expect(extractFeatures("No country hosts more refugees than Turkey").negated).toBe(false);
    expect(extractFeatures("Turkey hosts more refugees than any other country").negated).toBe(false);
  });

  test("places by name and demonym; people by capitals", () => {
    expect(extractFeatures("French unemployment rose").entities).toEqual(["france"]);
    expect(extractFeatures("Unemployment in France rose, said Emmanuel Macron").entities).toEqual(["france", "emmanuel macron"]);
    expect(extractFeatures("Thirty per cent of young Spaniards are jobless").entities).toEqual(["spain"]);
    expect(extractFeatures("UK crime doubled").entities).toEqual(["united kingdom"]);
  });

  test("direction of a change", () => {
    expect(extractFeatures("Unemployment fell").direction).toBe("down");
    expect(extractFeatures("Unemployment rose").direction).toBe("up");
    expect(extractFeatures("Unemployment is 4%").direction).toBeNull();
  });
});

describe("the same claim, or not", () => {
  test("the issue's paraphrase: other words, the same assertion", () => {
    expect(same("unemployment fell to 4%", "the jobless rate dropped to four per cent")).toBe(true);
    expect(same("Unemployment fell to 4% in 2023.", "In 2023 unemployment went down to 4 percent.")).toBe(true);
  });

  test("another figure, another year, another country, a negation or the other direction is another claim, and says why", () => {
    const base = "unemployment fell to 4% in 2023 in France";
    expect(compareClaims(base, "unemployment fell to 7% in 2023 in France", vectors).differences).toEqual(["4% here, 7% there"]);
    expect(compareClaims(base, "unemployment fell to 4% in 2019 in France", vectors).differences).toEqual(["2023 here, 2019 there"]);
    expect(compareClaims(base, "unemployment fell to 4% in 2023 in Germany", vectors).differences).toEqual(["france here, germany there"]);
    expect(compareClaims(base, "unemployment did not fall to 4% in 2023 in France", vectors).differences).toEqual(["the other one is negated"]);
    expect(compareClaims(base, "unemployment rose to 4% in 2023 in France", vectors).differences).toEqual(["down here, up there"]);
  });

  test("a figure written as a share matches the percentage within a point", () => {
    expect(same("A third of Americans have no retirement savings.", "33% of US adults have no retirement savings.")).toBe(true);
    expect(same("A third of Americans have no retirement savings.", "Half of Americans have no retirement savings.")).toBe(false);
  });

  test("unrelated claims score low", () => {
    expect(compareClaims("unemployment fell to 4%", "The measles vaccine is 97 percent effective", vectors).score).toBeLessThan(MATCH_THRESHOLD);
  });
});

describe("what is looked up", () => {
  test("words, their neighbours, numbers in other spellings and places by every name", () => {
    const terms = candidateTerms(extractFeatures("UK unemployment fell to four per cent"), vectors).map((t) => t.join(" "));
    expect(terms).toEqual(expect.arrayContaining(["unemployment", "jobless", "4", "four", "britain", "uk", "british"]));
  });

  test("the word vectors load from the committed file, with neighbours", () => {
    expect(vectors.size).toBe(50_000);
    expect(vectors.similarity("unemployment", "jobless")).toBeGreaterThan(0.8);
    expect(vectors.neighbours("jobless", { count: 3, minSimilarity: 0.6 })).toContain("unemployment");
  });
});

import { describe, expect, it } from "vitest";
import { foldToken, matchExpression, MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery } from "./query";

const match = (q: string) => {
  const parsed = parseSearchQuery(q);
  if (parsed.status !== "ok") throw new Error(`not ok: ${JSON.stringify(parsed)}`);
  return parsed.match;
};

describe("parseSearchQuery", () => {
  it("makes every word a prefix term, all required", () => {
    expect(match("milit provinces")).toBe('"milit"* AND "provinces"*');
  });

  it("keeps quoted phrases exact, with straight or curly quotes", () => {
    expect(match('"Iraq’s provinces" militia')).toBe('"Iraq s provinces" AND "militia"*');
    expect(match("“vast majority”")).toBe('"vast majority"');
    expect(match('"unclosed phrase')).toBe('"unclosed phrase"');
  });

  it("matches a word with an apostrophe, straight or curly, as the phrase of its parts", () => {
    expect(match("Iraq's provinces")).toBe(match("Iraq’s provinces"));
    expect(match("Iraq's")).toBe('"Iraq s"');
    expect(match("Iran-backed")).toBe('"Iran backed"*');
  });

  it("matches numbers with and without group separators", () => {
    expect(match("1000")).toBe('("1000" OR "1 000")');
    expect(match("1,000")).toBe('("1000" OR "1 000")');
    expect(match("1.000.000")).toBe('("1000000" OR "1 000 000")');
    expect(match("4")).toBe('"4"');
    expect(match("2.5")).toBe('"2 5"');
  });

  it("normalises Arabic like the index", () => {
    expect(match("أحْمَد")).toBe('"احمد"*');
  });

  it("treats FTS5 operators and syntax as text", () => {
    expect(match("militias AND NOT Iran")).toBe('"militias"* AND "AND"* AND "NOT"* AND "Iran"*');
    expect(match("title:Iraq")).toBe('"title Iraq"*');
    expect(match("NEAR(a b)")).toBe('"NEAR a" AND "b"');
    expect(match("mili* ^start (x OR y)")).toBe('"mili"* AND "start"* AND "x" AND "OR"* AND "y"');
    expect(match('a""b')).toBe('"a" AND "b"');
  });

  it("reports empty and oversized input in words", () => {
    expect(parseSearchQuery("")).toEqual({ status: "empty" });
    expect(parseSearchQuery('  *** ()" "  ')).toEqual({ status: "empty" });
    expect(parseSearchQuery(undefined)).toEqual({ status: "empty" });
    expect(parseSearchQuery("a".repeat(MAX_QUERY_LENGTH + 1))).toEqual({ status: "invalid", message: `Keep the search under ${MAX_QUERY_LENGTH} characters.` });
    const many = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(" ");
    expect(parseSearchQuery(many)).toMatchObject({ status: "invalid" });
  });

  it("only ever emits quoted tokens, operators and parentheses (fuzzed)", () => {
    const alphabet = ['"', "'", "“", "”", "*", "^", ":", "(", ")", "-", "+", "AND", "OR", "NOT", "NEAR", "{", "}", ",", ".", " ", "a", "é", "ك", "َ", "1", "\u0000", "\u0002", "\\", ";", "--", "/*"];
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(rand() * 30);
      const input = Array.from({ length }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
      const parsed = parseSearchQuery(input);
      if (parsed.status !== "ok") continue;
      // Strip the quoted strings: what is left may only be operators the parser itself wrote.
      const outside = parsed.match.replace(/"(?:[^"]|"")*"/g, "S");
      expect(outside, input).toMatch(/^(?:\(?S\*?(?: OR S)?\)?)(?: AND \(?S\*?(?: OR S)?\)?)*$/);
      const inside = parsed.match.match(/"(?:[^"]|"")*"/g)!.join("");
      expect(inside, input).not.toMatch(/[*^:(){}\\;\u0000-\u001f]/);
    }
  });

  it("replaces one-word prefixes by the terms an expander gives, and keeps the prefix otherwise", () => {
    const parsed = parseSearchQuery("milit Iran-backed 1,000 zz");
    if (parsed.status !== "ok") throw new Error("parse");
    const expand = (t: string) => (t === "milit" ? ["militia", "militias"] : t === "zz" ? [] : null);
    expect(matchExpression(parsed.clauses, expand)).toBe('("militia" OR "militias") AND "Iran backed"* AND ("1000" OR "1 000") AND "zz"*');
    expect(matchExpression(parsed.clauses)).toBe(parsed.match);
  });
});

describe("foldToken", () => {
  it("folds case and Latin diacritics as the tokenizer does, and leaves other scripts alone", () => {
    expect(foldToken("Société")).toBe("societe");
    expect(foldToken("São")).toBe("sao");
    expect(foldToken("Øresund")).toBe("øresund".normalize("NFD").replace(/\p{M}/gu, ""));
    expect(foldToken("مؤتمر")).toBe("مؤتمر");
  });
});

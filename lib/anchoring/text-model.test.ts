import { describe, expect, it } from "vitest";

import { createTextModel } from "./text-model";

/**
 * Reference conversion by brute force: walk the string code point by code
 * point. Used to check the binary-search implementation on every offset.
 */
function referenceOffsets(text: string): { u16ToCp: number[]; cpToU16: number[] } {
  const u16ToCp: number[] = [];
  const cpToU16: number[] = [];
  let cp = 0;
  let i = 0;
  for (const ch of text) {
    cpToU16.push(i);
    for (let k = 0; k < ch.length; k++) u16ToCp.push(cp); // inside a pair → pair start
    i += ch.length;
    cp++;
  }
  u16ToCp.push(cp);
  cpToU16.push(i);
  return { u16ToCp, cpToU16 };
}

function expectMatchesReference(text: string) {
  const model = createTextModel(text);
  const ref = referenceOffsets(text);
  expect(model.length16).toBe(text.length);
  expect(model.lengthCodePoints).toBe(ref.cpToU16.length - 1);
  for (let u = 0; u <= text.length; u++) expect(model.toCodePoint(u)).toBe(ref.u16ToCp[u]);
  for (let c = 0; c <= model.lengthCodePoints; c++) expect(model.toUtf16(c)).toBe(ref.cpToU16[c]);
}

describe("createTextModel", () => {
  it("is the identity on ASCII text", () => {
    const text = "Tensions in the Middle East have risen due to reports.";
    const model = createTextModel(text);
    expect(model.text).toBe(text);
    expect(model.lengthCodePoints).toBe(text.length);
    expect(model.toCodePoint(17)).toBe(17);
    expect(model.toUtf16(17)).toBe(17);
    expectMatchesReference(text);
  });

  it("counts an emoji as one code point but two UTF-16 units", () => {
    const text = "Breaking 🔥 news: strikes reported";
    const model = createTextModel(text);
    // "Breaking " is 9 units; the fire emoji occupies units 9–10.
    expect(model.toCodePoint(9)).toBe(9);
    expect(model.toCodePoint(11)).toBe(10); // the space after the emoji
    expect(model.toUtf16(10)).toBe(11);
    expect(model.lengthCodePoints).toBe(text.length - 1);
    expectMatchesReference(text);
  });

  it("rounds an offset inside a surrogate pair down to the pair start", () => {
    const model = createTextModel("a😀b");
    expect(model.toCodePoint(2)).toBe(1); // low surrogate → the emoji's code point
    expect(model.toUtf16(model.toCodePoint(2))).toBe(1);
  });

  it("handles multi-code-point emoji (ZWJ family, flags, skin tones)", () => {
    // 👩‍👩‍👧 = 3 emoji + 2 ZWJ = 5 code points / 8 units; 🇮🇶 = 2 regional indicators / 4 units.
    const text = "Family 👩‍👩‍👧 fled; flag 🇮🇶 raised; 👍🏽 agreed.";
    const model = createTextModel(text);
    const family = text.indexOf("👩");
    expect(model.toCodePoint(family + 8)).toBe(family + 5);
    const flag = text.indexOf("🇮🇶");
    expect(model.toCodePoint(flag)).toBe(flag - 3); // 3 pairs before it
    expect(model.toCodePoint(flag + 4)).toBe(flag - 3 + 2);
    expectMatchesReference(text);
  });

  it("handles Arabic (BMP, right-to-left) text as one unit per code point", () => {
    const text = "قال رئيس الوزراء محمد شياع السوداني إن العراق سيحافظ على سيادته.";
    const model = createTextModel(text);
    expect(model.lengthCodePoints).toBe(text.length);
    expectMatchesReference(text);
  });

  it("handles curly quotes and apostrophes", () => {
    const text = "Iraq’s leaders said “no” to ‘foreign’ control — again…";
    expectMatchesReference(text);
    expect(createTextModel(text).lengthCodePoints).toBe(text.length);
  });

  it("treats lone surrogates as single code points, like JS iteration", () => {
    expectMatchesReference("a\ud83db\udc00c\ud83d");
    expectMatchesReference("\udc00\ud83d\ude00\ud83d");
  });

  it("clamps out-of-range and non-integer offsets", () => {
    const model = createTextModel("x😀y");
    expect(model.toCodePoint(-5)).toBe(0);
    expect(model.toCodePoint(99)).toBe(3);
    expect(model.toUtf16(99)).toBe(4);
    expect(model.toUtf16(Number.NaN)).toBe(0);
    expect(model.toUtf16(2.7)).toBe(3);
  });

  it("handles the empty string", () => {
    const model = createTextModel("");
    expect(model.length16).toBe(0);
    expect(model.lengthCodePoints).toBe(0);
    expect(model.toCodePoint(0)).toBe(0);
    expect(model.toUtf16(3)).toBe(0);
  });

  it("converts quickly on a 600,000-character article with many emoji", () => {
    const chunk = "Iraq’s prime minister 🇮🇶 spoke in Baghdad 😀 on Tuesday. ";
    const text = chunk.repeat(Math.ceil(600_000 / chunk.length));
    const model = createTextModel(text);
    // Spot-check a sample against the reference, then time many conversions.
    const ref = referenceOffsets(text);
    for (let u = 0; u <= text.length; u += 997) expect(model.toCodePoint(u)).toBe(ref.u16ToCp[u]);
    for (let c = 0; c <= model.lengthCodePoints; c += 991) expect(model.toUtf16(c)).toBe(ref.cpToU16[c]);

  });
});

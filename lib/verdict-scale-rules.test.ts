import { describe, expect, it } from "vitest";
import { DEFAULT_VERDICT_SCALE } from "@/lib/verdicts";
import { keyFromLabel, normalizeLabel, verdictFieldsSchema, whiteTextContrast } from "./verdict-scale-rules";

describe("keyFromLabel", () => {
  it("makes a snake_case ASCII key and avoids keys in use", () => {
    expect(keyFromLabel("Needs context", [])).toBe("needs_context");
    expect(keyFromLabel("Très faux !", [])).toBe("tres_faux");
    expect(keyFromLabel("False", ["false"])).toBe("false_2");
    expect(keyFromLabel("False", ["false", "false_2"])).toBe("false_3");
    expect(keyFromLabel("¿?", [])).toBe("verdict");
  });
});

describe("normalizeLabel", () => {
  it("ignores case, accents and spaces", () => {
    expect(normalizeLabel("  Mostly TRUE ")).toBe(normalizeLabel("mostly true"));
    expect(normalizeLabel("Équivoque")).toBe("equivoque");
  });
});

describe("whiteTextContrast", () => {
  it("matches the WCAG figures", () => {
    expect(whiteTextContrast("#000000")).toBeCloseTo(21, 5);
    expect(whiteTextContrast("#ffffff")).toBeCloseTo(1, 5);
    expect(whiteTextContrast("#767676")).toBeGreaterThanOrEqual(4.5);
    expect(whiteTextContrast("#777777")).toBeLessThan(4.5);
  });
  it("passes AA for every default verdict", () => {
    for (const v of DEFAULT_VERDICT_SCALE) expect(whiteTextContrast(v.color), v.key).toBeGreaterThanOrEqual(4.5);
  });
});

describe("verdictFieldsSchema", () => {
  it("accepts an empty value as none and a comma decimal", () => {
    const base = { label: " Needs context ", description: "", color: "#1D4ED8", icon: "circle" };
    expect(verdictFieldsSchema.parse({ ...base, value: "" })).toMatchObject({ label: "Needs context", color: "#1d4ed8", value: null });
    expect(verdictFieldsSchema.parse({ ...base, value: "0,4" }).value).toBe(0.4);
  });
  it("refuses bad colours, values out of range and unknown icons", () => {
    const base = { label: "X", description: "", color: "#123456", value: null, icon: "circle" };
    expect(verdictFieldsSchema.safeParse({ ...base, color: "red" }).success).toBe(false);
    expect(verdictFieldsSchema.safeParse({ ...base, value: "1.5" }).success).toBe(false);
    expect(verdictFieldsSchema.safeParse({ ...base, value: "abc" }).success).toBe(false);
    expect(verdictFieldsSchema.safeParse({ ...base, icon: "skull" }).success).toBe(false);
    expect(verdictFieldsSchema.safeParse({ ...base, label: "  " }).success).toBe(false);
  });
});

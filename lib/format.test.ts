import { describe, expect, it } from "vitest";
import { formatDateTimeUtc, formatDay, formatMonth, formatNumber } from "./format";

describe("formatting", () => {
  it("formats days, months, times and numbers the way the pages always did", () => {
    expect(formatDay("2024-11-01")).toBe("1 Nov 2024");
    expect(formatDay("2026-11-25T23:59:00.000Z")).toBe("25 Nov 2026");
    expect(formatDay(null)).toBe("—");
    expect(formatDay("not a date")).toBe("not a date");
    expect(formatMonth("2025-03")).toBe("Mar 2025");
    expect(formatDateTimeUtc("2026-11-25T14:05:00.000Z")).toBe("25 Nov 2026, 14:05 UTC");
    expect(formatNumber(1234567)).toBe("1,234,567");
  });
});

import { describe, expect, it } from "vitest";
import { absoluteTime, relativeTime } from "@/lib/relative-time";

const now = Date.parse("2026-11-25T16:00:00.000Z");
const ago = (ms: number) => new Date(now - ms).toISOString();

describe("relativeTime", () => {
  it("says how long ago, in the largest sensible unit", () => {
    expect(relativeTime(ago(10_000), now)).toBe("just now");
    expect(relativeTime(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(3 * 3_600_000), now)).toBe("3 hours ago");
    expect(relativeTime(ago(26 * 3_600_000), now)).toBe("yesterday");
    expect(relativeTime(ago(10 * 86_400_000), now)).toBe("10 days ago");
    expect(relativeTime(ago(90 * 86_400_000), now)).toBe("3 months ago");
    expect(relativeTime(ago(800 * 86_400_000), now)).toBe("2 years ago");
    expect(relativeTime("not a date", now)).toBe("");
  });

  it("gives the absolute time in the time zone asked for", () => {
    expect(absoluteTime("2026-11-25T16:05:00.000Z", "UTC")).toBe("25 Nov 2026, 16:05");
    expect(absoluteTime("2026-11-25T16:05:00.000Z", "Asia/Tokyo")).toBe("26 Nov 2026, 01:05");
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule, retryDelay } from "./schedule";

describe("webhook retry schedule", () => {
  it("defaults to the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", () => {
    expect(parseRetrySchedule(undefined)).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(parseRetrySchedule("")).toEqual(parseRetrySchedule(DEFAULT_RETRY_SCHEDULE));
  });

  it("reads WEBHOOK_RETRY_SCHEDULE-style overrides and refuses nonsense", () => {
    expect(parseRetrySchedule("200ms, 1s,1.5m,1h,1d")).toEqual([200, 1000, 90_000, 3_600_000, 86_400_000]);
    for (const bad of ["5", "fast", "5s,,5s", "-1s", "5 minutes"]) expect(() => parseRetrySchedule(bad), bad).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });

  it("waits the n-th entry after the n-th failed attempt, with at most ±10 % jitter, then gives up", () => {
    const schedule = parseRetrySchedule(undefined);
    expect(retryDelay(schedule, 1, () => 0.5)).toBe(5_000);
    expect(retryDelay(schedule, 1, () => 0)).toBe(4_500);
    expect(retryDelay(schedule, 1, () => 0.999_999)).toBe(5_500);
    expect(retryDelay(schedule, 2, () => 0.5)).toBe(300_000);
    expect(retryDelay(schedule, 7, () => 0.5)).toBe(36_000_000);
    expect(retryDelay(schedule, 8)).toBeNull();
    const spread = new Set(Array.from({ length: 50 }, () => retryDelay(schedule, 3)));
    expect(spread.size).toBeGreaterThan(10);
    for (const wait of spread) expect(Math.abs(wait! - 1_800_000)).toBeLessThanOrEqual(180_000);
  });
});

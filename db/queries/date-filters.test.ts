import { describe, expect, it } from "vitest";
import { dashboardQuerySchema, unreadableDateFilters } from "./dashboard";

describe("date filters in a URL", () => {
  it("reads ISO dates only; anything else is not applied, and the page is told which and why", () => {
    const input = { from: "01/11/2024", to: "2024-11-30" };
    expect(dashboardQuerySchema.parse(input)).toMatchObject({ from: undefined, to: "2024-11-30" });
    expect(unreadableDateFilters(input)).toEqual(["“Article date from” was not applied: “01/11/2024” is not a date. Use the format YYYY-MM-DD, e.g. 2024-11-01."]);
  });

  it("says nothing for valid, empty or absent dates, and refuses impossible ones", () => {
    expect(unreadableDateFilters({ from: "2024-02-29", to: "" })).toEqual([]);
    expect(unreadableDateFilters({})).toEqual([]);
    expect(unreadableDateFilters({ to: ["2023-02-29", "2024-01-01"] })).toHaveLength(1);
    expect(unreadableDateFilters({ from: "1 Nov 2024", to: "2024-13-01" })).toHaveLength(2);
  });
});

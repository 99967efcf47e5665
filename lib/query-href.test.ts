import { describe, expect, it } from "vitest";
import { hrefWithQuery } from "./query-href";

describe("hrefWithQuery", () => {
  it("keeps the set parameters, applies changes and drops empty ones and page 1", () => {
    const query = { q: "Iraq's provinces", verdict: "false", status: undefined, page: 3 };
    expect(hrefWithQuery("/search", query)).toBe("/search?q=Iraq%27s+provinces&verdict=false&page=3");
    expect(hrefWithQuery("/search", query, { page: 1, verdict: undefined })).toBe("/search?q=Iraq%27s+provinces");
    expect(hrefWithQuery("/dashboard", { sort: "title", from: "" }, { dir: "asc" })).toBe("/dashboard?sort=title&dir=asc");
    expect(hrefWithQuery("/dashboard", {})).toBe("/dashboard");
  });
});

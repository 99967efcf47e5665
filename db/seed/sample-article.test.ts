import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The demo article is the scraped page's body, cleaned by hand. Guard that the
// cleaning removed only site chrome and changed no word of the article.
const dir = path.join(process.cwd(), "db", "seed");
const scraped = readFileSync(path.join(dir, "middle-east-tensions.scraped.txt"), "utf8");
const cleaned = readFileSync(path.join(dir, "middle-east-tensions.md"), "utf8");

describe("sample article", () => {
  const blocks = cleaned
    .split(/\n\n+/)
    .map((b) => b.replace(/^## /, "").trim())
    .filter(Boolean);

  it("keeps every paragraph and heading verbatim from the scraped page", () => {
    for (const block of blocks) expect(scraped).toContain(block);
  });

  it("leaves out the site chrome", () => {
    for (const chrome of ["January 18, 2025", "POLITICS", "Leave a Reply", "Image credit", "Your email address will not be published"]) {
      expect(cleaned).not.toContain(chrome);
    }
  });

  it("contains the claim the desk checks first", () => {
    expect(cleaned).toContain("The vast majority of Iraq’s provinces are controlled by Iran-supported militias");
  });
});

import { describe, expect, it } from "vitest";
import { presenceLine } from "./presence";

describe("presenceLine", () => {
  it("names who is editing and since when, in the reader's time zone", () => {
    expect(presenceLine([{ userId: "a", name: "Ana Editor", since: "2026-03-01T14:02:40.000Z" }], "UTC")).toBe("Ana Editor is editing the text (since 14:02)");
    expect(presenceLine([{ userId: "a", name: "Ana Editor", since: "2026-03-01T14:02:40.000Z" }], "Europe/Berlin")).toBe("Ana Editor is editing the text (since 15:02)");
  });

  it("several people: all named, since the first began; nobody: empty", () => {
    const editors = [
      { userId: "b", name: "Bo", since: "2026-03-01T14:05:00.000Z" },
      { userId: "a", name: "Ana", since: "2026-03-01T14:02:00.000Z" },
      { userId: "c", name: "Cy", since: "2026-03-01T14:09:00.000Z" },
    ];
    expect(presenceLine(editors, "UTC")).toBe("Bo, Ana and Cy are editing the text (since 14:02)");
    expect(presenceLine([], "UTC")).toBe("");
  });
});

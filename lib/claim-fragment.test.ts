import { describe, expect, it } from "vitest";
import { claimFragment, claimIdFromFragment } from "./claim-fragment";

const ID = "3f2b8c1e-6a4d-4e2f-9b1a-0c5d7e8f9a0b";

describe("claimFragment", () => {
  it("is the claim id, so it never depends on list position or scope", () => {
    expect(claimFragment(ID)).toBe(`claim-${ID}`);
  });

  it("reads back from a URL hash, and nothing else", () => {
    expect(claimIdFromFragment(`#${claimFragment(ID)}`)).toBe(ID);
    expect(claimIdFromFragment(claimFragment(ID))).toBe(ID);
    expect(claimIdFromFragment("#claim-2")).toBeNull();
    expect(claimIdFromFragment(`#claim-${ID}-ref`)).toBeNull();
    expect(claimIdFromFragment("")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { approvalLine, articleState, formatScore, formatShare, rollUp, rollUpClaims, verdictHeadline, type StatusCounts } from "./summary";
import { DEFAULT_VERDICT_SCALE, type VerdictScale } from "./verdicts";

const counts = (over: Partial<StatusCounts> = {}): StatusCounts => ({ total: 0, open: 0, inReview: 0, verdictProposed: 0, approved: 0, checked: 0, ...over });

describe("articleState", () => {
  it("names each stage of an article", () => {
    expect(articleState(counts())).toBe("no_claims");
    expect(articleState(counts({ total: 3, open: 3 }))).toBe("not_started");
    expect(articleState(counts({ total: 3, open: 3, checked: 1 }))).toBe("in_progress");
    expect(articleState(counts({ total: 3, open: 2, inReview: 1 }))).toBe("in_progress");
    expect(articleState(counts({ total: 3, verdictProposed: 2, approved: 1, checked: 3 }))).toBe("awaiting_approval");
    expect(articleState(counts({ total: 3, verdictProposed: 1, approved: 1, open: 1, checked: 2 }))).toBe("in_progress");
    expect(articleState(counts({ total: 3, approved: 3, checked: 3 }))).toBe("complete");
  });
});

describe("rollUp", () => {
  const scale = DEFAULT_VERDICT_SCALE;

  it("takes the lowest-valued APPROVED verdict as the worst, ignoring proposed ones", () => {
    const r = rollUp(
      counts({ total: 4, approved: 2, verdictProposed: 2, checked: 4 }),
      [
        { verdict: "true", n: 1, approved: 1 },
        { verdict: "mostly_false", n: 1, approved: 1 },
        { verdict: "false", n: 2, approved: 0 },
      ],
      scale,
    );
    expect(r.worstApproved?.key).toBe("mostly_false");
    expect(r.score).toBeCloseTo((1 + 0.25) / 2);
    expect(r.scoredClaims).toBe(2);
    expect(r.state).toBe("awaiting_approval");
    expect(r.stateLabel).toBe("Awaiting approval");
    expect(r.checkedShare).toBe(1);
    expect(r.approvedShare).toBe(0.5);
  });

  it("counts verdicts without a value but never makes them the worst or scores them", () => {
    const r = rollUp(counts({ total: 3, approved: 3, checked: 3 }), [{ verdict: "unverifiable", n: 2, approved: 2 }, { verdict: "half_true", n: 1, approved: 1 }], scale);
    expect(r.worstApproved?.key).toBe("half_true");
    expect(r.score).toBe(0.5);
    expect(r.byVerdict.find((v) => v.key === "unverifiable")?.approved).toBe(2);
    const none = rollUp(counts({ total: 1, approved: 1, checked: 1 }), [{ verdict: "unverifiable", n: 1, approved: 1 }], scale);
    expect(none.worstApproved).toBeNull();
    expect(none.score).toBeNull();
    expect(formatScore(none.score)).toBe("—");
  });

  it("follows the desk's scale, whatever its keys, and keeps unknown keys visible", () => {
    const custom: VerdictScale = [
      { key: "ok", label: "Correct", description: "", color: "#15803d", value: 1, icon: "check", position: 1 },
      { key: "bad", label: "Wrong", description: "", color: "#b91c1c", value: 0, icon: "x-circle", position: 0 },
      { key: "also_bad", label: "Fabricated", description: "", color: "#b91c1c", value: 0, icon: "x-circle", position: 2 },
    ];
    const r = rollUp(
      counts({ total: 4, approved: 4, checked: 4 }),
      [
        { verdict: "ok", n: 1, approved: 1 },
        { verdict: "also_bad", n: 1, approved: 1 },
        { verdict: "bad", n: 1, approved: 1 },
        { verdict: "retired", n: 1, approved: 1 },
      ],
      custom,
    );
    expect(r.byVerdict.map((v) => v.key)).toEqual(["bad", "ok", "also_bad", "retired"]);
    // Tie on value 0: the verdict listed first on the scale.
    expect(r.worstApproved?.key).toBe("bad");
    expect(r.byVerdict.at(-1)?.entry).toBeNull();
    expect(r.score).toBeCloseTo(1 / 3);
  });

  it("reports an empty article without dividing by zero", () => {
    const r = rollUp(counts(), [], scale);
    expect(r.checkedShare).toBe(0);
    expect(r.worstApproved).toBeNull();
    expect(r.byVerdict).toHaveLength(scale.length);
    expect(r.state).toBe("no_claims");
  });
});

describe("formatShare", () => {
  it("never rounds up to 100 %", () => {
    expect(formatShare(0.999)).toBe("99 %");
    expect(formatShare(1)).toBe("100 %");
    expect(formatShare(2 / 3)).toBe("66 %");
  });
});

describe("rollUpClaims and the words of the summary", () => {
  const scale = DEFAULT_VERDICT_SCALE;
  it("counts claims as the server does and says what the approved verdicts are", () => {
    const r = rollUpClaims(
      [
        { status: "approved", verdict: "false" },
        { status: "approved", verdict: "true" },
        { status: "approved", verdict: "mostly_true" },
        { status: "verdict_proposed", verdict: "misleading" },
        { status: "open", verdict: null },
      ],
      scale,
    );
    expect(r.counts).toEqual({ total: 5, open: 1, inReview: 0, verdictProposed: 1, approved: 3, checked: 4 });
    expect(r.worstApproved?.key).toBe("false");
    expect(verdictHeadline(r)).toBe("1 of 3 checked claims is false");
    expect(approvalLine(r)).toBe("3 of 5 claims approved");
    expect(r).toEqual(rollUp(r.counts, [
      { verdict: "false", n: 1, approved: 1 },
      { verdict: "true", n: 1, approved: 1 },
      { verdict: "mostly_true", n: 1, approved: 1 },
      { verdict: "misleading", n: 1, approved: 0 },
    ], scale));
  });
  it("has words for no claims, nothing approved and everything approved", () => {
    expect(verdictHeadline(rollUpClaims([], scale))).toBe("No claims marked yet");
    expect(verdictHeadline(rollUpClaims([{ status: "open", verdict: "false" }], scale))).toBe("No verdict approved yet");
    const all = rollUpClaims([{ status: "approved", verdict: "true" }, { status: "approved", verdict: "true" }], scale);
    expect(approvalLine(all)).toBe("All 2 claims approved");
    expect(verdictHeadline(all)).toBe("2 of 2 checked claims are true");
    expect(verdictHeadline(rollUpClaims([{ status: "approved", verdict: "unverifiable" }], scale))).toBe("The checked claim could not be rated");
  });
});

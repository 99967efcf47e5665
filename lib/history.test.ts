import { describe, expect, it } from "vitest";
import { describeEvent, summariseSources, userIdsIn, verdictLabel, type HistoryEventInput } from "@/lib/history";
import { DEFAULT_VERDICT_SCALE } from "@/lib/verdicts";

const ctx = { scale: DEFAULT_VERDICT_SCALE, userNames: { u1: "Rita Reviewer", u2: "Eddie Editor" } };
const event = (type: HistoryEventInput["type"], data: unknown, actorName: string | null = "Eddie Editor"): HistoryEventInput => ({
  id: 1,
  type,
  data,
  actorName,
  createdAt: "2026-11-25T16:00:00.000Z",
  version: 2,
});

const src = (id: string, url: string, title = "") => ({ id, url, title, publisher: "", excerpt: "", stance: "context", accessedOn: null });

describe("history formatting", () => {
  it("names verdicts by the scale's labels, and says when a verdict left the scale", () => {
    expect(verdictLabel(DEFAULT_VERDICT_SCALE, null)).toBe("No verdict");
    expect(verdictLabel(DEFAULT_VERDICT_SCALE, "mostly_false")).toBe("Mostly false");
    expect(verdictLabel(DEFAULT_VERDICT_SCALE, "pants_on_fire")).toBe("pants_on_fire (no longer on the scale)");
    const e = describeEvent(event("updated", { verdict: { before: null, after: "false" } }), ctx);
    expect(e.summary).toBe("changed the verdict");
    expect(e.changes).toEqual([{ kind: "field", field: "Verdict", before: "No verdict", after: "False" }]);
  });

  it("lists several field changes in form order with statuses by label", () => {
    const e = describeEvent(
      event("updated", { rationale: { before: "", after: "Because." }, status: { before: "open", after: "in_review" }, claimant: { before: "A", after: "B" } }),
      ctx,
    );
    expect(e.summary).toBe("changed the claimant, status and rationale");
    expect(e.changes).toEqual([
      { kind: "field", field: "Claimant", before: "A", after: "B" },
      { kind: "field", field: "Status", before: "Open", after: "In review" },
      { kind: "field", field: "Rationale", before: "", after: "Because." },
    ]);
  });

  it("summarises sources as added, removed and changed", () => {
    const before = [src("a", "https://a.example"), src("b", "https://b.example", "B report")];
    const after = [src("b", "https://b.example/v2", "B report"), src("c", "https://c.example", "C data")];
    expect(summariseSources(before, after)).toBe("1 added: C data (https://c.example) · 1 removed: https://a.example · 1 changed: B report (https://b.example/v2)");
    expect(summariseSources([src("a", "x"), src("b", "y")], [src("b", "y"), src("a", "x")])).toBe("reordered");
    expect(describeEvent(event("updated", { sources: { before: [], after: [src("n", "https://n.example")] } }), ctx).changes).toEqual([
      { kind: "note", field: "Sources", text: "1 added: https://n.example" },
    ]);
  });

  it("describes status moves with their reason", () => {
    const returned = describeEvent(event("returned", { from: "verdict_proposed", to: "in_review", reason: "Needs a second source." }), ctx);
    expect(returned.summary).toBe("returned the verdict");
    expect(returned.changes).toEqual([{ kind: "field", field: "Status", before: "Verdict proposed", after: "In review" }]);
    expect(returned.quote).toEqual({ label: "Reason", text: "Needs a second source." });
    expect(describeEvent(event("approved", { from: "verdict_proposed", to: "approved" }), ctx).quote).toBeUndefined();
    expect(describeEvent(event("submitted", { from: "in_review", to: "verdict_proposed" }), ctx).summary).toBe("submitted the verdict for approval");
    expect(describeEvent(event("reopened", { from: "approved", to: "in_review", reason: "New data" }), ctx).quote?.text).toBe("New data");
  });

  it("shows re-anchoring by a text revision and accepting the new text", () => {
    const changed = describeEvent(event("reanchored", { revision: 2, state: "changed", method: "steps", before: { exact: "the bridge" }, after: { exact: "the tunnel" } }), ctx);
    expect(changed.summary).toBe("saved a text revision that changed the claim’s words in revision 2");
    expect(changed.changes).toEqual([
      { kind: "note", field: "Re-anchored", text: "In revision 2 (text changed), followed through the editor’s own edit." },
      { kind: "field", field: "Quoted text", before: "the bridge", after: "the tunnel" },
    ]);
    const orphaned = describeEvent(event("reanchored", { revision: 3, state: "orphaned", method: "steps", before: { exact: "every school" }, after: { exact: "" } }), ctx);
    expect(orphaned.summary).toBe("saved a text revision that removed the claim’s words in revision 3");
    expect(orphaned.quote).toEqual({ label: "Removed text", text: "every school" });
    const manual = describeEvent(event("reanchored", { revision: 3, state: "unchanged", method: "manual", before: { exact: "a" }, after: { exact: "b" } }), ctx);
    expect(manual.summary).toBe("re-anchored the claim to new words in revision 3");
    const accepted = describeEvent(event("text_accepted", { revision: 2, before: "the bridge", after: "the tunnel" }), ctx);
    expect(accepted.summary).toBe("accepted the new text of revision 2 for the verdict");
  });

  it("says in which revision and how a claim was re-anchored, and names the revision so the timeline can link to it", () => {
    const fromOutside = describeEvent(event("reanchored", { revision: 3, state: "changed", method: "diff", before: { exact: "4.2%" }, after: { exact: "4.7%" } }), ctx);
    expect(fromOutside.summary).toBe("brought in a new version that changed the claim’s words in revision 3");
    expect(fromOutside.changes[0]).toEqual({ kind: "note", field: "Re-anchored", text: "In revision 3 (text changed), followed through a diff of the old and new text." });
    expect(fromOutside.revision).toBe(3);
    const orphaned = describeEvent(event("reanchored", { revision: 4, state: "orphaned", method: "steps", before: { exact: "every school" }, after: { exact: "" } }), ctx);
    expect(orphaned.changes).toEqual([{ kind: "note", field: "Re-anchored", text: "In revision 4 (words removed), followed through the editor’s own edit." }]);
    const manual = describeEvent(event("reanchored", { revision: 4, state: "unchanged", method: "manual", before: { exact: "a" }, after: { exact: "b" } }), ctx);
    expect(manual.changes[0]).toEqual({ kind: "note", field: "Re-anchored", text: "In revision 4 (words chosen again), attached by hand to words a person selected." });
    expect(describeEvent(event("text_accepted", { revision: 2, before: "a", after: "b" }), ctx).revision).toBe(2);
    // Old rows without a revision number still read.
    const bare = describeEvent(event("reanchored", { state: "changed", method: "steps", before: { exact: "a" }, after: { exact: "b" } }), ctx);
    expect(bare.revision).toBeUndefined();
    expect(bare.changes[0]).toMatchObject({ text: "In a text revision (text changed), followed through the editor’s own edit." });
  });

  it("turns assignment user ids into names", () => {
    expect(describeEvent(event("assigned", { from: null, to: "u1" }), ctx).summary).toBe("assigned the claim to Rita Reviewer");
    expect(describeEvent(event("assigned", { from: "u1", to: "u2" }), ctx).summary).toBe("reassigned the claim from Rita Reviewer to Eddie Editor");
    expect(describeEvent(event("assigned", { from: "u2", to: null }), ctx).summary).toBe("unassigned Eddie Editor");
    expect(describeEvent(event("assigned", { from: null, to: "gone" }), ctx).summary).toBe("assigned the claim to an unknown user");
    expect(userIdsIn([event("assigned", { from: "u1", to: "u2" }), event("comment_added", { commentId: "u3", body: "x" })])).toEqual(["u1", "u2"]);
  });

  it("shows comment events with their text", () => {
    expect(describeEvent(event("comment_added", { commentId: "c", body: "Which provinces?" }), ctx)).toMatchObject({
      summary: "commented",
      quote: { label: "Comment", text: "Which provinces?" },
    });
    expect(describeEvent(event("comment_edited", { commentId: "c", before: "a", after: "b" }), ctx).changes).toEqual([
      { kind: "field", field: "Comment", before: "a", after: "b" },
    ]);
    expect(describeEvent(event("comment_deleted", { commentId: "c", body: "oops" }), ctx)).toMatchObject({
      summary: "deleted a comment",
      quote: { label: "Deleted comment", text: "oops" },
    });
  });

  it("shows an imported claim as the importer's, with the file's claims about people and approval as unverified provenance", () => {
    const imported = event(
      "created",
      {
        quote: "Iraq’s provinces",
        status: "verdict_proposed",
        importedFrom: {
          format: "claimdesk-article",
          fileSaid: { status: "approved", verdict: "false", createdByName: "Rita Reviewer", createdAt: "2020-01-01T09:00:00.000Z", approvedByName: "Eddie Editor", approvedAt: "2020-01-02T10:30:00.000Z" },
        },
      },
      "Rita Reviewer",
    );
    expect(describeEvent(imported, ctx)).toEqual({
      id: 1,
      type: "created",
      actor: "Rita Reviewer",
      at: "2026-11-25T16:00:00.000Z",
      summary: "imported the claim from a Claimdesk JSON file",
      quote: { label: "Quoted text", text: "Iraq’s provinces" },
      changes: [
        { kind: "note", field: "Stored as", text: "Verdict proposed, proposed by the importer for another editor to approve" },
        {
          kind: "note",
          field: "What the file said (not verified)",
          text: "status “Approved”; verdict “False”; created by “Rita Reviewer” on 1 Jan 2020, 09:00 UTC; approved by “Eddie Editor” on 2 Jan 2020, 10:30 UTC.",
        },
      ],
    });
    // An older import event, without the file's statement, still reads as an import.
    expect(describeEvent(event("created", { quote: "x", importedFrom: {} }), ctx)).toMatchObject({ summary: "imported the claim from a Claimdesk JSON file", changes: [] });
  });

  it("copes with creation, deletion, a missing actor and malformed data", () => {
    expect(describeEvent(event("created", { quote: "Iraq’s provinces" }, "Rita Reviewer"), ctx)).toMatchObject({
      actor: "Rita Reviewer",
      summary: "created the claim",
      quote: { label: "Quoted text", text: "Iraq’s provinces" },
    });
    expect(describeEvent(event("deleted", {}, null), ctx)).toMatchObject({ actor: "Unknown user", summary: "deleted the claim" });
    expect(describeEvent(event("updated", "garbage"), ctx).changes).toEqual([]);
    expect(describeEvent(event("returned", null), ctx).changes).toEqual([]);
  });
});

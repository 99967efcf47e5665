import { Node } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText } from "@/lib/article-text";
import { claimHighlightsKey, claimIdsAt, createClaimHighlightsPlugin, type ClaimHighlight, type ClaimHighlightAction } from "./claim-highlights";

const docJson = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Background" }] },
    {
      type: "paragraph",
      content: [{ type: "text", text: "The vast majority of Iraq’s provinces are controlled by Iran-supported militias that act on their own." }],
    },
  ],
};

function setup() {
  const doc = Node.fromJSON(getArticleSchema(), docJson);
  const text = buildArticleText(docJson);
  let state = EditorState.create({ doc, plugins: [createClaimHighlightsPlugin()] });
  const dispatch = (action: ClaimHighlightAction) => {
    state = state.apply(state.tr.setMeta(claimHighlightsKey, action));
  };
  const span = (quote: string, id: string, verdict: string | null = null): ClaimHighlight => {
    const start = text.text.indexOf(quote);
    return { id, from: text.textToPos(start, "start"), to: text.textToPos(start + quote.length, "end"), verdict, color: "#b91c1c" };
  };
  return { get state() { return state; }, dispatch, span, text };
}

const decorations = (state: EditorState) => claimHighlightsKey.getState(state)!.find();

describe("claim highlights", () => {
  it("covers exactly the claimed words, with overlapping claims listed innermost first", () => {
    const t = setup();
    const outer = t.span("The vast majority of Iraq’s provinces are controlled by Iran-supported militias", "outer", "false");
    const inner = t.span("Iraq’s provinces", "inner");
    t.dispatch({ type: "set", highlights: [outer, inner] });
    expect(t.state.doc.textBetween(outer.from, outer.to)).toBe("The vast majority of Iraq’s provinces are controlled by Iran-supported militias");
    expect(claimIdsAt(t.state, inner.from + 2)).toEqual(["inner", "outer"]);
    expect(claimIdsAt(t.state, outer.from)).toEqual(["outer"]);
    expect(claimIdsAt(t.state, outer.to)).toEqual([]);
  });

  it("renders each claim as its own <mark> carrying data-claim-id and data-verdict", () => {
    const t = setup();
    t.dispatch({ type: "set", highlights: [t.span("Iraq’s provinces", "c1", "mostly_false")] });
    const [deco] = decorations(t.state);
    const attrs = (deco as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    expect(attrs).toMatchObject({ nodeName: "mark", "data-claim-id": "c1", "data-verdict": "mostly_false" });
  });

  it("changes one claim without touching the others", () => {
    const t = setup();
    t.dispatch({ type: "set", highlights: [t.span("Iraq’s provinces", "a"), t.span("Iran-supported militias", "b")] });
    const range = (d: { from: number; to: number } | undefined) => d && [d.from, d.to];
    const before = decorations(t.state).find((d) => d.spec.claimId === "b");
    t.dispatch({ type: "upsert", highlight: t.span("Iraq’s provinces", "a", "true") });
    const after = decorations(t.state);
    expect(after).toHaveLength(2);
    expect(range(after.find((d) => d.spec.claimId === "b"))).toEqual(range(before));
    const a = after.find((d) => d.spec.claimId === "a") as unknown as { type: { attrs: Record<string, string> } };
    expect(a.type.attrs["data-verdict"]).toBe("true");
    t.dispatch({ type: "remove", id: "a" });
    expect(decorations(t.state).map((d) => d.spec.claimId)).toEqual(["b"]);
  });

  it("keeps highlights through transactions that do not concern them (selection moves)", () => {
    const t = setup();
    t.dispatch({ type: "set", highlights: [t.span("Iraq’s provinces", "a")] });
    const set = claimHighlightsKey.getState(t.state);
    const moved = t.state.apply(t.state.tr.setSelection(TextSelection.create(t.state.doc, 5, 9)));
    expect(claimHighlightsKey.getState(moved)).toBe(set);
  });
});

import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

/** One claim's highlight, in ProseMirror positions of the current document. */
export type ClaimHighlight = {
  id: string;
  from: number;
  to: number;
  /** Verdict key, or null while the claim has none. Rendered as data-verdict. */
  verdict: string | null;
  color: string;
  /** "changed" while the claim's words wait for a re-check after a text revision: rendered as data-anchor-state. */
  anchorState?: "unchanged" | "changed" | "orphaned";
};

export type ClaimHighlightAction =
  | { type: "set"; highlights: ClaimHighlight[] }
  | { type: "upsert"; highlight: ClaimHighlight }
  | { type: "remove"; id: string };

export const claimHighlightsKey = new PluginKey<DecorationSet>("claimHighlights");

function toDecoration(h: ClaimHighlight): Decoration {
  // A nodeName per decoration makes ProseMirror give each claim its own
  // wrapper, so overlapping claims nest and every layer keeps its own
  // data-claim-id (attributes of wrapper-less decorations would be merged).
  return Decoration.inline(
    h.from,
    h.to,
    {
      nodeName: "mark",
      class: "claim",
      "data-claim-id": h.id,
      "data-verdict": h.verdict ?? "none",
      ...(h.anchorState && h.anchorState !== "unchanged" ? { "data-anchor-state": h.anchorState } : {}),
      style: `--claim-color: ${h.color}`,
    },
    { claimId: h.id },
  );
}

function withoutClaim(set: DecorationSet, id: string): DecorationSet {
  return set.remove(set.find(undefined, undefined, (spec) => spec.claimId === id));
}

/** Claim ids whose highlight covers a document position, innermost (shortest) first. */
export function claimIdsAt(state: EditorState, pos: number): string[] {
  const set = claimHighlightsKey.getState(state);
  if (!set) return [];
  return set
    .find(pos, pos, (spec) => typeof spec.claimId === "string")
    .filter((d) => d.from <= pos && pos < d.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from))
    .map((d) => d.spec.claimId as string);
}

/** The ProseMirror plugin behind the extension, usable on a bare EditorState (tests, benchmarks). */
export function createClaimHighlightsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: claimHighlightsKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set, _old, newState) {
        const next = set.map(tr.mapping, tr.doc);
        const action = tr.getMeta(claimHighlightsKey) as ClaimHighlightAction | undefined;
        if (!action) return next;
        if (action.type === "set") {
          return DecorationSet.create(newState.doc, action.highlights.filter((h) => h.to > h.from).map(toDecoration));
        }
        const rest = withoutClaim(next, action.type === "upsert" ? action.highlight.id : action.id);
        if (action.type === "remove" || action.highlight.to <= action.highlight.from) return rest;
        return rest.add(newState.doc, [toDecoration(action.highlight)]);
      },
    },
    props: {
      decorations: (state) => claimHighlightsKey.getState(state),
    },
  });
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    claimHighlights: {
      /** Replaces every claim highlight (used once, when the article opens). */
      setClaimHighlights: (highlights: ClaimHighlight[]) => ReturnType;
      /** Adds a highlight or replaces the one with the same id. */
      upsertClaimHighlight: (highlight: ClaimHighlight) => ReturnType;
      removeClaimHighlight: (id: string) => ReturnType;
    };
  }
}

/**
 * Claim highlights as decorations, kept apart from the document: the stored
 * anchors (W3C selectors) are the truth, these are derived from them at load.
 * The set is mapped through transactions and changed one claim at a time,
 * never rebuilt on each keystroke, so a 2,000-claim article stays responsive.
 */
export const ClaimHighlights = Extension.create({
  name: "claimHighlights",

  addCommands() {
    const meta = (action: ClaimHighlightAction) => ({ tr, dispatch }: { tr: Transaction; dispatch?: (tr: Transaction) => void }) => {
      if (dispatch) tr.setMeta(claimHighlightsKey, action);
      return true;
    };
    return {
      setClaimHighlights: (highlights) => meta({ type: "set", highlights }),
      upsertClaimHighlight: (highlight) => meta({ type: "upsert", highlight }),
      removeClaimHighlight: (id) => meta({ type: "remove", id }),
    };
  },

  addProseMirrorPlugins() {
    return [createClaimHighlightsPlugin()];
  },
});

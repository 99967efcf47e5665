/**
 * The baseline for bench/open-article.ts: the bare mechanism Claimdesk is
 * built on, with nothing on top. One TipTap editor with the article's schema
 * (the same extension list), the same document, and the same claim highlights
 * as ProseMirror inline decorations (nodeName "mark", same attributes), built
 * once when the editor state is created. No React, no Next.js, no app shell.
 *
 * The page fetches /data.json ({ doc, highlights }), so a data fetch is part
 * of its open time too.
 */
import { Editor, Extension, type JSONContent } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { articleExtensions } from "@/lib/article-schema";

type Highlight = { id: string; from: number; to: number; verdict: string | null; color: string };

const key = new PluginKey<DecorationSet>("baselineHighlights");

function decoration(h: Highlight): Decoration {
  return Decoration.inline(
    h.from,
    h.to,
    { nodeName: "mark", class: "claim", "data-claim-id": h.id, "data-verdict": h.verdict ?? "none", style: `--claim-color: ${h.color}` },
    { claimId: h.id },
  );
}

function highlights(list: Highlight[]) {
  return Extension.create({
    name: "baselineHighlights",
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key,
          state: {
            init: (_config, state) => DecorationSet.create(state.doc, list.map(decoration)),
            apply: (tr, set) => set.map(tr.mapping, tr.doc),
          },
          props: { decorations: (state) => key.getState(state) },
        }),
      ];
    },
  });
}

async function main() {
  const data = (await (await fetch("/data.json")).json()) as { doc: JSONContent; highlights: Highlight[] };
  new Editor({
    element: document.getElementById("article") as HTMLElement,
    extensions: [...articleExtensions, highlights(data.highlights)],
    content: data.doc,
    editorProps: { attributes: { class: "article-text", spellcheck: "false" } },
  });
}

void main();

import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";

import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText, type DocNode } from "@/lib/article-text";

import { createRng } from "@/test/support/random";
import { createTextModel, describe as describeRange } from "./index";
import { reanchorThroughSteps, reanchorThroughTextDiff, type ClaimAnchorInput, type ClaimAnchorResult } from "./reanchor";


// A small vocabulary makes repeated words, the hard case for any matcher.
const WORDS = "the rate fell to 4.2% in May while jobs rose and the minister said it was a tight spot for all of us".split(" ");

type Case = { doc: DocNode; text: string; newText: string; steps: unknown[]; claims: ClaimAnchorInput[]; origin: number[] };

/**
 * A few paragraphs, six claims anywhere (across paragraph breaks too) and one
 * to four random replacements inside paragraphs, applied in an editor
 * transaction. `origin[i]` is the old offset of new character i, or -1 for a
 * typed one: the truth of where every character came from.
 */
function randomCase(seed: number): Case {
  const r = createRng(seed);
  const schema = getArticleSchema();
  const paragraphs = Array.from({ length: r.int(2, 5) }, () => Array.from({ length: r.int(5, 20) }, () => WORDS[r.int(0, WORDS.length - 1)]).join(" "));
  const doc: DocNode = { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) };
  const text = paragraphs.join("\n\n");
  const model = createTextModel(text);
  const claims = Array.from({ length: 6 }, (_, k) => {
    const start = r.int(0, text.length - 2);
    const { quote, position } = describeRange(model, { start, end: Math.min(text.length, start + r.int(1, 30)) });
    return { id: String(k), start: position.start, end: position.end, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
  });
  const tr = EditorState.create({ doc: PMNode.fromJSON(schema, doc), schema }).tr;
  let origin = [...text].map((_, i) => i);
  for (let k = r.int(1, 4); k > 0; k--) {
    const at = buildArticleText(tr.doc.toJSON() as DocNode);
    const segment = at.segments[r.int(0, at.segments.length - 1)]!;
    const a = r.int(segment.textStart, segment.textEnd);
    const b = Math.min(segment.textEnd, a + r.int(0, 8));
    const typed = r.next() < 0.6 ? WORDS[r.int(0, WORDS.length - 1)]! + (r.next() < 0.5 ? " " : "") : "";
    if (a === b && !typed) continue;
    tr.insertText(typed, at.textToPos(a, "start"), at.textToPos(b, "end"));
    origin = [...origin.slice(0, a), ...Array.from(typed, () => -1), ...origin.slice(b)];
  }
  return { doc, text, newText: buildArticleText(tr.doc.toJSON() as DocNode).text, steps: tr.steps.map((s) => s.toJSON()), claims, origin };
}

/** What a result may claim, judged by where the characters it points at came from. */
function violations(c: Case, results: ClaimAnchorResult[], strict: boolean): string[] {
  const out: string[] = [];
  results.forEach((res, k) => {
    const claim = c.claims[k]!;
    const own = (id: number) => id >= claim.start && id < claim.end;
    const covered = c.origin.slice(res.start, res.end);
    let ok: boolean;
    if (res.state === "unchanged") {
      // Its words, at the new place; text typed over them with the same letters is still its words. Never another passage's.
      ok = c.newText.slice(res.start, res.end) === claim.exact && (!strict || covered.every((id, i) => id === -1 || id === claim.start + i));
    } else if (res.state === "changed") {
      ok = covered.some((id) => id !== -1 && own(id)); // some of its own characters survive in the new range
    } else {
      ok = !strict || !c.origin.some((id, pos) => id !== -1 && own(id) && /\S/.test(c.newText[pos]!));
    }
    if (!ok) out.push(`${JSON.stringify(claim.exact)} → ${res.state} ${JSON.stringify(res.exact)} in ${JSON.stringify(c.newText)}`);
  });
  return out;
}

describe("re-anchoring random edits", () => {
  const cases = Array.from({ length: 300 }, (_, i) => randomCase(i + 1));

  it("through steps: unchanged only on its own words, changed only where some survive, orphaned only when none do", () => {
    for (const c of cases) {
      const results = reanchorThroughSteps({ oldDoc: c.doc, steps: c.steps, claims: c.claims }).results;
      expect(violations(c, results, true)).toEqual([]);
    }
  });

  it("through a text diff: unchanged only on identical text, changed only where some of its words survive", () => {
    // Not strict about which of two identical neighbouring words ("the the") an unchanged claim sits on: the texts alone cannot tell.
    for (const c of cases) {
      const results = reanchorThroughTextDiff({ oldText: c.text, newText: c.newText, claims: c.claims });
      expect(violations(c, results, false)).toEqual([]);
    }
  });
});

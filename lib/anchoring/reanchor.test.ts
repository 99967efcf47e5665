import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";

import { getArticleSchema } from "@/lib/article-schema";
import { buildArticleText, type DocNode } from "@/lib/article-text";

import { createTextModel, describe as describeRange } from "./index";
import {
  MAX_STEPS,
  ReanchorError,
  reanchorThroughSteps,
  reanchorThroughTextDiff,
  type ClaimAnchorInput,
  type ClaimAnchorResult,
} from "./reanchor";

const schema = getArticleSchema();

const t = (text: string): DocNode => ({ type: "text", text });
const p = (text: string): DocNode => ({ type: "paragraph", content: text ? [t(text)] : [] });
const h = (text: string): DocNode => ({ type: "heading", attrs: { level: 2 }, content: [t(text)] });
const doc = (...content: DocNode[]): DocNode => ({ type: "doc", content });

const ARTICLE = doc(
  h("Rates and jobs"),
  p("The central bank said on Tuesday that inflation fell to 4.2% in May, the lowest in two years."),
  p("Unemployment rose to 6.1% over the same period, according to the statistics office."),
  p("Analysts expect the “tight spot” to last into next year, the finance minister said."),
  p("Exports of grain doubled, while imports of fuel halved."),
);

/** A claim on the `nth` occurrence of `quote` in the document's text, in code points as stored. */
function claimOn(text: string, quote: string, id = quote, nth = 0): ClaimAnchorInput {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
  if (start === -1) throw new Error(`fixture quote not found: ${quote}`);
  const { quote: q, position } = describeRange(createTextModel(text), { start, end: start + quote.length });
  return { id, start: position.start, end: position.end, exact: q.exact, prefix: q.prefix, suffix: q.suffix };
}

/** Runs `edit` on an editor state of `json` and returns the transaction's steps as JSON, as the editor would send them. */
function stepsOf(json: DocNode, edit: (tr: Transaction, at: (quote: string, offset?: number) => number) => void): unknown[] {
  const state = EditorState.create({ doc: PMNode.fromJSON(schema, json), schema });
  const tr = state.tr;
  // Positions are looked up in the document as it is when asked (after earlier edits of the same transaction).
  const at = (quote: string, offset = 0) => {
    const current = buildArticleText(tr.doc.toJSON() as DocNode);
    const i = current.text.indexOf(quote);
    if (i === -1) throw new Error(`not in the document: ${quote}`);
    return current.textToPos(i + offset, "start");
  };
  edit(tr, at);
  return tr.steps.map((s) => s.toJSON());
}

function run(json: DocNode, claims: ClaimAnchorInput[], edit: Parameters<typeof stepsOf>[1]) {
  const out = reanchorThroughSteps({ oldDoc: json, steps: stepsOf(json, edit), claims });
  const text = buildArticleText(out.newDoc).text;
  return { ...out, text, byId: (id: string) => out.results.find((r) => r.id === id) as ClaimAnchorResult };
}

/** The result's range holds its quote in the new text, and its context is the text around it. */
function expectConsistent(text: string, r: ClaimAnchorResult) {
  const model = createTextModel(text);
  const s = model.toUtf16(r.start);
  const e = model.toUtf16(r.end);
  expect(text.slice(s, e)).toBe(r.exact);
  expect(text.slice(0, s).endsWith(r.prefix)).toBe(true);
  expect(text.slice(e).startsWith(r.suffix)).toBe(true);
}

const TEXT = buildArticleText(ARTICLE).text;
const INFLATION = "inflation fell to 4.2% in May";
const JOBS = "Unemployment rose to 6.1%";

describe("reanchorThroughSteps: inserts and deletes", () => {
  it("keeps a claim unchanged when text is inserted before it, and recomputes its position and context", () => {
    const claim = claimOn(TEXT, INFLATION);
    const out = run(ARTICLE, [claim], (tr, at) => tr.insertText("quietly ", at("inflation")));
    const r = out.byId(INFLATION);
    expect(r).toMatchObject({ state: "unchanged", method: "steps", exact: INFLATION });
    expect(r.start).toBe(claim.start + "quietly ".length);
    expect(r.prefix.endsWith("that quietly ")).toBe(true);
    expectConsistent(out.text, r);
  });

  it("keeps text typed right at either edge of a claim outside it", () => {
    const claim = claimOn(TEXT, INFLATION);
    const out = run(ARTICLE, [claim], (tr, at) => {
      tr.insertText("headline ", at("inflation"));
      tr.insertText(" and June", at(" in May") + " in May".length);
    });
    const r = out.byId(INFLATION);
    expect(r).toMatchObject({ state: "unchanged", exact: INFLATION });
    expect(out.text).toContain("headline inflation fell to 4.2% in May and June,");
    expectConsistent(out.text, r);
  });

  it("marks a claim changed when text is inserted inside it, and takes the insertion in", () => {
    const out = run(ARTICLE, [claimOn(TEXT, INFLATION)], (tr, at) => tr.insertText("sharply ", at("to 4.2%")));
    expect(out.byId(INFLATION)).toMatchObject({ state: "changed", method: "steps", exact: "inflation fell sharply to 4.2% in May" });
    expectConsistent(out.text, out.byId(INFLATION));
  });

  it("marks a claim changed when one character inside it is replaced", () => {
    const out = run(ARTICLE, [claimOn(TEXT, INFLATION)], (tr, at) => tr.insertText("7", at("4.2%", 2), at("4.2%", 3)));
    expect(out.byId(INFLATION)).toMatchObject({ state: "changed", exact: "inflation fell to 4.7% in May" });
  });

  it("includes a replacement typed over the claim's first or last word", () => {
    const out = run(ARTICLE, [claimOn(TEXT, JOBS)], (tr, at) => {
      tr.insertText("Joblessness", at("Unemployment"), at("Unemployment") + "Unemployment".length);
      tr.insertText("6.4%", at("6.1%"), at("6.1%") + 4);
    });
    expect(out.byId(JOBS)).toMatchObject({ state: "changed", exact: "Joblessness rose to 6.4%" });
  });

  it("marks a claim changed when part of it is deleted, without the whitespace left at its edge", () => {
    const out = run(ARTICLE, [claimOn(TEXT, INFLATION)], (tr, at) => tr.delete(at("inflation"), at("inflation") + "inflation".length));
    expect(out.byId(INFLATION)).toMatchObject({ state: "changed", exact: "fell to 4.2% in May" });
  });

  it("orphans a claim whose paragraph is deleted, where the paragraph was", () => {
    const out = run(ARTICLE, [claimOn(TEXT, JOBS)], (tr, at) => {
      const $from = tr.doc.resolve(at(JOBS));
      tr.delete($from.before(), $from.after());
    });
    const r = out.byId(JOBS);
    expect(r).toMatchObject({ state: "orphaned", method: "steps", exact: "" });
    expect(r.end).toBe(r.start);
    expect(out.text.slice(0, r.start).endsWith("two years.\n\n") || out.text.slice(r.start).startsWith("\n\nAnalysts")).toBe(true);
  });

  it("orphans a claim whose every word was deleted even if new words were typed in its place", () => {
    const out = run(ARTICLE, [claimOn(TEXT, JOBS)], (tr, at) => {
      tr.delete(at(JOBS), at(JOBS) + JOBS.length);
      tr.insertText("Hiring slowed", at(" over the same period"));
    });
    expect(out.byId(JOBS)).toMatchObject({ state: "orphaned", exact: "" });
  });

  it("leaves claims elsewhere untouched and keeps the document as edited", () => {
    const claims = [claimOn(TEXT, INFLATION), claimOn(TEXT, JOBS), claimOn(TEXT, "imports of fuel halved")];
    const out = run(ARTICLE, claims, (tr, at) => tr.insertText("quickly ", at("rose to 6.1%")));
    expect(out.results.map((r) => r.state)).toEqual(["unchanged", "changed", "unchanged"]);
    expect(out.text).toBe(TEXT.replace("rose to 6.1%", "quickly rose to 6.1%"));
    for (const r of out.results) expectConsistent(out.text, r);
  });
});

describe("reanchorThroughSteps: moved paragraphs", () => {
  /** Drag-and-drop as ProseMirror does it: the paragraph is deleted and its copy inserted elsewhere (two replace steps). */
  const moveParagraph = (quote: string, beforeQuote: string) => (tr: Transaction, at: (q: string) => number) => {
    const $from = tr.doc.resolve(at(quote));
    const node = $from.parent;
    tr.delete($from.before(), $from.after());
    const $to = tr.doc.resolve(at(beforeQuote));
    tr.insert($to.before(), node);
  };

  it("finds a claim of a moved paragraph again, exactly, in the inserted copy", () => {
    const claims = [claimOn(TEXT, JOBS), claimOn(TEXT, "the statistics office")];
    const out = run(ARTICLE, claims, moveParagraph(JOBS, "The central bank"));
    expect(out.text.indexOf(JOBS)).toBeLessThan(out.text.indexOf("The central bank"));
    for (const r of out.results) {
      expect(r).toMatchObject({ state: "unchanged", method: "steps" });
      expectConsistent(out.text, r);
    }
    expect(out.byId(JOBS).exact).toBe(JOBS);
  });

  it("does not take a claim to a copy whose surroundings differ, or to one of two copies", () => {
    const claim = claimOn(TEXT, JOBS);
    // The paragraph is deleted; the quote is typed into another sentence.
    const retyped = run(ARTICLE, [claim], (tr, at) => {
      const $from = tr.doc.resolve(at(JOBS));
      tr.delete($from.before(), $from.after());
      tr.insertText(`Some say ${JOBS} is wrong. `, at("Exports"));
    });
    expect(retyped.byId(JOBS).state).toBe("orphaned");
    // The paragraph is moved, and pasted a second time: which one is the claim's is a guess.
    const twice = run(ARTICLE, [claim], (tr, at) => {
      const $from = tr.doc.resolve(at(JOBS));
      const node = $from.parent;
      tr.delete($from.before(), $from.after());
      tr.insert(tr.doc.resolve(at("Exports")).before(), [node, node]);
    });
    expect(twice.byId(JOBS).state).toBe("orphaned");
  });
});

describe("reanchorThroughSteps: overlapping, nested and cross-block claims", () => {
  const OUTER = "Unemployment rose to 6.1% over the same period";
  const INNER = "6.1%";

  it("changes only the claims an edit falls inside", () => {
    const claims = [claimOn(TEXT, OUTER, "outer"), claimOn(TEXT, INNER, "inner"), claimOn(TEXT, "rose to 6.1% over the same period, according", "overlap")];
    const out = run(ARTICLE, claims, (tr, at) => tr.insertText("roughly ", at("over the same")));
    expect(out.byId("outer")).toMatchObject({ state: "changed", exact: "Unemployment rose to 6.1% roughly over the same period" });
    expect(out.byId("inner")).toMatchObject({ state: "unchanged", exact: INNER });
    expect(out.byId("overlap")).toMatchObject({ state: "changed", exact: "rose to 6.1% roughly over the same period, according" });
  });

  it("changes both overlapping claims when the shared part is edited, and orphans the nested one when its words go", () => {
    const claims = [claimOn(TEXT, OUTER, "outer"), claimOn(TEXT, INNER, "inner")];
    const out = run(ARTICLE, claims, (tr, at) => tr.delete(at(" to 6.1%"), at(" to 6.1%") + " to 6.1%".length));
    expect(out.byId("outer")).toMatchObject({ state: "changed", exact: "Unemployment rose over the same period" });
    expect(out.byId("inner")).toMatchObject({ state: "orphaned", exact: "" });
  });

  it("follows a claim across a paragraph boundary, and a change of block type leaves its text alone", () => {
    const quote = "the lowest in two years.\n\nUnemployment rose";
    const claim = claimOn(TEXT, quote);
    const out = run(ARTICLE, [claim], (tr, at) => {
      tr.insertText("nearly ", at("two years"));
      const pos = at("Unemployment");
      tr.setBlockType(pos, pos, schema.nodes.heading!, { level: 3 });
    });
    expect(out.byId(quote)).toMatchObject({ state: "changed", exact: "the lowest in nearly two years.\n\nUnemployment rose" });
    const retyped = run(ARTICLE, [claim], (tr, at) => {
      const pos = at("Unemployment");
      tr.setBlockType(pos, pos, schema.nodes.heading!, { level: 3 });
    });
    expect(retyped.byId(quote)).toMatchObject({ state: "unchanged", exact: quote });
    expect(retyped.newDoc.content?.[2]?.type).toBe("heading");
  });

  it("marks a cross-paragraph claim changed when the paragraphs are joined or one is split inside it", () => {
    const quote = "the lowest in two years.\n\nUnemployment rose";
    const joined = run(ARTICLE, [claimOn(TEXT, quote)], (tr, at) => tr.join(at("Unemployment") - 1));
    expect(joined.byId(quote)).toMatchObject({ state: "changed", exact: "the lowest in two years.Unemployment rose" });
    const split = run(ARTICLE, [claimOn(TEXT, INFLATION)], (tr, at) => tr.split(at("to 4.2%")));
    expect(split.byId(INFLATION)).toMatchObject({ state: "changed", exact: "inflation fell \n\nto 4.2% in May" });
  });
});

describe("reanchorThroughSteps: scripts and symbols", () => {
  const WORLD = doc(
    p("Family 👩‍👩‍👧 and flags 🇮🇶🇮🇷 lead: the “tight spot” is real."),
    p("قال رئيس الوزراء إن العراق سيحافظ على سيادته الوطنية."),
    p("Le café de Mosul ouvre: cafe\u0301 « noir » à 3 €."),
  );
  const text = buildArticleText(WORLD).text;

  it("keeps code-point positions right around emoji sequences and flags", () => {
    const claim = claimOn(text, "the “tight spot” is real");
    const out = run(WORLD, [claim], (tr, at) => tr.insertText("🇺🇸 ", at("lead")));
    const r = out.byId(claim.id);
    expect(r).toMatchObject({ state: "unchanged", exact: "the “tight spot” is real" });
    // 🇺🇸 is two code points (four UTF-16 units) plus the space.
    expect(r.start).toBe(claim.start + 3);
    expectConsistent(out.text, r);
  });

  it("marks a claim holding an emoji changed when a person is added to the family", () => {
    const claim = claimOn(text, "Family 👩‍👩‍👧 and flags 🇮🇶🇮🇷");
    const out = run(WORLD, [claim], (tr, at) => tr.insertText("\u200d👦", at(" and flags")));
    expect(out.byId(claim.id)).toMatchObject({ state: "changed", exact: "Family 👩‍👩‍👧‍👦 and flags 🇮🇶🇮🇷" });
    expectConsistent(out.text, out.byId(claim.id));
  });

  it("follows Arabic text and combining marks", () => {
    const arabic = claimOn(text, "العراق سيحافظ على سيادته");
    const combining = claimOn(text, "cafe\u0301 « noir »");
    const out = run(WORLD, [arabic, combining], (tr, at) => {
      tr.insertText("اليوم ", at("قال"));
      tr.insertText("très ", at("« noir »"));
    });
    expect(out.byId(arabic.id)).toMatchObject({ state: "unchanged", exact: "العراق سيحافظ على سيادته" });
    expect(out.byId(combining.id)).toMatchObject({ state: "changed", exact: "cafe\u0301 très « noir »" });
    for (const r of out.results) expectConsistent(out.text, r);
  });

  it("treats straightening a curly quote inside a claim as a change", () => {
    const claim = claimOn(text, "the “tight spot” is real");
    const out = run(WORLD, [claim], (tr, at) => tr.insertText('"', at("“tight"), at("“tight") + 1));
    expect(out.byId(claim.id)).toMatchObject({ state: "changed", exact: 'the "tight spot” is real' });
  });
});

describe("claims that do not stand in the old text", () => {
  it("stay orphaned in both modes instead of being placed by a guess", () => {
    const stale = { ...claimOn(TEXT, INFLATION), exact: "inflation fell to 3.9% in May" };
    const orphan = { ...claimOn(TEXT, JOBS), end: claimOn(TEXT, JOBS).start, exact: "" };
    const steps = reanchorThroughSteps({ oldDoc: ARTICLE, steps: [], claims: [stale, orphan] }).results;
    const diffed = reanchorThroughTextDiff({ oldText: TEXT, newText: TEXT, claims: [stale, orphan] });
    for (const r of [...steps, ...diffed]) expect(r).toMatchObject({ state: "orphaned", exact: "" });
  });

  it("follow a claim that takes in a whole paragraph break", () => {
    const claims = [claimOn(TEXT, "two years.\n\n", "end"), claimOn(TEXT, "\n\nUnemployment", "start")];
    const out = run(ARTICLE, claims, (tr, at) => tr.insertText("Indeed, ", at("The central")));
    expect(out.results.map((r) => [r.state, r.exact])).toEqual([
      ["unchanged", "two years.\n\n"],
      ["unchanged", "\n\nUnemployment"],
    ]);
    for (const r of out.results) expectConsistent(out.text, r);
  });
});

describe("reanchorThroughSteps: refuses what it cannot apply", () => {
  const claims = [claimOn(TEXT, INFLATION)];

  it("refuses a step that is not a step", () => {
    expect(() => reanchorThroughSteps({ oldDoc: ARTICLE, steps: [{ stepType: "teleport" }], claims })).toThrow(ReanchorError);
    expect(() => reanchorThroughSteps({ oldDoc: ARTICLE, steps: ["replace"], claims })).toThrow(/Step 1 .* not a valid step/);
  });

  it("refuses a step that does not apply to this document", () => {
    const steps = [{ stepType: "replace", from: 5000, to: 5001 }];
    expect(() => reanchorThroughSteps({ oldDoc: ARTICLE, steps, claims })).toThrow(/Step 1 of the edit does not apply/);
  });

  it("refuses a node the article schema does not have", () => {
    const steps = [{ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "image", attrs: { src: "x" } }] } }];
    expect(() => reanchorThroughSteps({ oldDoc: ARTICLE, steps, claims })).toThrow(ReanchorError);
  });

  it("refuses a result the schema rejects", () => {
    // A paragraph inside a paragraph: the replace fits the doc level, the content inside does not.
    const steps = [{ stepType: "replace", from: 0, to: 0, slice: { content: [{ type: "paragraph", content: [p("nested")] }] } }];
    expect(() => reanchorThroughSteps({ oldDoc: ARTICLE, steps, claims })).toThrow(/outside the article schema/);
  });

  it("refuses more steps than one save may carry", () => {
    const step = stepsOf(ARTICLE, (tr, at) => tr.insertText("x", at("Exports")))[0];
    expect(() => reanchorThroughSteps({ oldDoc: ARTICLE, steps: Array.from({ length: MAX_STEPS + 1 }, () => step), claims })).toThrow(
      /more than the 10000 one save may carry/,
    );
  });

  it("applies no steps as no change", () => {
    const out = reanchorThroughSteps({ oldDoc: ARTICLE, steps: [], claims });
    expect(out.results[0]).toMatchObject({ state: "unchanged", start: claims[0]!.start, exact: INFLATION });
  });
});

describe("reanchorThroughTextDiff", () => {
  const OLD = TEXT;
  const diff = (newText: string, claims: ClaimAnchorInput[]) => {
    const results = reanchorThroughTextDiff({ oldText: OLD, newText, claims });
    for (const r of results) expectConsistent(newText, r);
    return (id: string) => results.find((r) => r.id === id) as ClaimAnchorResult;
  };

  it("keeps claims unchanged when words are inserted, deleted and replaced around them", () => {
    const next = OLD.replace("said on Tuesday", "announced on Wednesday").replace(", according to the statistics office", "").replace("Exports", "Officially, exports");
    const claims = [claimOn(OLD, INFLATION), claimOn(OLD, JOBS), claimOn(OLD, "of grain doubled")];
    const get = diff(next, claims);
    for (const c of claims) expect(get(c.id)).toMatchObject({ state: "unchanged", method: "diff", exact: c.exact });
    expect(get(INFLATION).start).toBe(next.indexOf(INFLATION));
  });

  it("marks a claim changed, with exact edges, when characters inside it change", () => {
    const get = diff(OLD.replace("4.2%", "4.7%").replace("rose to 6.1%", "rose to 6.4%"), [claimOn(OLD, INFLATION), claimOn(OLD, JOBS)]);
    expect(get(INFLATION)).toMatchObject({ state: "changed", method: "diff", exact: "inflation fell to 4.7% in May" });
    expect(get(JOBS)).toMatchObject({ state: "changed", exact: "Unemployment rose to 6.4%" });
  });

  it("includes a replaced first word in a changed claim", () => {
    const get = diff(OLD.replace("Unemployment rose", "Joblessness rose"), [claimOn(OLD, JOBS)]);
    expect(get(JOBS)).toMatchObject({ state: "changed", exact: "Joblessness rose to 6.1%" });
  });

  it("finds the claims of a moved paragraph exactly, and orphans those of a deleted one", () => {
    const paragraphs = OLD.split("\n\n");
    // Move "Unemployment…" to the end, delete "Analysts…".
    const next = [paragraphs[0], paragraphs[1], paragraphs[4], paragraphs[2]].join("\n\n");
    const claims = [claimOn(OLD, JOBS), claimOn(OLD, "the statistics office"), claimOn(OLD, "the “tight spot”"), claimOn(OLD, INFLATION)];
    const get = diff(next, claims);
    expect(get(JOBS)).toMatchObject({ state: "unchanged", method: "diff", exact: JOBS, start: next.indexOf(JOBS) });
    expect(get("the statistics office")).toMatchObject({ state: "unchanged", exact: "the statistics office" });
    expect(get("the “tight spot”")).toMatchObject({ state: "orphaned", exact: "" });
    expect(get(INFLATION)).toMatchObject({ state: "unchanged" });
  });

  it("finds a claim of a paragraph that was moved and edited elsewhere in it", () => {
    const paragraphs = OLD.split("\n\n");
    // The edit is beyond the claim's 32 characters of context; the second claim's own words change.
    const moved = paragraphs[2]!.replace("the statistics office", "the national statistics office");
    const next = [paragraphs[0], paragraphs[1], paragraphs[3], paragraphs[4], moved].join("\n\n");
    const get = diff(next, [claimOn(OLD, JOBS), claimOn(OLD, "the statistics office")]);
    expect(get(JOBS)).toMatchObject({ state: "unchanged", exact: JOBS, start: next.indexOf(JOBS) });
    // Moved and edited: nothing exact to follow, and no approximate search away from its old place. It goes to a person.
    expect(get("the statistics office").state).toBe("orphaned");
  });

  it("keeps every claim when every paragraph is reordered", () => {
    const next = OLD.split("\n\n").reverse().join("\n\n");
    const quotes = [INFLATION, JOBS, "the “tight spot”", "imports of fuel halved", "Rates and jobs"];
    const get = diff(next, quotes.map((q) => claimOn(OLD, q)));
    for (const q of quotes) expect(get(q)).toMatchObject({ state: "unchanged", exact: q, start: next.indexOf(q) });
  });

  it("never moves a claim to a look-alike sentence elsewhere in the article", () => {
    // The claim's sentence is rewritten beyond recognition; a near copy of it sits in another paragraph.
    const next = OLD.replace(JOBS + " over the same period", "Hiring stalled over the same period").replace("Exports of grain doubled", "Unemployment rose to 6.2% there, and exports of grain doubled");
    const get = diff(next, [claimOn(OLD, JOBS)]);
    expect(get(JOBS).state).toBe("orphaned");
  });

  it("uses approximate search inside a rewritten sentence, with a floor", () => {
        const old = "Intro paragraph stays.\n\nThe minister claimed that inflation fell to 4.2% in May, the lowest in two years.\n\nOutro stays.";
    // The claim's first letter changes with the words before it, so its start lies inside a replaced stretch.
    const rewritten = "Intro paragraph stays.\n\nThe minister claimed: Inflation fell to 4.3% in May, the lowest in almost two years.\n\nOutro stays.";
    const retold = "Intro paragraph stays.\n\nPrices are still climbing, officials now concede.\n\nOutro stays.";
    const claim = claimOn(old, "inflation fell to 4.2% in May, the lowest in two years");
    const [near] = reanchorThroughTextDiff({ oldText: old, newText: rewritten, claims: [claim] });
    expect(near).toMatchObject({ state: "changed", method: "fuzzy", exact: "Inflation fell to 4.3% in May, the lowest in almost two years" });
    const [gone] = reanchorThroughTextDiff({ oldText: old, newText: retold, claims: [claim] });
    expect(gone).toMatchObject({ state: "orphaned", exact: "" });
  });

  it("keeps code points right with emoji, flags, Arabic, combining marks and curly quotes", () => {
    const old = "Family 👩‍👩‍👧 and flags 🇮🇶🇮🇷 lead: the “tight spot” is real.\n\nقال رئيس الوزراء إن العراق سيحافظ على سيادته.\n\nLe cafe\u0301 « noir » à 3 €.";
    const next = "🇺🇸 " + old.replace("lead:", "lead, 🔥 sources say:").replace("الوزراء", "الحكومة").replace("« noir »", "« très noir »");
    const claims = [claimOn(old, "the “tight spot” is real"), claimOn(old, "العراق سيحافظ على سيادته"), claimOn(old, "cafe\u0301 « noir »"), claimOn(old, "flags 🇮🇶🇮🇷")];
    const results = reanchorThroughTextDiff({ oldText: old, newText: next, claims });
    for (const r of results) expectConsistent(next, r);
    expect(results.map((r) => [r.state, r.exact])).toEqual([
      ["unchanged", "the “tight spot” is real"],
      ["unchanged", "العراق سيحافظ على سيادته"],
      ["changed", "cafe\u0301 « très noir »"],
      ["unchanged", "flags 🇮🇶🇮🇷"],
    ]);
    expect(results[0]!.start).toBe([...next].length - [...next.slice(next.indexOf("the “tight"))].length);
  });

  it("keeps overlapping and cross-paragraph claims apart", () => {
    const OUTER = "Unemployment rose to 6.1% over the same period";
    const cross = "the lowest in two years.\n\nUnemployment rose";
    const get = diff(OLD.replace("6.1%", "6.3%"), [claimOn(OLD, OUTER, "outer"), claimOn(OLD, "over the same period", "inner"), claimOn(OLD, cross, "cross")]);
    expect(get("outer")).toMatchObject({ state: "changed", exact: "Unemployment rose to 6.3% over the same period" });
    expect(get("inner")).toMatchObject({ state: "unchanged" });
    expect(get("cross")).toMatchObject({ state: "unchanged", exact: cross });
  });

  it("orphans a claim when the whole text is replaced", () => {
    const [r] = reanchorThroughTextDiff({ oldText: OLD, newText: "Something else entirely.", claims: [claimOn(OLD, INFLATION)] });
    expect(r).toMatchObject({ state: "orphaned", exact: "" });
    const [empty] = reanchorThroughTextDiff({ oldText: OLD, newText: "", claims: [claimOn(OLD, INFLATION)] });
    expect(empty).toMatchObject({ state: "orphaned", start: 0, end: 0 });
  });
});

import { describe, expect, it } from "vitest";
import type { ExportBundle, ExportCorrection } from "./bundle";
import { toClaimReviewJsonLd } from "./claimreview";
import { renderAnnotatedArticle, renderAnnotatedHtml } from "./html";
import { toClaimdeskJson } from "./json";
import { renderMarkdown } from "./markdown";
import { makeBundle } from "./test-fixture";
import { toWebAnnotationCollection } from "./web-annotation";

function corrected(): { bundle: ExportBundle; claimId: string } {
  const base = makeBundle([{ quote: "Unemployment fell to 4.2% in October", verdict: "misleading" }, { quote: "The deficit halved in two years." }]);
  const claimId = base.claims[0]!.id;
  const older: ExportCorrection = {
    id: "c1",
    kind: "clarification",
    note: "We added the <source> of the figure.",
    publishedAt: "2026-11-26T10:00:00.000Z",
    publishedByName: "Ed Editor",
    imported: false,
    changes: [{ type: "text", at: "2026-11-26T09:00:00.000Z", revision: 2, claims: [{ claimId, state: "changed", before: "fell to 4.1%", after: "fell to 4.2%" }] }],
  };
  const newer: ExportCorrection = {
    id: "c2",
    kind: "correction",
    note: "We rated this False; it is Misleading.",
    publishedAt: "2026-11-28T12:00:00.000Z",
    publishedByName: "Ed Editor",
    imported: false,
    changes: [{ type: "claim", at: "2026-11-28T11:00:00.000Z", claimId, quote: "Unemployment fell", verdict: { before: "false", after: "misleading" } }],
  };
  return { bundle: { ...base, corrections: [newer, older] }, claimId };
}

describe("the corrections log in the exports", () => {
  it("HTML: a Corrections section, newest first, with kind, date, note (escaped) and old → new; the summary says when it was updated", () => {
    const html = renderAnnotatedHtml(corrected().bundle);
    expect(html).toContain(`<h2 id="cd-corrections-title">Corrections</h2>`);
    const section = html.slice(html.indexOf('id="cd-corrections"'));
    expect(section.indexOf("Correction</strong>")).toBeLessThan(section.indexOf("Clarification</strong>"));
    expect(section).toContain("We added the &lt;source&gt; of the figure.");
    expect(section).toContain("<dt>Verdict</dt><dd><del dir=\"auto\">False</del> → <ins dir=\"auto\">Misleading</ins></dd>");
    expect(section).toContain("<del dir=\"auto\">fell to 4.1%</del> → <ins dir=\"auto\">fell to 4.2%</ins>");
    expect(section).toContain("by Ed Editor");
    expect(html).toMatch(/<strong>Updated [^<]*2026:<\/strong>/);
    // The public page names no staff.
    expect(renderAnnotatedArticle(corrected().bundle, { audience: "public" }).html).not.toContain("Ed Editor");
  });

  it("no log: no section and no “Updated” line", () => {
    const html = renderAnnotatedHtml(makeBundle([{ quote: "The deficit halved in two years." }]));
    expect(html).not.toContain("cd-corrections-title");
    expect(html).not.toContain("Updated");
  });

  it("Markdown: a Corrections section with the note and the changes", () => {
    const md = renderMarkdown(corrected().bundle);
    expect(md).toContain("## Corrections");
    expect(md).toContain("**Correction** ·");
    expect(md).toContain("We rated this False; it is Misleading.");
    expect(md).toContain("  - Verdict: ~~False~~ → Misleading");
    expect(md.indexOf("**Correction**")).toBeLessThan(md.indexOf("**Clarification**"));
    expect(md).toMatch(/Updated .*2026: see “Corrections”\./);
  });

  it("JSON: a separate `corrections` key with the entries as published", () => {
    const { bundle } = corrected();
    const json = toClaimdeskJson(bundle);
    expect(json.corrections).toEqual(bundle.corrections);
    expect(toClaimdeskJson(makeBundle([])).corrections).toEqual([]);
  });

  it("ClaimReview: the corrected claim's review has dateModified and the note, with its current (changed) rating; the collection too", () => {
    const { bundle, claimId } = corrected();
    const graph = toClaimReviewJsonLd(bundle)["@graph"] as unknown as Record<string, unknown>[];
    const [collection, ...reviews] = graph;
    expect(collection!.dateModified).toBe("2026-11-28T12:00:00.000Z");
    const review = reviews.find((r) => String(r["@id"]).endsWith(claimId))!;
    expect(review.dateModified).toBe("2026-11-28T12:00:00.000Z");
    expect((review.reviewRating as { alternateName: string }).alternateName).toBe("Misleading");
    expect(review.correction).toEqual([
      { "@type": "CorrectionComment", text: "Correction: We rated this False; it is Misleading.", datePublished: "2026-11-28" },
      { "@type": "CorrectionComment", text: "Clarification: We added the <source> of the figure.", datePublished: "2026-11-26" },
    ]);
    const untouched = reviews.find((r) => String(r.claimReviewed).startsWith("The deficit"))!;
    expect(untouched.dateModified).toBeUndefined();
  });

  it("W3C annotations: `modified` is the correction's date for the corrected claim, and the collection's last correction", () => {
    const { bundle } = corrected();
    const collection = toWebAnnotationCollection(bundle);
    expect(collection.modified).toBe("2026-11-28T12:00:00.000Z");
    const items = collection.first.items;
    expect(items.find((a) => a.target.selector[0].exact.startsWith("Unemployment"))!.modified).toBe("2026-11-28T12:00:00.000Z");
    expect(items.find((a) => a.target.selector[0].exact.startsWith("The deficit"))!.modified).toBe("2026-11-21T11:30:00.000Z");
    expect(toWebAnnotationCollection(makeBundle([])).modified).toBeUndefined();
  });
});

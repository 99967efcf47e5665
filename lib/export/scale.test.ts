import { parseHTML } from "linkedom";
import { micromark } from "micromark";
import { gfmFootnote, gfmFootnoteHtml } from "micromark-extension-gfm-footnote";
import { describe, expect, it } from "vitest";
import { generateData } from "@/bench/lib/data";
import { DEFAULT_VERDICT_SCALE } from "@/lib/verdicts";
import type { ExportBundle, ExportClaim } from "./bundle";
import { renderAnnotatedHtml } from "./html";
import { renderMarkdown } from "./markdown";

// The benchmark's generator at a tenth of the size: many overlapping and nested claims.
const data = generateData(4_000, 120, 30);
const claims: ExportClaim[] = data.claims
  .map((c) => ({
    id: c.id,
    quote: { exact: c.selectors.quote.exact, prefix: c.selectors.quote.prefix, suffix: c.selectors.quote.suffix },
    position: { start: c.selectors.position.start, end: c.selectors.position.end },
    claimAsChecked: c.selectors.quote.exact,
    claimant: c.claimant,
    verdict: c.verdict,
    rationale: c.rationale,
    status: c.status as ExportClaim["status"],
    createdAt: "2024-11-02T09:00:00.000Z",
    updatedAt: "2024-11-02T09:00:00.000Z",
    createdByName: null,
    approvedAt: null,
    approvedByName: null,
    sources: [],
  }))
  .sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
const bundle: ExportBundle = {
  article: {
    id: "5ca1ab1e-0000-4000-8000-000000000002",
    title: "Generated",
    language: "en",
    sourceUrl: null,
    publisher: null,
    author: null,
    publishedOn: null,
    createdAt: "",
    updatedAt: "",
    plainText: data.plainText,
    content: data.doc,
    textHash: "",
    publishedAt: null,
    publishedScope: null,
  },
  claims,
  scale: DEFAULT_VERDICT_SCALE,
  scope: "all",
  exportedAt: "2026-11-25T16:00:00.000Z",
  workflow: true,
  organization: { name: "Org", url: "https://org.example/" },
  origin: "http://localhost:3000",
  publishedUrl: "http://localhost:3000/published/x",
};

describe("exports of a generated article with hundreds of overlapping claims", () => {
  it("HTML: balanced markup, every claim highlighted exactly over its quote, one reference each", { timeout: 60_000 }, () => {
    const html = renderAnnotatedHtml(bundle);
    const source = /<article class="cd-article"[^>]*>([\s\S]*)<\/article>/.exec(html)![1]!;
    const stack: string[] = [];
    for (const [, close, name] of source.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
      if (name === "br" || name === "hr") continue;
      if (!close) stack.push(name!);
      else expect(stack.pop()).toBe(name);
    }
    expect(stack).toEqual([]);
    const { document } = parseHTML(html);
    const flat = (s: string) => s.replace(/\s+/g, "");
    const marks = new Map<string, string>();
    for (const m of document.querySelectorAll(".cd-article mark")) {
      const n = m.getAttribute("data-claim")!;
      marks.set(n, (marks.get(n) ?? "") + m.textContent);
    }
    claims.forEach((c, i) => expect(flat(marks.get(String(i + 1)) ?? ""), `claim ${i + 1}`).toBe(flat(c.quote.exact)));
    expect(document.querySelectorAll("sup.cd-ref")).toHaveLength(claims.length);
    expect(document.querySelectorAll(".cd-notes li[id^=claim-]")).toHaveLength(claims.length);
  });

  // micromark is slow on this much footnote syntax (seconds on a busy machine): a longer timeout.
  it("Markdown: every footnote reference resolves, one per claim", { timeout: 60_000 }, () => {
    const out = micromark(renderMarkdown(bundle), { extensions: [gfmFootnote()], htmlExtensions: [gfmFootnoteHtml()] });
    const { document } = parseHTML(`<!doctype html><html><body>${out}</body></html>`);
    const refs = [...document.querySelectorAll("a[data-footnote-ref]")];
    expect(refs).toHaveLength(claims.length);
    for (const ref of refs) expect(document.getElementById(ref.getAttribute("href")!.slice(1))).not.toBeNull();
  });
});

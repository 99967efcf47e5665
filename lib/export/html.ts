/**
 * Annotated HTML: one standalone file (inline CSS, no scripts, no external
 * requests) with the article as its document says, every claim highlighted
 * with a <mark> and followed by a numbered reference that shows its verdict in
 * words, numbered footnotes with the claim details, a summary box at the top
 * and a print stylesheet. `renderAnnotatedArticle` returns the body fragment
 * and its CSS (scoped under `.claimdesk-export`) for the published page.
 *
 * Highlights: each claim is found in the current text with lib/anchoring
 * (stored code-point position, then quote and context); the text of the
 * document is cut at every highlight boundary, so overlapping claims become
 * nested <mark>s that never cross an element boundary. Claims whose quote is
 * no longer in the text are listed under "Claims not found in the text".
 */
import { formatDay } from "@/lib/format";
import { langAttribute } from "@/lib/language";
import type { DocNode, WalkedNode } from "@/lib/article-text";
import { SOURCE_STANCES } from "@/lib/verdicts";
import type { ExportBundle, ExportClaim } from "./bundle";
import { scopeLabel } from "./bundle";
import { escapeHtml as esc } from "./escape";
import { layoutClaims, type ClaimLayout } from "./layout";
import { claimFragment } from "@/lib/claim-fragment";
import { claimNumber, isHttpUrl, NO_VERDICT_LABEL, statusLabel, verdictCounts, verdictLabel } from "./shared";
import { CORRECTION_KIND_LABELS, describeChange } from "@/lib/corrections";
import { correctionsOf, lastCorrectedAt } from "./corrections";

const COLOR = /^#[0-9a-f]{6}$/i;
const NO_VERDICT_COLOR = "#b45309";

/** The id of a claim's reference in the text, which its note links back to. */
function refId(claim: ExportClaim): string {
  return `${esc(claimFragment(claim.id))}-ref`;
}

function verdictClass(bundle: ExportBundle, key: string | null): string {
  const i = key ? bundle.scale.findIndex((v) => v.key === key) : -1;
  return i >= 0 ? `cd-v-${i}` : "cd-v-none";
}

function exportCss(bundle: ExportBundle): string {
  const verdictRules = bundle.scale
    .map((v, i) => `.claimdesk-export .cd-v-${i}{--cd-verdict:${COLOR.test(v.color) ? v.color : "#475569"}}`)
    .join("\n");
  return `.claimdesk-export{--cd-verdict:${NO_VERDICT_COLOR};color:#1f2937;background:#fff;font-family:Georgia,"Times New Roman",serif;font-size:1.0625rem;line-height:1.65;max-width:46rem;margin:0 auto;padding:1.5rem 1rem 4rem}
.claimdesk-export h1,.claimdesk-export h2,.claimdesk-export h3,.claimdesk-export h4{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.25;color:#111827}
.claimdesk-export h1{font-size:1.9rem;margin:.25rem 0 .5rem}
.claimdesk-export .cd-kicker{font:600 .8rem system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#6b7280;margin:0}
.claimdesk-export .cd-meta{font:.9rem system-ui,sans-serif;color:#4b5563;margin:0 0 1.5rem}
.claimdesk-export a{color:#1d4ed8}
.claimdesk-export .cd-summary{font:.95rem/1.5 system-ui,sans-serif;border:1px solid #d1d5db;border-radius:.5rem;background:#f9fafb;padding:1rem 1.25rem;margin:0 0 2rem}
.claimdesk-export .cd-summary h2{font-size:1.05rem;margin:0 0 .5rem}
.claimdesk-export .cd-summary p{margin:.25rem 0}
.claimdesk-export .cd-summary table{border-collapse:collapse;margin:.5rem 0}
.claimdesk-export .cd-summary th,.claimdesk-export .cd-summary td{text-align:left;padding:.2rem 1.5rem .2rem 0;border-bottom:1px solid #e5e7eb}
.claimdesk-export .cd-summary td.cd-count{text-align:right;font-variant-numeric:tabular-nums}
.claimdesk-export .cd-article{margin-bottom:2.5rem}
.claimdesk-export .cd-article p.caption{font-size:.88em;line-height:1.45;font-style:italic;color:#4b5563;margin:0 0 1.25em}
.claimdesk-export blockquote{margin:1rem 0;padding-inline-start:1rem;border-inline-start:3px solid #d1d5db;color:#374151}
.claimdesk-export mark.cd-claim{background:#fef3c7;background:color-mix(in srgb,var(--cd-verdict) 16%,#fff);color:inherit;border-bottom:2px solid var(--cd-verdict);padding:0 .05em}
.claimdesk-export mark.cd-claim mark.cd-claim{background:#fde68a;background:color-mix(in srgb,var(--cd-verdict) 30%,#fff);border-bottom-style:double;border-bottom-width:4px}
.claimdesk-export mark.cd-claim mark.cd-claim mark.cd-claim{background:#fcd34d;background:color-mix(in srgb,var(--cd-verdict) 42%,#fff)}
.claimdesk-export .cd-ref{font:600 .72rem system-ui,sans-serif;line-height:1;white-space:nowrap;unicode-bidi:isolate}
.claimdesk-export .cd-ref a{text-decoration:none;border:1px solid var(--cd-verdict);border-inline-start-width:4px;border-radius:.25rem;padding:0 .25rem;color:#111827;background:#fff}
.claimdesk-export .cd-ref a:focus-visible,.claimdesk-export .cd-back:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}
.claimdesk-export .cd-notes{font:.95rem/1.55 system-ui,sans-serif;border-top:2px solid #111827;padding-top:1rem}
.claimdesk-export .cd-notes h2{font-size:1.25rem}
.claimdesk-export .cd-notes>ol{list-style:none;padding-left:0}
.claimdesk-export .cd-notes>ol>li{margin:0 0 1.5rem;scroll-margin-top:1rem}
.claimdesk-export .cd-notes>ol>li:target{outline:2px solid #1d4ed8;outline-offset:.35rem;border-radius:.25rem}
.claimdesk-export .cd-note-head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline;margin:0 0 .35rem}
.claimdesk-export .cd-badge{font-weight:700;border:1px solid var(--cd-verdict);border-inline-start-width:6px;border-radius:.25rem;padding:0 .4rem}
.claimdesk-export .cd-status{color:#4b5563}
.claimdesk-export .cd-note dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
.claimdesk-export .cd-note dt{font-weight:600;color:#374151}
.claimdesk-export .cd-note dd{margin:0;overflow-wrap:anywhere}
.claimdesk-export .cd-note dd p{margin:0 0 .4rem}
.claimdesk-export .cd-sources{margin:0;padding-inline-start:1.1rem}
.claimdesk-export .cd-excerpt{margin:.25rem 0;font-style:italic}
.claimdesk-export .cd-orphans-intro{color:#4b5563}
.claimdesk-export .cd-corrections{font:.95rem/1.55 system-ui,sans-serif;border-top:2px solid #111827;padding-top:1rem;margin-top:2rem}
.claimdesk-export .cd-corrections h2{font-size:1.25rem}
.claimdesk-export .cd-corrections>ol{list-style:none;padding-left:0}
.claimdesk-export .cd-corrections>ol>li{margin:0 0 1.25rem;padding-inline-start:.75rem;border-inline-start:4px solid #b45309}
.claimdesk-export .cd-correction-head{margin:0 0 .25rem}
.claimdesk-export .cd-correction-note{margin:0 0 .4rem}
.claimdesk-export .cd-changes{margin:0;padding-inline-start:1.1rem;color:#374151}
.claimdesk-export .cd-changes dl{margin:.2rem 0 .4rem;display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem}
.claimdesk-export .cd-changes dt{font-weight:600}
.claimdesk-export .cd-changes dd{margin:0;overflow-wrap:anywhere}
.claimdesk-export .cd-changes del{text-decoration:line-through;color:#6b7280}
.claimdesk-export .cd-changes ins{text-decoration:none;font-weight:600}
@media (max-width:30rem){.claimdesk-export .cd-changes dl{grid-template-columns:1fr}}
${verdictRules}
@media print{
@page{margin:18mm 16mm}
.claimdesk-export{max-width:none;padding:0;font-size:11pt;color:#000}
.claimdesk-export a{color:#000}
.claimdesk-export .cd-summary{background:none;break-inside:avoid}
.claimdesk-export mark.cd-claim{background:#f3f3f3;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.claimdesk-export .cd-ref a{border-color:#000}
.claimdesk-export .cd-notes{break-before:page}
.claimdesk-export .cd-notes>ol>li{break-inside:avoid}
.claimdesk-export .cd-back{display:none}
.claimdesk-export .cd-sources a[href]::after{content:" <" attr(href) ">";font-size:.85em;overflow-wrap:anywhere}
.claimdesk-export h1,.claimdesk-export h2,.claimdesk-export h3,.claimdesk-export h4{break-after:avoid}
}`;
}

// ---------------------------------------------------------------- article body

const CONTAINERS = new Map([
  ["blockquote", "blockquote"],
  ["bulletList", "ul"],
  ["orderedList", "ol"],
  ["listItem", "li"],
]);

type MarkJson = { type?: string; attrs?: Record<string, unknown> };

class ArticleWriter {
  private out: string[] = [];
  private stretch = 0;
  private emitted: boolean[];
  /** Claim ends sorted by offset, for flushing references at block ends. */
  private ends: { at: number; index: number }[];
  private endPointer = 0;

  constructor(
    private bundle: ExportBundle,
    private layout: ClaimLayout,
  ) {
    this.emitted = bundle.claims.map(() => false);
    this.ends = [...layout.endsAt].flatMap(([at, list]) => list.map((index) => ({ at, index }))).sort((a, b) => a.at - b.at || a.index - b.index);
  }

  /** Text offsets come from the document walk (lib/article-text.ts) the layout placed the claims with. */
  render(blocks: WalkedNode[]): string {
    for (const child of blocks) this.block(child);
    this.flushRefs(Number.POSITIVE_INFINITY);
    return this.out.join("");
  }

  private ref(index: number): string {
    const claim = this.bundle.claims[index] as ExportClaim;
    const n = claimNumber(index);
    const label = verdictLabel(this.bundle, claim.verdict);
    const fragment = esc(claimFragment(claim.id));
    // An isolate (dir="auto"): inside right-to-left text the number and the
    // label would otherwise be reordered apart ("1" at the line's far end).
    return `<sup class="cd-ref ${verdictClass(this.bundle, claim.verdict)}" dir="auto"><a href="#${fragment}" id="${refId(claim)}" aria-label="Claim ${n}: ${esc(label)}">${n}\u00a0·\u00a0${esc(label)}</a></sup>`;
  }

  private emitRefsAt(at: number, into: string[]) {
    for (const index of this.layout.endsAt.get(at) ?? []) {
      if (this.emitted[index]) continue;
      this.emitted[index] = true;
      into.push(this.ref(index));
    }
  }

  /** References of claims that ended before `offset` but were not placed yet (ends inside block separators). */
  private flushRefs(offset: number) {
    while (this.endPointer < this.ends.length && (this.ends[this.endPointer] as { at: number }).at <= offset) {
      const { index } = this.ends[this.endPointer] as { index: number };
      this.endPointer++;
      if (this.emitted[index]) continue;
      this.emitted[index] = true;
      this.out.push(this.ref(index));
    }
  }

  private block(walked: WalkedNode) {
    const { node, kind } = walked;
    const type = node.type ?? "";
    if (kind === "text") {
      this.inline(walked);
      return;
    }
    if (kind === "textblock") {
      const tag = type === "heading" ? `h${headingLevel(node)}` : "p";
      // A caption is a paragraph styled as one (a <figcaption> needs a <figure>
      // the article has none of); importing this file again reads the class back.
      const cls = type === "caption" ? ' class="caption"' : "";
      // Each block takes its direction from its own text (Arabic and English paragraphs side by side).
      this.out.push(`<${tag}${cls} dir="auto">`);
      for (const child of walked.children) this.inline(child);
      // Claims ending in the separator after this block (no character of the next) end here.
      this.flushRefs(walked.textEnd + 2);
      this.out.push(`</${tag}>`);
      return;
    }
    const tag = CONTAINERS.get(type);
    if (tag) {
      const start = type === "orderedList" ? Number(node.attrs?.start ?? 1) : 1;
      this.out.push(tag === "ol" && Number.isInteger(start) && start !== 1 ? `<ol start="${start}" dir="auto">` : `<${tag} dir="auto">`);
      for (const child of walked.children) this.block(child);
      this.out.push(`</${tag}>`);
      return;
    }
    // Leaves (horizontal rule, image) add no text; unknown containers keep their children.
    if (type === "horizontalRule") this.out.push("<hr>");
    for (const child of walked.children) this.block(child);
  }

  private inline(walked: WalkedNode) {
    const { node } = walked;
    if (node.type === "hardBreak") {
      this.out.push("<br>");
      this.emitRefsAt(walked.textEnd, this.out);
      return;
    }
    if (walked.kind !== "text") {
      for (const child of walked.children) this.inline(child);
      return;
    }
    const text = node.text ?? "";
    const marks = (node.marks ?? []) as MarkJson[];
    let open = "";
    let close = "";
    let inLink = false;
    for (const mark of marks) {
      if (mark.type === "bold") {
        open += "<strong>";
        close = "</strong>" + close;
      } else if (mark.type === "italic") {
        open += "<em>";
        close = "</em>" + close;
      } else if (mark.type === "link") {
        const href = typeof mark.attrs?.href === "string" ? mark.attrs.href.trim() : "";
        if (isHttpUrl(href)) {
          open += `<a href="${esc(href)}" rel="noopener noreferrer">`;
          close = "</a>" + close;
          inLink = true;
        }
      }
    }
    const out = this.out;
    const after: string[] = [];
    out.push(open);
    const start = walked.textStart;
    const end = walked.textEnd;
    const stretches = this.layout.stretches;
    let pos = start;
    while (pos < end) {
      while (this.stretch < stretches.length && (stretches[this.stretch] as { end: number }).end <= pos) this.stretch++;
      const s = stretches[this.stretch];
      let pieceEnd: number;
      let claims: number[] = [];
      if (s && s.start <= pos) {
        pieceEnd = Math.min(end, s.end);
        claims = s.claims;
      } else {
        pieceEnd = s ? Math.min(end, s.start) : end;
      }
      for (const index of claims) {
        const claim = this.bundle.claims[index] as ExportClaim;
        out.push(`<mark class="cd-claim ${verdictClass(this.bundle, claim.verdict)}" data-claim="${claimNumber(index)}">`);
      }
      out.push(esc(text.slice(pos - start, pieceEnd - start)));
      for (let k = 0; k < claims.length; k++) out.push("</mark>");
      // A reference is a link: inside a link it would nest <a>, so it waits.
      this.emitRefsAt(pieceEnd, inLink ? after : out);
      pos = pieceEnd;
    }
    out.push(close, ...after);
  }
}

function headingLevel(node: DocNode): number {
  const level = Number(node.attrs?.level);
  return Number.isInteger(level) && level >= 2 && level <= 4 ? level : 2;
}

// ---------------------------------------------------------------- notes

function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p dir="auto">${esc(p.trim()).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

function dateText(value: string | null): string {
  return value ? value.slice(0, 10) : "";
}

function sourceItem(s: ExportClaim["sources"][number]): string {
  const title = s.title.trim() || s.url;
  const link = isHttpUrl(s.url) ? `<a href="${esc(s.url)}" rel="noopener noreferrer" dir="auto">${esc(title)}</a>` : `<bdi>${esc(title)}</bdi>`;
  const stance = SOURCE_STANCES.find((x) => x.key === s.stance)?.label ?? s.stance;
  const details = [s.publisher.trim(), stance, s.accessedOn ? `accessed ${formatDay(s.accessedOn)}` : ""].filter(Boolean).map(esc).join(" · ");
  const excerpt = s.excerpt.trim() ? `<blockquote class="cd-excerpt">${paragraphs(s.excerpt)}</blockquote>` : "";
  return `<li>${link}${details ? ` — ${details}` : ""}${excerpt}</li>`;
}

export type RenderOptions = {
  /**
   * "desk" (default): the downloaded file, naming who approved each claim.
   * "public": the published page, which names no staff and has no export line.
   */
  audience?: "desk" | "public";
};

function note(bundle: ExportBundle, claim: ExportClaim, index: number, placed: boolean, options: RenderOptions): string {
  const n = claimNumber(index);
  const lang = langAttr(bundle);
  const label = verdictLabel(bundle, claim.verdict);
  const approval =
    claim.status === "approved" && claim.approvedAt
      ? `Approved${claim.approvedByName && options.audience !== "public" ? ` by ${esc(claim.approvedByName)}` : ""} on ${esc(dateText(claim.approvedAt))}`
      : esc(statusLabel(claim.status));
  const back = placed ? ` <a class="cd-back" href="#${refId(claim)}" aria-label="Back to claim ${n} in the text">↩\u00a0back to text</a>` : "";
  const rows: string[] = [
    `<dt>Claim as checked</dt><dd>${paragraphs(claim.claimAsChecked)}</dd>`,
    `<dt>Quoted text</dt><dd><q dir="auto"${lang}>${esc(claim.quote.exact)}</q></dd>`,
    `<dt>Claimant</dt><dd>${claim.claimant.trim() ? `<bdi>${esc(claim.claimant)}</bdi>` : "Not stated"}</dd>`,
    `<dt>Verdict</dt><dd><bdi>${esc(label)}</bdi></dd>`,
  ];
  if (claim.rationale.trim()) rows.push(`<dt>Rationale</dt><dd>${paragraphs(claim.rationale)}</dd>`);
  if (claim.sources.length) rows.push(`<dt>Sources</dt><dd><ol class="cd-sources">${claim.sources.map(sourceItem).join("")}</ol></dd>`);
  return `<li id="${esc(claimFragment(claim.id))}" value="${n}" class="cd-note ${verdictClass(bundle, claim.verdict)}"><p class="cd-note-head"><strong>Claim ${n}</strong> <span class="cd-badge" dir="auto">${esc(label)}</span> <span class="cd-status">${approval}</span>${back}</p><dl>${rows.join("")}</dl></li>`;
}

// ---------------------------------------------------------------- corrections log

/** The published corrections, newest first: kind, date, the editor's note and what changed (old → new). */
function correctionsSection(bundle: ExportBundle, options: RenderOptions): string {
  const entries = correctionsOf(bundle);
  if (!entries.length) return "";
  const label = (key: string | null) => verdictLabel(bundle, key);
  const items = entries.map((c) => {
    const by = options.audience !== "public" && c.publishedByName ? ` by ${esc(c.publishedByName)}` : "";
    const imported = c.imported ? ` <span class="cd-status">(published before this copy was imported)</span>` : "";
    const changes = c.changes
      .map((change) => {
        const d = describeChange(change, label);
        const rows = d.details
          .map((x) => `<dt>${esc(x.label)}</dt><dd><del dir="auto">${esc(x.before)}</del>${x.after ? ` → <ins dir="auto">${esc(x.after)}</ins>` : " (removed)"}</dd>`)
          .join("");
        return `<li>${esc(d.summary)}${rows ? `<dl>${rows}</dl>` : ""}</li>`;
      })
      .join("");
    return `<li><p class="cd-correction-head"><strong>${esc(CORRECTION_KIND_LABELS[c.kind])}</strong> · <time datetime="${esc(c.publishedAt)}">${esc(formatDay(c.publishedAt))}</time>${by}${imported}</p><div class="cd-correction-note">${paragraphs(c.note)}</div>${changes ? `<ul class="cd-changes">${changes}</ul>` : ""}</li>`;
  });
  return `<section class="cd-corrections" id="cd-corrections" aria-labelledby="cd-corrections-title"><h2 id="cd-corrections-title">Corrections</h2><ol>${items.join("")}</ol></section>`;
}

// ---------------------------------------------------------------- document

/** ` lang="ar"` for the article's own words; nothing when its language is not determined. */
function langAttr(bundle: ExportBundle): string {
  const tag = langAttribute(bundle.article.language);
  return tag ? ` lang="${esc(tag)}"` : "";
}

function summary(bundle: ExportBundle, layout: ClaimLayout, options: RenderOptions): string {
  const counts = verdictCounts(bundle);
  const rows = counts
    .map((c) => `<tr><th scope="row"><span class="cd-badge ${c.key === null ? "cd-v-none" : verdictClass(bundle, c.key)}">${esc(c.label)}</span></th><td class="cd-count">${c.count}</td></tr>`)
    .join("");
  const total = bundle.claims.length;
  const unapproved = bundle.claims.filter((c) => c.status !== "approved").length;
  const lines = [
    `<p><strong>Scope:</strong> ${esc(scopeLabel(bundle.scope))}. <strong>${total}</strong> ${total === 1 ? "claim" : "claims"} checked.</p>`,
  ];
  if (bundle.scope === "all" && bundle.workflow && unapproved > 0) {
    lines.push(`<p>${unapproved} of them ${unapproved === 1 ? "is" : "are"} not approved by an editor yet.</p>`);
  }
  if (layout.orphans.length) {
    lines.push(`<p>${layout.orphans.length} ${layout.orphans.length === 1 ? "claim was" : "claims were"} not found in the current text; see “Claims not found in the text”.</p>`);
  }
  const table = total
    ? `<table><caption class="cd-visually-hidden">Claims by verdict</caption><thead><tr><th scope="col">Verdict</th><th scope="col">Claims</th></tr></thead><tbody>${rows}</tbody></table>`
    : "";
  const corrected = lastCorrectedAt(bundle);
  if (corrected) {
    const n = correctionsOf(bundle).length;
    lines.push(`<p><strong>Updated ${esc(formatDay(corrected))}:</strong> ${n === 1 ? "a correction was" : `${n} corrections were`} published; see <a href="#cd-corrections">Corrections</a>.</p>`);
  }
  const exported =
    options.audience === "public"
      ? `<p class="cd-exported">Fact-checked by ${esc(bundle.organization.name)}.</p>`
      : `<p class="cd-exported">Exported ${esc(bundle.exportedAt.slice(0, 16).replace("T", " "))} UTC by ${esc(bundle.organization.name)}.</p>`;
  return `<section class="cd-summary" aria-labelledby="cd-summary-title"><h2 id="cd-summary-title">Summary</h2>${lines.join("")}${table}${exported}</section>`;
}

export function renderAnnotatedArticle(bundle: ExportBundle, options: RenderOptions = {}): { css: string; html: string } {
  const { article } = bundle;
  const layout = layoutClaims(bundle);
  const body = new ArticleWriter(bundle, layout).render(layout.blocks);
  const meta = [article.publisher, article.author ? `By ${article.author}` : null, article.publishedOn ? formatDay(article.publishedOn) : null]
    .filter((x): x is string => !!x && x.trim() !== "")
    .map(esc);
  if (isHttpUrl(article.sourceUrl)) meta.push(`<a href="${esc(article.sourceUrl)}" rel="noopener noreferrer">Original article</a>`);
  const placedNotes = bundle.claims.map((c, i) => (layout.placed[i] ? note(bundle, c, i, true, options) : "")).join("");
  const orphanNotes = layout.orphans.map((i) => note(bundle, bundle.claims[i] as ExportClaim, i, false, options)).join("");
  const notes = bundle.claims.length
    ? `<section class="cd-notes" aria-labelledby="cd-notes-title"><h2 id="cd-notes-title">Claims</h2>${placedNotes ? `<ol>${placedNotes}</ol>` : ""}` +
      (orphanNotes
        ? `<h2 id="cd-orphans-title">Claims not found in the text</h2><p class="cd-orphans-intro">The article text changed after these claims were marked, and their quoted text could no longer be found.</p><ol>${orphanNotes}</ol>`
        : "") +
      `</section>`
    : `<section class="cd-notes"><h2>Claims</h2><p>No claims ${bundle.scope === "approved" ? "have been approved" : "have been marked"} in this article.</p></section>`;
  const html =
    `<div class="claimdesk-export">` +
    `<header class="cd-header"><p class="cd-kicker">Fact-check</p><h1 dir="auto"${langAttr(bundle)}>${esc(article.title)}</h1>${meta.length ? `<p class="cd-meta">${meta.join(" · ")}</p>` : ""}</header>` +
    summary(bundle, layout, options) +
    // The desk's own words (summary, notes) are English, the page's language; the article is in its own.
    `<article class="cd-article" aria-label="Article text with highlighted claims"${langAttr(bundle)}>${body}</article>` +
    notes +
    correctionsSection(bundle, options) +
    `</div>`;
  const css = exportCss(bundle) + `\n.claimdesk-export .cd-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;
  return { css, html };
}

export function renderAnnotatedHtml(bundle: ExportBundle): string {
  const { css, html } = renderAnnotatedArticle(bundle);
  const title = `${bundle.article.title} — fact-check (${scopeLabel(bundle.scope).toLowerCase()})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="claimdesk-export-scope" content="${esc(bundle.scope)}">
<meta name="generator" content="Claimdesk">
<title>${esc(title)}</title>
<style>
body{margin:0;background:#fff}
${css}
</style>
</head>
<body>
${html}
</body>
</html>
`;
}

export { NO_VERDICT_LABEL };

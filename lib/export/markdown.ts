/**
 * Markdown: CommonMark plus footnotes (`[^1]`, as GitHub, Pandoc and
 * micromark-extension-gfm-footnote read them).
 *
 * Convention for claims (CommonMark has no highlight syntax): each checked
 * passage is enclosed in literal square brackets, `\[` … `\]`, and the
 * closing bracket is followed by the verdict in parentheses and a footnote
 * reference: `\[Unemployment fell to 4.2%\] (False)[^1]`. Overlapping claims
 * give crossing brackets; the footnote after each closing bracket says which
 * claim ends there. Footnote N holds claim N's details, ending with a link to
 * the claim (its stable `#claim-<id>` fragment, lib/export/links.ts): footnote
 * labels are numbers, for people reading the file as text. Claims whose quote is
 * no longer in the text are listed under "Claims not found in the text",
 * each with its footnote reference, so every footnote resolves.
 *
 * All user text is escaped (lib/export/escape.ts), so nothing in an article,
 * claim or source can become Markdown syntax or raw HTML.
 */
import { formatDay } from "@/lib/format";
import type { WalkedNode } from "@/lib/article-text";
import { SOURCE_STANCES } from "@/lib/verdicts";
import type { ExportBundle, ExportClaim } from "./bundle";
import { scopeLabel } from "./bundle";
import { escapeMarkdown as md } from "./escape";
import { layoutClaims, type ClaimLayout } from "./layout";
import { claimUrl } from "./links";
import { claimNumber, isHttpUrl, statusLabel, verdictCounts, verdictLabel } from "./shared";
import { CORRECTION_KIND_LABELS, describeChange } from "@/lib/corrections";
import { correctionsOf, lastCorrectedAt } from "./corrections";

const LISTS = new Set(["bulletList", "orderedList"]);

/** `<url>` destination: angle brackets allow spaces and parentheses; <, > and newlines are percent-encoded. */
function destination(url: string): string {
  return `<${url.replace(/[<>\n\r\\]/g, (c) => encodeURIComponent(c))}>`;
}

type MarkJson = { type?: string; attrs?: Record<string, unknown> };

class MarkdownWriter {
  private opened: boolean[];
  private closed: boolean[];
  private starts: { at: number; index: number }[];
  private startPointer = 0;
  private ends: { at: number; index: number }[];
  private endPointer = 0;

  constructor(
    private bundle: ExportBundle,
    layout: ClaimLayout,
    private ranges: ({ start: number; end: number } | null)[],
  ) {
    this.opened = bundle.claims.map(() => false);
    this.closed = bundle.claims.map(() => false);
    const starts: { at: number; index: number }[] = [];
    const ends: { at: number; index: number }[] = [];
    ranges.forEach((r, index) => {
      if (!r || !layout.placed[index]) return;
      starts.push({ at: r.start, index });
      ends.push({ at: r.end, index });
    });
    this.starts = starts.sort((a, b) => a.at - b.at || a.index - b.index);
    this.ends = ends.sort((a, b) => a.at - b.at || a.index - b.index);
  }

  /** Text offsets come from the document walk (lib/article-text.ts) the layout placed the claims with. */
  render(walked: WalkedNode[]): string {
    const blocks = walked.map((b) => this.block(b)).filter((b) => b !== "");
    let text = blocks.join("\n\n");
    const tail = this.closeUpTo(Number.POSITIVE_INFINITY);
    if (tail) text += tail;
    return text;
  }

  private closing(index: number): string {
    const claim = this.bundle.claims[index] as ExportClaim;
    return `\\] (${md(verdictLabel(this.bundle, claim.verdict))})[^${claimNumber(index)}]`;
  }

  /** Opens claims starting at or before `at` (not yet opened). */
  private openUpTo(at: number): string {
    let out = "";
    while (this.startPointer < this.starts.length && (this.starts[this.startPointer] as { at: number }).at <= at) {
      const { index } = this.starts[this.startPointer++] as { index: number };
      if (this.opened[index]) continue;
      this.opened[index] = true;
      out += "\\[";
    }
    return out;
  }

  /** Closes claims ending at or before `at` (not yet closed). */
  private closeUpTo(at: number): string {
    let out = "";
    while (this.endPointer < this.ends.length && (this.ends[this.endPointer] as { at: number }).at <= at) {
      const { index } = this.ends[this.endPointer++] as { index: number };
      if (this.closed[index]) continue;
      this.closed[index] = true;
      out += this.closing(index);
    }
    return out;
  }

  private block(walked: WalkedNode): string {
    const { node, kind } = walked;
    const type = node.type ?? "";
    if (kind === "text") return this.inline(walked);
    const blocks = (list: WalkedNode[]) => list.map((b) => this.block(b)).join("\n\n");
    if (kind === "textblock") {
      // Claims that began in the separator before this block open here.
      let text = this.closeUpTo(walked.textStart - 1) + this.openUpTo(walked.textStart);
      text += walked.children.map((c) => this.inline(c)).join("");
      // Claims ending in the separator after this block (no character of the next) end here.
      text += this.closeUpTo(walked.textEnd + 2);
      if (type === "heading") {
        const level = Math.min(Math.max(Number(node.attrs?.level) || 2, 2), 4);
        return `${"#".repeat(level)} ${text.replace(/\n/g, " ")}`;
      }
      // Markdown has no caption: an italic paragraph is how captions are written
      // by hand. Underscores, so the caption's own *italic* runs stay unambiguous.
      if (type === "caption") {
        const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) as RegExpExecArray;
        return m[2] ? `${m[1]}_${m[2]}_${m[3]}` : text;
      }
      return text;
    }
    if (type === "blockquote") {
      return blocks(walked.children)
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n");
    }
    if (LISTS.has(type)) {
      const ordered = type === "orderedList";
      let n = ordered ? Number(node.attrs?.start ?? 1) || 1 : 1;
      return walked.children
        .map((item) => {
          const marker = ordered ? `${n++}. ` : "- ";
          const pad = " ".repeat(marker.length);
          return blocks(item.children)
            .split("\n")
            .map((line, i) => (i === 0 ? marker + line : line ? pad + line : ""))
            .join("\n");
        })
        .join("\n");
    }
    return blocks(walked.children);
  }

  private inline(walked: WalkedNode): string {
    const { node } = walked;
    if (node.type === "hardBreak") {
      // A backslash before the newline is a CommonMark hard line break.
      return this.closeUpTo(walked.textEnd) + "\\\n" + this.openUpTo(walked.textEnd);
    }
    if (walked.kind !== "text") return walked.children.map((c) => this.inline(c)).join("");
    const text = node.text ?? "";
    const start = walked.textStart;
    const end = walked.textEnd;
    const marks = (node.marks ?? []) as MarkJson[];
    const link = marks.find((m) => m.type === "link" && typeof m.attrs?.href === "string" && isHttpUrl(m.attrs.href as string));
    // Cut the text at every claim boundary inside it.
    let body = "";
    let pos = start;
    let deferred = "";
    body += this.openUpTo(start);
    while (pos < end) {
      const nextStart = this.startPointer < this.starts.length ? (this.starts[this.startPointer] as { at: number }).at : Infinity;
      const nextEnd = this.endPointer < this.ends.length ? (this.ends[this.endPointer] as { at: number }).at : Infinity;
      const cut = Math.min(end, Math.max(pos + 1, Math.min(nextStart, nextEnd)));
      body += md(text.slice(pos - start, cut - start));
      pos = cut;
      const closes = this.closeUpTo(pos);
      // A footnote reference inside link text would be ambiguous: it waits until the link ends.
      if (link) deferred += closes;
      else body += closes;
      if (pos < end) body += this.openUpTo(pos);
    }
    let out = body;
    // Emphasis delimiters must touch non-space characters, so spaces move outside.
    const wrap = (s: string, open: string, close: string) => {
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s) as RegExpExecArray;
      return m[2] ? `${m[1]}${open}${m[2]}${close}${m[3]}` : s;
    };
    if (marks.some((m) => m.type === "italic")) out = wrap(out, "*", "*");
    if (marks.some((m) => m.type === "bold")) out = wrap(out, "**", "**");
    if (link) out = `[${out}](${destination((link.attrs?.href as string).trim())})`;
    return out + deferred;
  }
}

/** Footnote continuation: every line indented four spaces. */
function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `    ${line}` : ""))
    .join("\n");
}

function paragraphText(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => md(p.trim()).replace(/\n/g, "\\\n"))
    .join("\n\n");
}

function footnote(bundle: ExportBundle, claim: ExportClaim, index: number): string {
  const n = claimNumber(index);
  const label = verdictLabel(bundle, claim.verdict);
  const status =
    claim.status === "approved" && claim.approvedAt
      ? `Approved${claim.approvedByName ? ` by ${md(claim.approvedByName)}` : ""} on ${claim.approvedAt.slice(0, 10)}`
      : md(statusLabel(claim.status));
  const parts: string[] = [
    `**Claim ${n}: ${md(label)}** — ${paragraphText(claim.claimAsChecked).replace(/\n\n/g, " ")}`,
    `Claimant: ${claim.claimant.trim() ? md(claim.claimant) : "not stated"}\\\nStatus: ${status}\\\nQuoted text: “${md(claim.quote.exact).replace(/\n+/g, " ")}”\\\nLink: ${destination(claimUrl(bundle, claim))}`,
  ];
  if (claim.rationale.trim()) parts.push(`Rationale:\\\n${paragraphText(claim.rationale)}`);
  if (claim.sources.length) {
    const list = claim.sources.map((s) => {
      const title = md(s.title.trim() || s.url);
      const link = isHttpUrl(s.url) ? `[${title}](${destination(s.url)})` : title;
      const stance = SOURCE_STANCES.find((x) => x.key === s.stance)?.label ?? s.stance;
      const details = [s.publisher.trim(), stance, s.accessedOn ? `accessed ${formatDay(s.accessedOn)}` : ""].filter(Boolean).map(md).join(", ");
      const excerpt = s.excerpt.trim() ? `\n\n  > ${md(s.excerpt.trim()).replace(/\n+/g, " ")}` : "";
      return `- ${link}${details ? ` — ${details}` : ""}${excerpt}`;
    });
    parts.push(`Sources:\n\n${list.join("\n")}`);
  }
  const [first, ...rest] = parts.join("\n\n").split("\n");
  return `[^${n}]: ${first}${rest.length ? "\n" + indent(rest.join("\n")) : ""}`;
}

export function renderMarkdown(bundle: ExportBundle): string {
  const { article } = bundle;
  const layout = layoutClaims(bundle);
  // Ranges in the document's text, from the layout's stretches and ends.
  const ranges: ({ start: number; end: number } | null)[] = bundle.claims.map(() => null);
  for (const s of layout.stretches) {
    for (const i of s.claims) {
      const r = ranges[i];
      if (!r) ranges[i] = { start: s.start, end: s.end };
      else r.end = Math.max(r.end, s.end);
    }
  }
  const body = new MarkdownWriter(bundle, layout, ranges).render(layout.blocks);

  const meta = [article.publisher, article.author ? `By ${article.author}` : null, article.publishedOn ? formatDay(article.publishedOn) : null]
    .filter((x): x is string => !!x && x.trim() !== "")
    .map(md);
  if (isHttpUrl(article.sourceUrl)) meta.push(`[Original article](${destination(article.sourceUrl)})`);
  const counts = verdictCounts(bundle).map((c) => `- ${md(c.label)}: ${c.count}`);
  const total = bundle.claims.length;
  const out: string[] = [
    `# ${md(article.title)}`,
    `Fact-check · ${md(scopeLabel(bundle.scope))} · exported ${bundle.exportedAt.slice(0, 16).replace("T", " ")} UTC by ${md(bundle.organization.name)}`,
  ];
  if (meta.length) out.push(meta.join(" · "));
  out.push(`## Summary`, `Scope: ${md(scopeLabel(bundle.scope))}. ${total} ${total === 1 ? "claim" : "claims"} checked.`);
  if (counts.length) out.push(counts.join("\n"));
  if (layout.orphans.length) out.push(`${layout.orphans.length} ${layout.orphans.length === 1 ? "claim was" : "claims were"} not found in the current text; see “Claims not found in the text”.`);
  const corrected = lastCorrectedAt(bundle);
  if (corrected) out.push(`Updated ${formatDay(corrected)}: see “Corrections”.`);
  out.push(
    `Each checked passage is enclosed in square brackets, followed by its verdict in parentheses and a footnote number; the footnotes hold the details.`,
    `---`,
    body,
  );
  if (layout.orphans.length) {
    out.push(
      `## Claims not found in the text`,
      layout.orphans
        .map((i) => {
          const c = bundle.claims[i] as ExportClaim;
          return `- “${md(c.quote.exact).replace(/\n+/g, " ")}” (${md(verdictLabel(bundle, c.verdict))})[^${claimNumber(i)}]`;
        })
        .join("\n"),
    );
  }
  const log = correctionsOf(bundle);
  if (log.length) {
    const label = (key: string | null) => verdictLabel(bundle, key);
    out.push(
      `## Corrections`,
      log
        .map((c) => {
          const by = c.publishedByName ? ` by ${md(c.publishedByName)}` : "";
          const head = `**${CORRECTION_KIND_LABELS[c.kind]}** · ${formatDay(c.publishedAt)}${by}${c.imported ? " (published before this copy was imported)" : ""}`;
          const changes = c.changes.map((change) => {
            const d = describeChange(change, label);
            const rows = d.details.map((x) => `  - ${md(x.label)}: ~~${md(x.before).replace(/\n+/g, " ")}~~${x.after ? ` → ${md(x.after).replace(/\n+/g, " ")}` : " (removed)"}`);
            return [`- ${md(d.summary)}`, ...rows].join("\n");
          });
          return [head, paragraphText(c.note), ...(changes.length ? [changes.join("\n")] : [])].join("\n\n");
        })
        .join("\n\n"),
    );
  }
  if (total) out.push(`---`, bundle.claims.map((c, i) => footnote(bundle, c, i)).join("\n\n"));
  return out.join("\n\n") + "\n";
}

import type { ReactNode } from "react";
import { isAllowedHref } from "@/lib/article-schema";
import { walkDocument, type DocNode, type WalkedNode } from "@/lib/article-text";
import { claimStretches, cutAtStretches, type Stretch } from "@/lib/claim-stretches";
import { ClaimMarks, type MarkedClaim } from "./claim-mark";

/**
 * An old revision's document, read-only, as React elements (never HTML
 * strings): the blocks of the article schema, its emphasis and safe links,
 * and each claim highlighted on exactly the range its anchor for that
 * revision records (UTF-16 offsets into the revision's plain text, which the
 * one document walk, walkDocument, maps onto the text nodes).
 */
export function RevisionDocument({ doc, claims, ranges }: { doc: DocNode; claims: readonly MarkedClaim[]; ranges: readonly { start: number; end: number }[] }) {
  const { blocks } = walkDocument(doc);
  const stretches = claimStretches(ranges);
  return <>{blocks.map((b, i) => renderBlock(b, i, stretches, claims))}</>;
}

type Marks = { type?: string; attrs?: Record<string, unknown> }[];

function renderBlock(w: WalkedNode, key: number, stretches: readonly Stretch[], claims: readonly MarkedClaim[]): ReactNode {
  const children = () => w.children.map((c, i) => renderBlock(c, i, stretches, claims));
  const { node } = w;
  switch (w.kind) {
    case "text":
      return renderText(w, key, stretches, claims);
    case "leaf":
      if (node.type === "hardBreak") return <br key={key} />;
      if (node.type === "horizontalRule") return <hr key={key} />;
      return null;
    case "inline":
      return <span key={key}>{children()}</span>;
    case "textblock": {
      if (node.type === "heading") {
        const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2));
        const Tag = `h${level}` as "h2" | "h3" | "h4";
        return <Tag key={key}>{children()}</Tag>;
      }
      if (node.type === "codeBlock") return <pre key={key}>{children()}</pre>;
      return <p key={key}>{children()}</p>;
    }
    case "container":
      switch (node.type) {
        case "blockquote":
          return <blockquote key={key}>{children()}</blockquote>;
        case "bulletList":
          return <ul key={key}>{children()}</ul>;
        case "orderedList": {
          const start = Number(node.attrs?.start);
          return (
            <ol key={key} start={Number.isInteger(start) && start !== 1 ? start : undefined}>
              {children()}
            </ol>
          );
        }
        case "listItem":
          return <li key={key}>{children()}</li>;
        default:
          return <div key={key}>{children()}</div>;
      }
  }
}

function renderText(w: WalkedNode, key: number, stretches: readonly Stretch[], claims: readonly MarkedClaim[]): ReactNode {
  const text = w.node.text ?? "";
  const { pieces } = cutAtStretches(w.textStart, w.textEnd, stretches);
  const content = pieces.map((p, i) => (
    <ClaimMarks key={i} claims={claims} indexes={p.claims}>
      {text.slice(p.start - w.textStart, p.end - w.textStart)}
    </ClaimMarks>
  ));
  // Emphasis and links outside the highlights, as the editor renders them.
  let node: ReactNode = <>{content}</>;
  for (const mark of (w.node.marks ?? []) as Marks) {
    if (mark.type === "bold") node = <strong>{node}</strong>;
    else if (mark.type === "italic") node = <em>{node}</em>;
    else if (mark.type === "code") node = <code>{node}</code>;
    else if (mark.type === "strike") node = <s>{node}</s>;
    else if (mark.type === "link") {
      const href = String(mark.attrs?.href ?? "");
      if (isAllowedHref(href)) {
        node = (
          <a href={href} rel="noopener noreferrer nofollow" target="_blank">
            {node}
          </a>
        );
      }
    }
  }
  return <span key={key}>{node}</span>;
}

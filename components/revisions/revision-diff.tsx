import type { ReactNode } from "react";
import { formatNumber } from "@/lib/format";
import type { DiffPiece } from "@/lib/revision-diff";
import { ClaimMarks, type MarkedClaim } from "./claim-mark";

/**
 * The word diff between two revisions: removed words in <del>, added ones in
 * <ins>, each also struck through or underlined and announced in words
 * ("removed", "added") for screen readers, so the change is not told by
 * colour alone. The newer revision's claims are marked on its text; folded
 * unchanged stretches say how many words they hold.
 */
export function RevisionDiff({ pieces, claims }: { pieces: readonly DiffPiece[]; claims: readonly MarkedClaim[] }) {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < pieces.length) {
    const piece = pieces[i] as DiffPiece;
    if (piece.kind === "folded") {
      out.push(
        <span key={i} className="my-3 block border-y border-dashed border-line py-1 text-center font-sans text-xs text-muted">
          … {formatNumber(piece.words)} unchanged {piece.words === 1 ? "word" : "words"} …
        </span>,
      );
      i++;
      continue;
    }
    // Consecutive pieces of one kind (a change cut by claim boundaries) are one <ins> or <del>.
    const kind = piece.kind;
    const group: ReactNode[] = [];
    const first = i;
    while (i < pieces.length && (pieces[i] as DiffPiece).kind === kind) {
      const p = pieces[i] as DiffPiece;
      if (p.kind === "removed") group.push(<span key={i}>{p.text}</span>);
      else if (p.kind !== "folded")
        group.push(
          <ClaimMarks key={i} claims={claims} indexes={p.claims}>
            {p.text}
          </ClaimMarks>,
        );
      i++;
    }
    if (kind === "same") out.push(<span key={first}>{group}</span>);
    else if (kind === "added")
      out.push(
        <ins key={first} className="rounded-sm bg-green-100 text-green-950 underline decoration-green-700 decoration-2 underline-offset-2">
          <span className="sr-only">[added: </span>
          {group}
          <span className="sr-only">]</span>
        </ins>,
      );
    else
      out.push(
        <del key={first} className="rounded-sm bg-red-100 text-red-950 line-through decoration-red-700 decoration-2">
          <span className="sr-only">[removed: </span>
          {group}
          <span className="sr-only">]</span>
        </del>,
      );
  }
  return <>{out}</>;
}

import type { ReactNode } from "react";

/** What a highlight needs to show a claim: its id, verdict key and the verdict's label and colour. */
export type MarkedClaim = { id: string; verdict: string | null; label: string; color: string };

/**
 * Wraps `children` in one <mark class="claim"> per claim covering it, the
 * earliest (outermost) first, as the workspace's editor nests them, each
 * keeping its data-claim-id and data-verdict. The verdict is in the title as
 * words, not only in the underline's colour.
 */
export function ClaimMarks({ claims, indexes, children }: { claims: readonly MarkedClaim[]; indexes: readonly number[]; children: ReactNode }) {
  let node = children;
  for (let k = indexes.length - 1; k >= 0; k--) {
    const claim = claims[indexes[k] as number];
    if (!claim) continue;
    node = (
      <mark
        className="claim cursor-default"
        data-claim-id={claim.id}
        data-verdict={claim.verdict ?? "none"}
        title={`Claim: ${claim.label}`}
        style={{ "--claim-color": claim.color } as React.CSSProperties}
      >
        {node}
      </mark>
    );
  }
  return <>{node}</>;
}

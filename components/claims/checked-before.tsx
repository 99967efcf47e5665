"use client";

import Link from "next/link";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { VerdictBadge } from "@/components/verdict-badge";
import { formatDay } from "@/lib/format";
import type { CheckedBeforeMatch } from "@/lib/matching/types";
import { statusLabel } from "@/lib/verdicts";

type Props = {
  /** null while the first answer is on its way. */
  matches: CheckedBeforeMatch[] | null;
  error: string | null;
  busy: boolean;
  /** Absent for words not marked as a claim yet: there is no claim to copy into. */
  onUse?: (match: CheckedBeforeMatch) => void;
};

/**
 * "Checked before": earlier claims of the desk that make the same assertion,
 * closest first, each with its verdict, when it was approved (or last saved), its article
 * and a link; "Use this verdict" starts this claim from that check.
 */
export function CheckedBefore({ matches, error, busy, onUse }: Props) {
  const heading = useId();
  return (
    <section aria-labelledby={heading} className="grid gap-2 rounded-md border border-line bg-slate-50/70 p-3">
      <h3 id={heading} className="text-sm font-semibold text-ink">
        Checked before
      </h3>
      {error ? (
        <p className="text-sm text-red-700">{error}</p>
      ) : matches === null ? (
        <p className="text-sm text-muted">Looking for earlier checks of this claim…</p>
      ) : matches.length === 0 ? (
        <p className="text-sm text-muted">{onUse ? "The desk has not checked this claim before." : "The desk has not checked these words before."}</p>
      ) : (
        <ol className="grid gap-2">
          {matches.map((m) => (
            <CheckedBeforeItem key={m.claimId} match={m} busy={busy} onUse={onUse} />
          ))}
        </ol>
      )}
    </section>
  );
}

function CheckedBeforeItem({ match, busy, onUse }: { match: CheckedBeforeMatch; busy: boolean; onUse?: (match: CheckedBeforeMatch) => void }) {
  const claim = useId();
  return (
    <li className="grid gap-1.5 rounded-md border border-line bg-white p-2.5 text-sm">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <VerdictBadge verdict={match.verdict} />
        <span className="text-xs text-muted">
          {match.status === "approved" ? `Approved ${formatDay(match.checkedAt)}` : `${statusLabel(match.status)} · last saved ${formatDay(match.checkedAt)}`}
        </span>
      </div>
      <Link id={claim} href={match.href} className="font-serif text-ink underline decoration-slate-300 underline-offset-2 hover:decoration-brand">
        “{match.claimAsChecked}”
      </Link>
      <p className="text-xs text-muted">
        <span className="sr-only">Article: </span>
        {match.articleTitle}
      </p>
      {onUse ? (
        <div>
          <Button size="sm" variant="secondary" disabled={busy} aria-describedby={claim} onClick={() => onUse(match)}>
            Use this verdict
          </Button>
        </div>
      ) : null}
    </li>
  );
}

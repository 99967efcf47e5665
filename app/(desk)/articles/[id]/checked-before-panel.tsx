"use client";

import { useEffect, useRef, useState } from "react";
import { CheckedBefore } from "@/components/claims/checked-before";
import type { CheckedBeforeMatch } from "@/lib/matching/types";
import { checkedBeforeAction } from "./matching-actions";

/** How long the claim text must rest before the desk is asked again (typing in "Claim as checked"). */
const SETTLE_MS = 500;

/**
 * Loads "Checked before" for the open claim: its claim as checked, or its
 * quote while that is empty; again when the text changes. Only the newest
 * answer is shown (answers can arrive out of order).
 */
export function CheckedBeforePanel({ claimId, text, busy, onUse }: { claimId: string; text: string; busy: boolean; onUse: (fromClaimId: string) => void }) {
  const [matches, setMatches] = useState<CheckedBeforeMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const first = useRef(true);

  useEffect(() => {
    const n = ++seq.current;
    const ask = async () => {
      try {
        const result = await checkedBeforeAction({ text, claimId });
        if (n !== seq.current) return;
        if (result.ok) {
          setMatches(result.data);
          setError(null);
        } else setError(result.error.message);
      } catch {
        if (n === seq.current) setError("Could not look for earlier checks: the server did not answer. They are looked for again when the claim changes.");
      }
    };
    // The claim just opened: ask at once; while typing, wait for a pause.
    const timer = window.setTimeout(() => void ask(), first.current ? 0 : SETTLE_MS);
    first.current = false;
    return () => window.clearTimeout(timer);
  }, [claimId, text]);

  return <CheckedBefore matches={matches} error={error} busy={busy} onUse={(m) => onUse(m.claimId)} />;
}

"use client";

import { createContext, useContext, useMemo, useState } from "react";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import { rollUpClaims, type ArticleRollup, type SummaryClaim } from "@/lib/summary";
import { SummaryStrip } from "./summary-strip";

type Live = { claims: readonly SummaryClaim[] | null; report: (claims: readonly SummaryClaim[]) => void };

const LiveSummaryContext = createContext<Live>({ claims: null, report: () => {} });

/**
 * Shares the article's claims between the workspace (which knows every change
 * made on the page, and catches up with others' when the tab is looked at
 * again) and the summary strip in the page header, so the strip never shows
 * the numbers of the first render.
 */
export function LiveSummaryProvider({ children }: { children: React.ReactNode }) {
  const [claims, setClaims] = useState<readonly SummaryClaim[] | null>(null);
  const value = useMemo(() => ({ claims, report: setClaims }), [claims]);
  return <LiveSummaryContext.Provider value={value}>{children}</LiveSummaryContext.Provider>;
}

export function useReportSummaryClaims() {
  return useContext(LiveSummaryContext).report;
}

/** The summary strip: the server's roll-up until the workspace reports its claims, then theirs. */
export function LiveSummaryStrip({ articleId, initial }: { articleId: string; initial: ArticleRollup }) {
  const { claims } = useContext(LiveSummaryContext);
  const scale = useVerdictScale();
  const rollup = useMemo(() => (claims ? rollUpClaims(claims, scale) : initial), [claims, initial, scale]);
  return <SummaryStrip articleId={articleId} rollup={rollup} />;
}

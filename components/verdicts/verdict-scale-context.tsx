"use client";

import { createContext, useContext } from "react";
import { DEFAULT_VERDICT_SCALE, getVerdict, type VerdictScale, type VerdictScaleEntry } from "@/lib/verdicts";

const VerdictScaleContext = createContext<VerdictScale>(DEFAULT_VERDICT_SCALE);

/** Makes the desk's verdict scale (read on the server) available to client components. */
export function VerdictScaleProvider({ scale, children }: { scale: VerdictScale; children: React.ReactNode }) {
  return <VerdictScaleContext.Provider value={scale}>{children}</VerdictScaleContext.Provider>;
}

export function useVerdictScale(): VerdictScale {
  return useContext(VerdictScaleContext);
}

export function useVerdict(key: string | null | undefined): VerdictScaleEntry | undefined {
  return getVerdict(useVerdictScale(), key);
}

"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { ClaimDraftStore, type SaveClaimFn } from "@/lib/claim-drafts";
import type { ClaimDto } from "@/lib/claims";

/** Binds a ClaimDraftStore to React, and asks before leaving with unsaved changes. */
export function useClaimAutosave<P>(initial: ClaimDto[], save: SaveClaimFn, place: (claim: ClaimDto) => P) {
  const [store] = useState(() => new ClaimDraftStore(initial, { save, place, storage: typeof window === "undefined" ? null : window.localStorage }));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

  useEffect(() => {
    store.restoreBackups();
    return () => store.dispose();
  }, [store]);

  useEffect(() => {
    if (snapshot.unsaved === 0) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // still required by some browsers to show the prompt
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [snapshot.unsaved]);

  return { store, snapshot };
}

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
    // In-app links navigate without unloading the page, so ask here too.
    const confirmLeave = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.origin !== window.location.origin) return;
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (!window.confirm("Some changes are not saved yet. Leave this article anyway? They stay in this browser and are saved when you come back.")) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("click", confirmLeave, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("click", confirmLeave, true);
    };
  }, [snapshot.unsaved]);

  return { store, snapshot };
}

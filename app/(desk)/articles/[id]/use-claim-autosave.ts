"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { ClaimDraftStore, SIGNED_IN_KEY, type SaveClaimFn } from "@/lib/claim-drafts";
import type { ClaimDto } from "@/lib/claims";
import { browserStorage } from "@/lib/text-edit-draft";

/**
 * Binds a ClaimDraftStore to React for the signed-in user, asks before
 * leaving with unsaved changes, and stops when another tab signs out or signs
 * in as someone else (this page would otherwise save as them).
 */
export function useClaimAutosave<P>(initial: ClaimDto[], save: SaveClaimFn, place: (claim: ClaimDto) => P, userId: string) {
  const [store] = useState(() => new ClaimDraftStore(initial, { save, place, userId, storage: browserStorage() }));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

  useEffect(() => {
    store.start();
    const onStorage = (event: StorageEvent) => {
      if (event.key === SIGNED_IN_KEY && event.newValue !== userId) store.close("owner-changed");
    };
    window.addEventListener("storage", onStorage);
    return () => {
      window.removeEventListener("storage", onStorage);
      store.dispose();
    };
  }, [store, userId]);

  // The page now belongs to nobody or to another account: load it again as whoever is signed in.
  useEffect(() => {
    if (snapshot.closed === "owner-changed") window.location.reload();
  }, [snapshot.closed]);

  useEffect(() => {
    if (snapshot.unsaved === 0) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (store.getSnapshot().unsaved === 0) return; // discarded meanwhile (signing out)
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
  }, [snapshot.unsaved, store]);

  return { store, snapshot };
}

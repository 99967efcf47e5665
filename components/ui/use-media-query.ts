"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether a CSS media query matches, kept in step with the window (a tablet
 * turned on its side, a desktop window narrowed). The server has no window:
 * it answers `serverValue`.
 */
export function useMediaQuery(query: string, serverValue = true): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}

/** Tailwind's `lg` breakpoint (64rem): from here the workspace shows the claim list and panel beside the article. */
export const WIDE_WORKSPACE = "(min-width: 64rem)";

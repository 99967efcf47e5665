"use client";

import { useEffect, useState } from "react";
import { absoluteTime, relativeTime } from "@/lib/relative-time";
import { cn } from "@/lib/utils";

/** The current time, refreshed every minute so "5 minutes ago" stays true. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "5 minutes ago · 25 Nov 2026, 16:30", machine-readable through <time dateTime>. */
export function Timestamp({ iso, now, className }: { iso: string; now: number; className?: string }) {
  const absolute = absoluteTime(iso);
  return (
    <time dateTime={iso} title={absolute} className={cn("text-xs text-muted", className)}>
      {relativeTime(iso, now)} <span aria-hidden>·</span> {absolute}
    </time>
  );
}

"use client";

import * as React from "react";
import { cn } from "@/lib/utils";

/**
 * A wide table's own sideways-scrolling box, so the page itself never scrolls
 * sideways on a phone. A named region; while its content is wider than the
 * box it is also a tab stop (arrow keys scroll it), and only then: on a wide
 * screen, where nothing scrolls, it adds no stop to the tab order.
 */
export function ScrollBox({ label, className, children, ...props }: React.ComponentProps<"div"> & { label: string }) {
  const ref = React.useRef<HTMLDivElement | null>(null);
  const [scrolls, setScrolls] = React.useState(false);
  React.useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      role="region"
      aria-label={label}
      tabIndex={scrolls ? 0 : undefined}
      className={cn("overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand", className)}
      {...props}
    >
      {children}
    </div>
  );
}

/** A ScrollBox that is also the table's card (the look of components/ui/card.tsx Card). */
export function ScrollCard({ className, ...props }: React.ComponentProps<typeof ScrollBox>) {
  return <ScrollBox className={cn("rounded-lg border border-line bg-paper shadow-sm", className)} {...props} />;
}

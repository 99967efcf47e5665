"use client";

import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import * as React from "react";
import { cn } from "@/lib/utils";

export const Sheet = DialogPrimitive.Root;

/**
 * A panel sliding up from the bottom of a narrow screen, over the page: a
 * modal dialog (Radix: focus kept inside, Escape and a tap outside close it,
 * the page behind does not scroll), with its own title and close button. It
 * scrolls inside itself and takes at most about 60 % of the screen's height,
 * so what opened it (a highlight in the article) stays visible above it.
 */
export function SheetContent({
  heading,
  closeLabel,
  bodyClassName,
  className,
  children,
  ...props
}: React.ComponentProps<typeof DialogPrimitive.Content> & { heading: React.ReactNode; closeLabel: string; bodyClassName?: string }) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/15" />
      <DialogPrimitive.Content
        aria-describedby={undefined}
        className={cn(
          "fixed inset-x-0 bottom-0 z-50 flex max-h-[60dvh] flex-col rounded-t-xl border-t border-line bg-white shadow-[0_-8px_24px_rgba(15,23,42,0.18)] outline-none md:max-h-[55dvh]",
          className,
        )}
        {...props}
      >
        <div className="flex shrink-0 items-center justify-between gap-3 border-b border-line px-4 py-2">
          <DialogPrimitive.Title className="min-w-0 truncate text-sm font-semibold">{heading}</DialogPrimitive.Title>
          <DialogPrimitive.Close
            className="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-ink hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
          >
            <X aria-hidden className="size-4" />
            {closeLabel}
          </DialogPrimitive.Close>
        </div>
        <div className={cn("min-h-0 flex-1 overflow-y-auto overscroll-contain p-4", bodyClassName)}>{children}</div>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

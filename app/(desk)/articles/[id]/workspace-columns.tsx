"use client";

import type { ReactNode, RefObject } from "react";
import { Sheet, SheetContent } from "@/components/ui/sheet";

// The workspace's two side columns. From `lg` up they are columns beside the
// article, as they always were; on narrower screens each is a sheet over the
// article (components/ui/sheet.tsx), so the claim form opens where the
// highlight is instead of thousands of pixels below it. The columns' cards
// lose their border and padding inside a sheet, which has its own.
const FLAT_CARD = "*:border-0 *:bg-transparent *:p-0 *:shadow-none";

export function ClaimListColumn({
  wide,
  count,
  open,
  onOpenChange,
  chosenRef,
  children,
}: {
  wide: boolean;
  count: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Set when a claim was chosen in the list: its own sheet takes the focus, not the Claims button. */
  chosenRef: RefObject<boolean>;
  children: ReactNode;
}) {
  if (wide) {
    return (
      <aside aria-labelledby="claims-heading" className="order-2 xl:order-1">
        {children}
      </aside>
    );
  }
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent
        heading={
          <>
            Claims <span className="font-normal text-muted">({count})</span>
          </>
        }
        closeLabel="Close claims"
        // The sheet's title names the list; the column's own heading would say it twice.
        bodyClassName={`${FLAT_CARD} [&_#claims-heading]:hidden`}
        onCloseAutoFocus={(event) => {
          if (chosenRef.current) event.preventDefault();
          chosenRef.current = false;
        }}
      >
        {children}
      </SheetContent>
    </Sheet>
  );
}

export function ClaimDetailsColumn({
  wide,
  open,
  onClose,
  onOpenAutoFocus,
  onCloseAutoFocus,
  children,
}: {
  wide: boolean;
  /** A claim is open (narrow screens: the sheet shows it). */
  open: boolean;
  onClose: () => void;
  onOpenAutoFocus: (event: Event) => void;
  onCloseAutoFocus: (event: Event) => void;
  children: ReactNode;
}) {
  if (wide) {
    return (
      <aside aria-label="Claim details" className="order-3">
        {children}
      </aside>
    );
  }
  return (
    <Sheet open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <SheetContent
        heading="Claim details"
        closeLabel="Close claim"
        data-claim-sheet=""
        bodyClassName={FLAT_CARD}
        onOpenAutoFocus={onOpenAutoFocus}
        onCloseAutoFocus={onCloseAutoFocus}
      >
        {children}
      </SheetContent>
    </Sheet>
  );
}

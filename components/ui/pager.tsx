import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * Previous / Next links of a paged list, with what the page holds said first
 * ("Articles 51–100 of 240 · page 2 of 5"). At either end the link is shown
 * greyed and inert, so the controls do not jump about.
 */
export function Pager({ summary, page, pageCount, hrefFor }: { summary: string; page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const inert = cn(buttonVariants({ variant: "secondary", size: "sm" }), "pointer-events-none opacity-50");
  const live = buttonVariants({ variant: "secondary", size: "sm" });
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-muted" aria-live="polite">
        {summary}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefFor(page - 1)} className={live} rel="prev">
            <ChevronLeft aria-hidden /> Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={inert}>
            <ChevronLeft aria-hidden /> Previous
          </span>
        )}
        {page < pageCount ? (
          <Link href={hrefFor(page + 1)} className={live} rel="next">
            Next <ChevronRight aria-hidden />
          </Link>
        ) : (
          <span aria-disabled="true" className={inert}>
            Next <ChevronRight aria-hidden />
          </span>
        )}
      </div>
    </nav>
  );
}

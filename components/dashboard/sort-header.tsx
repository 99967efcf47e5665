"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { cn } from "@/lib/utils";

/**
 * A sortable column header: a real button inside the <th>, with aria-sort on
 * the header. Clicking the current column flips its direction; another column
 * starts in its natural direction. The order lives in the URL (back to page 1).
 */
export function SortHeader({
  label,
  sortKey,
  current,
  dir,
  defaultDir,
  className,
}: {
  label: string;
  sortKey: string;
  current: string;
  dir: "asc" | "desc";
  defaultDir: "asc" | "desc";
  className?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const active = current === sortKey;
  const nextDir = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
  const Icon = active ? (dir === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={cn("px-3 py-2 font-medium", className)}>
      <button
        type="button"
        className={cn("inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-ink", active && "text-ink")}
        onClick={() => {
          const next = new URLSearchParams(params.toString());
          next.set("sort", sortKey);
          next.set("dir", nextDir);
          next.delete("page");
          router.push(`${pathname}?${next.toString()}`);
        }}
      >
        {label}
        <Icon aria-hidden className={cn("size-3.5", !active && "opacity-40")} />
      </button>
    </th>
  );
}

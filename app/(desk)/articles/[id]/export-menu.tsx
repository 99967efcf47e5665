"use client";

import { BadgeCheck, ChevronDown, Download, FileCode2, FileJson, FileSpreadsheet, FileText, Highlighter, type LucideIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuShortcut,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { EXPORT_FORMAT_INFO, EXPORT_FORMAT_KEYS, type ExportFormat } from "@/lib/export/formats";

// The client-safe half of the format table (no renderers in the browser bundle).
const ICONS: Record<ExportFormat, LucideIcon> = {
  html: FileCode2,
  markdown: FileText,
  json: FileJson,
  "web-annotation": Highlighter,
  claimreview: BadgeCheck,
  csv: FileSpreadsheet,
};
const FORMATS = EXPORT_FORMAT_KEYS.map((key) => ({ key, ...EXPORT_FORMAT_INFO[key], Icon: ICONS[key] }));

type Scope = "all" | "approved";

export function exportUrl(articleId: string, format: string, scope: Scope, revision?: number) {
  return `/api/articles/${encodeURIComponent(articleId)}/export/${format}?scope=${scope}${revision === undefined ? "" : `&revision=${revision}`}`;
}

/**
 * Starts a real download of the route's file. The link is never put in the
 * page: the workspace asks before following same-origin links while claims are
 * unsaved, and a download leaves the page where it is.
 */
function download(url: string) {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  link.rel = "noopener";
  link.click();
}

/**
 * "Export": the article and its claims as a file. Working exports include all
 * claims by default (a reviewer's or editor's own copy of where the check
 * stands); "Approved only" gives what the desk has signed off.
 */
export function ExportMenu({ articleId, revision }: { articleId: string; /** An old revision's text and anchors instead of the current text. */ revision?: number }) {
  const [scope, setScope] = useState<Scope>("all");
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while
    // its controls stay focusable (axe aria-hidden-focus). The menu still traps
    // Tab, and Escape or a click outside closes it.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="secondary">
          <Download aria-hidden />
          Export
          <ChevronDown aria-hidden className="-mr-1 text-muted" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-[22rem]">
        <DropdownMenuLabel>Claims to include</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={scope} onValueChange={(value) => setScope(value as Scope)}>
          {/* Choosing the scope keeps the menu open: the format comes next. */}
          <DropdownMenuRadioItem value="all" onSelect={(event) => event.preventDefault()}>
            All claims
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="approved" onSelect={(event) => event.preventDefault()}>
            Approved only
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Download as</DropdownMenuLabel>
        <DropdownMenuGroup>
          {FORMATS.map((format) => (
            <DropdownMenuItem
              key={format.key}
              aria-label={format.label}
              aria-describedby={`export-${format.key}-description`}
              className="items-start"
              onSelect={() => download(exportUrl(articleId, format.key, scope, revision))}
            >
              <format.Icon aria-hidden className="mt-0.5 text-muted" />
              <span className="grid min-w-0 gap-0.5">
                <span className="font-medium">{format.label}</span>
                <span id={`export-${format.key}-description`} className="text-xs leading-snug text-muted">
                  {format.description}
                </span>
              </span>
              <DropdownMenuShortcut aria-hidden className="mt-0.5 pl-2">
                .{format.extension.split(".").pop()}
              </DropdownMenuShortcut>
            </DropdownMenuItem>
          ))}
        </DropdownMenuGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

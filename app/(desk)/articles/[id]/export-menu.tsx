"use client";

import { BadgeCheck, ChevronDown, Download, FileCode2, FileJson, FileSpreadsheet, FileText, Highlighter } from "lucide-react";
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

// The menu lists the formats itself rather than importing lib/export: the
// renderers are server code and have no business in the browser bundle.
const FORMATS = [
  { key: "html", label: "HTML", hint: ".html", Icon: FileCode2 },
  { key: "markdown", label: "Markdown", hint: ".md", Icon: FileText },
  { key: "json", label: "JSON", hint: ".json", Icon: FileJson },
  { key: "web-annotation", label: "W3C Web Annotation", hint: ".jsonld", Icon: Highlighter },
  { key: "claimreview", label: "ClaimReview", hint: ".jsonld", Icon: BadgeCheck },
  { key: "csv", label: "CSV", hint: ".csv", Icon: FileSpreadsheet },
] as const;

type Scope = "all" | "approved";

export function exportUrl(articleId: string, format: string, scope: Scope) {
  return `/api/articles/${encodeURIComponent(articleId)}/export/${format}?scope=${scope}`;
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
export function ExportMenu({ articleId }: { articleId: string }) {
  const [scope, setScope] = useState<Scope>("all");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="secondary">
          <Download aria-hidden />
          Export
          <ChevronDown aria-hidden className="-mr-1 text-muted" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
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
            <DropdownMenuItem key={format.key} onSelect={() => download(exportUrl(articleId, format.key, scope))}>
              <format.Icon aria-hidden className="text-muted" />
              {format.label}
              <DropdownMenuShortcut aria-hidden>{format.hint}</DropdownMenuShortcut>
            </DropdownMenuItem>
          ))}
        </DropdownMenuGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

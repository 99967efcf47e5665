"use client";

import { Search } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { isTypingTarget } from "@/lib/keyboard";

/**
 * The desk-wide search box in the header: a plain GET form to /search, so it
 * works before hydration. `/` focuses it from anywhere except while typing
 * in a field or the article editor.
 */
export function HeaderSearch() {
  const input = useRef<HTMLInputElement>(null);
  const pathname = usePathname();
  const params = useSearchParams();
  // On the results page the box shows what was searched for.
  const current = pathname === "/search" ? (params.get("q") ?? "") : "";

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || event.isComposing) return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return <SearchForm inputRef={input} defaultValue={current} />;
}

/** The form alone (also the server-rendered fallback while search params are not yet known). */
export function SearchForm({ inputRef, defaultValue = "" }: { inputRef?: React.Ref<HTMLInputElement>; defaultValue?: string }) {
  return (
    <form role="search" aria-label="Search the desk" action="/search" method="get" className="relative w-full">
      <label htmlFor="desk-search" className="sr-only">
        Search
      </label>
      <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
      <input
        ref={inputRef}
        key={defaultValue}
        id="desk-search"
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder="Search"
        aria-keyshortcuts="/"
        maxLength={500}
        autoComplete="off"
        enterKeyHint="search"
        className="h-9 w-full rounded-md border border-line bg-slate-50 pl-8 pr-8 text-sm placeholder:text-slate-500 focus:border-brand focus:bg-white focus:outline-none focus:ring-2 focus:ring-brand/30"
      />
      <kbd aria-hidden className="pointer-events-none absolute right-2 top-1/2 hidden -translate-y-1/2 rounded border border-line bg-white px-1.5 text-xs text-slate-500 sm:block">
        /
      </kbd>
    </form>
  );
}

"use client";

import { Check, Copy } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** A password shown once: read-only, selectable, with a Copy button. */
export function OneTimePassword({ password, label = "One-time password" }: { password: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, or permission refused): select it for Ctrl+C instead.
      inputRef.current?.select();
      setCopied("failed");
    }
  }
  return (
    <div className="grid gap-1.5">
      <label htmlFor="one-time-password" className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id="one-time-password"
          readOnly
          value={password}
          onFocus={(e) => e.currentTarget.select()}
          className="h-10 w-full rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-base tracking-wide text-ink"
          spellCheck={false}
        />
        <Button variant="secondary" className="h-10" onClick={copy}>
          {copied === "yes" ? <Check aria-hidden /> : <Copy aria-hidden />}
          Copy
        </Button>
      </div>
      <p role="status" className="min-h-4 text-xs text-slate-600">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Copying is not allowed here: press Ctrl+C (⌘C) to copy the selected password." : ""}
      </p>
    </div>
  );
}

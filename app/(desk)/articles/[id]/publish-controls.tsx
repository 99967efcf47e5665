"use client";

import { formatDateTimeUtc } from "@/lib/format";
import { ExternalLink, Globe, GlobeLock } from "lucide-react";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { AlertDialog, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogTitle } from "@/components/ui/dialog";
import { publishArticleAction, unpublishArticleAction } from "./publish-actions";

type Scope = "approved" | "all";

const SCOPES: { value: Scope; label: string; hint: string }[] = [
  { value: "approved", label: "Approved claims only", hint: "Recommended: only verdicts an editor has approved." },
  { value: "all", label: "All claims", hint: "Includes claims still open or in review, and proposed verdicts." },
];



/** Publish / Unpublish for editors and admins (the page renders it only for them; the server checks again). */
export function PublishControls({ articleId, ...initial }: { articleId: string; publishedAt: string | null; publishedScope: Scope | null }) {
  // Kept here rather than refreshing the page: a refresh would reload every claim of the workspace.
  const [{ publishedAt, publishedScope }, setPublication] = useState(initial);
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<Scope>("approved");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The button pressed disappears with the change: keyboard focus goes to its counterpart.
  const publishRef = useRef<HTMLButtonElement>(null);
  const unpublishRef = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    // Once the action has finished: the buttons are disabled, and unfocusable, while it runs.
    if (!moveFocus.current || pending) return;
    moveFocus.current = false;
    (publishedAt ? unpublishRef : publishRef).current?.focus();
  }, [publishedAt, pending]);

  function run(action: () => ReturnType<typeof publishArticleAction>, after?: () => void) {
    setError(null);
    startTransition(async () => {
      try {
        const result = await action();
        if (!result.ok) {
          setError(result.error.message);
          return;
        }
        moveFocus.current = true;
        setPublication(result.data);
        after?.();
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
      }
    });
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {publishedAt ? (
        <>
          <span role="status" className="inline-flex items-center gap-1.5 rounded-full border border-green-200 bg-green-50 px-2.5 py-1 text-xs font-medium text-green-800">
            <Globe aria-hidden className="size-3.5" />
            Published {formatDateTimeUtc(publishedAt)} · {publishedScope === "all" ? "all claims" : "approved claims"}
          </span>
          <Button asChild variant="secondary">
            <a href={`/published/${articleId}`} target="_blank" rel="noopener">
              <ExternalLink aria-hidden />
              View published page
            </a>
          </Button>
          <Button ref={unpublishRef} variant="secondary" disabled={pending} onClick={() => run(() => unpublishArticleAction({ articleId }))}>
            <GlobeLock aria-hidden />
            {pending ? "Unpublishing…" : "Unpublish"}
          </Button>
        </>
      ) : (
        <AlertDialog open={open} onOpenChange={setOpen}>
          <Button ref={publishRef} onClick={() => setOpen(true)}>
            <Globe aria-hidden />
            Publish
          </Button>
          <AlertDialogContent
            onCloseAutoFocus={(event) => {
              // Cancelled: back to Publish. Published: the effect above focuses Unpublish.
              event.preventDefault();
              if (!moveFocus.current) publishRef.current?.focus();
            }}
          >
            <AlertDialogTitle>Publish this fact-check?</AlertDialogTitle>
            <AlertDialogDescription>
              Anyone with the link can read the article with its highlighted claims, verdicts and sources, without signing in. Search engines
              receive the verdicts as ClaimReview data. You can unpublish at any time.
            </AlertDialogDescription>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium text-slate-700">Claims shown on the public page</legend>
              {SCOPES.map((s) => (
                <label key={s.value} className="flex cursor-pointer items-start gap-2 rounded-md border border-line p-3 text-sm has-[:checked]:border-brand has-[:checked]:bg-blue-50/50">
                  <input type="radio" name="publish-scope" className="mt-0.5" value={s.value} checked={scope === s.value} onChange={() => setScope(s.value)} />
                  <span>
                    <span className="font-medium">{s.label}</span>
                    <span className="block text-muted">{s.hint}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {error ? <Alert>{error}</Alert> : null}
            <div className="flex justify-end gap-2">
              <AlertDialogCancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialogCancel>
              <Button disabled={pending} onClick={() => run(() => publishArticleAction({ articleId, scope }), () => setOpen(false))}>
                {pending ? "Publishing…" : "Publish now"}
              </Button>
            </div>
          </AlertDialogContent>
        </AlertDialog>
      )}
      {error && !open ? <Alert className="basis-full">{error}</Alert> : null}
    </div>
  );
}

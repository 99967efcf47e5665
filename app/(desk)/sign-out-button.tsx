"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "@/components/ui/dialog";
import { discardDraftsOf, markSignedIn, unsavedDraftCount } from "@/lib/claim-drafts";

const browserStorage = () => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * Signs out and removes the user's drafts from this browser, so the next
 * person on it never sees or sends them. With unsaved changes it asks first.
 */
export function SignOutButton({ userId }: { userId: string }) {
  const [unsaved, setUnsaved] = useState(0);

  // This browser's desk pages now belong to this user (tabs of another account stop saving).
  useEffect(() => markSignedIn(browserStorage(), userId), [userId]);

  const signOutNow = () => {
    setUnsaved(0);
    discardDraftsOf(browserStorage(), userId);
    void signOut({ callbackUrl: "/login" });
  };
  const ask = () => {
    const count = unsavedDraftCount(browserStorage(), userId);
    if (count === 0) signOutNow();
    else setUnsaved(count);
  };

  return (
    <>
      {/* On a phone only the icon shows (the header has no room for the words); the name stays "Sign out". */}
      <Button variant="ghost" size="sm" className="px-2 sm:px-3" title="Sign out" onClick={ask}>
        <LogOut aria-hidden />
        <span className="sr-only sm:not-sr-only">Sign out</span>
      </Button>
      <AlertDialog open={unsaved > 0} onOpenChange={(open) => !open && setUnsaved(0)}>
        <AlertDialogContent>
          <AlertDialogTitle>Sign out with unsaved changes?</AlertDialogTitle>
          <AlertDialogDescription>
            {unsaved === 1 ? "1 claim has changes" : `${unsaved} claims have changes`} that are not saved on the server. Signing out removes them from this
            browser, so they will be lost. To keep them, stay signed in until they are saved.
          </AlertDialogDescription>
          <div className="flex flex-wrap justify-end gap-2">
            <AlertDialogCancel asChild>
              <Button variant="secondary">Stay signed in</Button>
            </AlertDialogCancel>
            <AlertDialogAction asChild>
              <Button variant="destructive" onClick={signOutNow}>
                Sign out and discard
              </Button>
            </AlertDialogAction>
          </div>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

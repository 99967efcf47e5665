"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { signOutOtherBrowsersAction } from "./actions";

/** "Sign out other browsers": a lost phone or a shared computer, without changing the password. */
export function OtherBrowsers({ others }: { others: number }) {
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [count, setCount] = useState(others);

  function signOutOthers() {
    startTransition(async () => {
      try {
        const result = await signOutOtherBrowsersAction();
        if (result.ok) {
          setCount(0);
          const { ended } = result.data;
          setNotice({ tone: "info", text: `Signed out ${ended} other ${ended === 1 ? "browser" : "browsers"}. This one stays signed in.` });
        } else setNotice({ tone: "error", text: result.error.message });
      } catch {
        setNotice({ tone: "error", text: "Could not reach the server. Check your connection and try again." });
      }
    });
  }

  return (
    <section aria-labelledby="other-browsers" className="mt-4 rounded-lg border border-line bg-white p-6 shadow-sm">
      <h2 id="other-browsers" className="text-base font-semibold">
        Other browsers
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600">
        {count === 0
          ? "This is the only browser signed in to your account."
          : `Your account is also signed in on ${count} other ${count === 1 ? "browser" : "browsers"}. Signing them out keeps your password and this browser.`}
      </p>
      {notice ? (
        <Alert tone={notice.tone} className="mb-3">
          {notice.text}
        </Alert>
      ) : null}
      <Button variant="secondary" className="w-full" disabled={pending} onClick={signOutOthers}>
        {pending ? "Signing out…" : "Sign out other browsers"}
      </Button>
    </section>
  );
}

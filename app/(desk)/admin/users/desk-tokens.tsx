"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { AdminTokenDto } from "@/db/queries/tokens";
import { formatDateTimeUtc } from "@/lib/format";
import { revokeTokenAction } from "@/app/(auth)/account/password/token-actions";

/**
 * "API tokens" on the accounts page: every live token on the desk with its
 * owner and last use, so an admin can revoke one that leaked or outlived its
 * purpose. Disabling an account already stops all of its tokens.
 */
export function DeskTokens({ initial }: { initial: AdminTokenDto[] }) {
  const [tokens, setTokens] = useState(initial);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke(token: AdminTokenDto) {
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await revokeTokenAction({ tokenId: token.id });
        if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
        setTokens((list) => list.filter((t) => t.id !== token.id));
        setMessage({ tone: "info", text: `Revoked “${token.name}” of ${token.ownerName}. Requests with it are refused from now on.` });
      } catch {
        setMessage({ tone: "error", text: "Could not reach the server. Check your connection and try again." });
      }
    });
  }

  return (
    <section aria-labelledby="desk-tokens" className="mt-8">
      <h2 id="desk-tokens" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600">Live personal access tokens of every account. A token acts with its owner&apos;s current role.</p>
      {message ? (
        <Alert tone={message.tone} className="mt-3" role={message.tone === "error" ? "alert" : "status"}>
          {message.text}
        </Alert>
      ) : null}
      {tokens.length ? (
        <ul aria-label="Live API tokens" className="mt-3 grid gap-2">
          {tokens.map((t) => (
            <li key={t.id} aria-label={`${t.name} (${t.ownerName})`} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-line bg-white p-3 text-sm">
              <div className="min-w-0">
                <p className="break-all font-medium">
                  {t.name} <span className="font-normal text-slate-600">· {t.ownerName}</span>
                </p>
                <p className="text-xs text-slate-600">
                  <code>{t.prefix}…</code> · {t.scope === "write" ? "read and write" : "read only"} · {t.lastUsedAt ? `last used ${formatDateTimeUtc(t.lastUsedAt)}` : "never used"} · expires{" "}
                  {formatDateTimeUtc(t.expiresAt)}
                </p>
              </div>
              <Button variant="secondary" size="sm" disabled={pending} onClick={() => revoke(t)} aria-label={`Revoke ${t.name} of ${t.ownerName}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-slate-600">No account has a live token.</p>
      )}
    </section>
  );
}

"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { OneTimePassword } from "@/components/ui/one-time-password";
import type { TokenDto } from "@/db/queries/tokens";
import { formatDateTimeUtc } from "@/lib/format";
import { createTokenAction, revokeTokenAction } from "./token-actions";

const EXPIRY_CHOICES = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
];

const STATE_LABEL: Record<TokenDto["state"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

/**
 * "Tokens": personal access tokens for the HTTP API (/api/v1). A new token's
 * secret is shown once, here, in the "New token" field; the list shows what
 * the server keeps (name, scope, first characters, last use) and revokes.
 */
export function Tokens({ initial }: { initial: TokenDto[] }) {
  const [tokens, setTokens] = useState(initial);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = { name: String(data.get("tokenName") ?? ""), scope: String(data.get("tokenScope") ?? ""), expiresInDays: Number(data.get("tokenExpiry")) };
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await createTokenAction(input);
        if (!result.ok) {
          setErrors(result.error.fieldErrors ?? {});
          if (!result.error.fieldErrors?.name) setMessage(result.error.message);
          return;
        }
        setErrors({});
        setCreated({ name: result.data.token.name, secret: result.data.secret });
        setTokens((list) => [result.data.token, ...list]);
        form.reset();
      } catch {
        setMessage("Could not reach the server. Check your connection and try again.");
      }
    });
  }

  function revoke(token: TokenDto) {
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await revokeTokenAction({ tokenId: token.id });
        if (!result.ok) return setMessage(result.error.message);
        setTokens((list) => list.map((t) => (t.id === token.id ? result.data : t)));
      } catch {
        setMessage("Could not reach the server. Check your connection and try again.");
      }
    });
  }

  return (
    <section aria-labelledby="tokens" className="mt-4 rounded-lg border border-line bg-white p-6 shadow-sm">
      <h2 id="tokens" className="text-base font-semibold">
        Tokens
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600">
        Personal access tokens let scripts and other systems use the Claimdesk API as you, with your role. Send one as{" "}
        <code className="text-xs">Authorization: Bearer …</code>. See the <a className="text-brand underline" href="/api/docs">API reference</a>.
      </p>
      {message ? (
        <Alert className="mb-3" role="alert">
          {message}
        </Alert>
      ) : null}
      {created ? (
        <div className="mb-4 grid gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
          <OneTimePassword password={created.secret} label="New token" />
          <p className="text-xs text-slate-700">
            Copy “{created.name}” now: it is shown only this once. Claimdesk keeps only a fingerprint of it.
          </p>
          <Button variant="secondary" size="sm" onClick={() => setCreated(null)}>
            Done
          </Button>
        </div>
      ) : null}
      <form onSubmit={onCreate} noValidate className="grid gap-3">
        <Field id="tokenName" label="Token name" error={errors.name} hint="What will use it, e.g. “CMS import”.">
          <Input id="tokenName" name="tokenName" required maxLength={100} autoComplete="off" />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id="tokenScope" label="Scope" error={errors.scope}>
            <NativeSelect id="tokenScope" name="tokenScope" defaultValue="read">
              <option value="read">Read</option>
              <option value="write">Read and write</option>
            </NativeSelect>
          </Field>
          <Field id="tokenExpiry" label="Expires after" error={errors.expiresInDays}>
            <NativeSelect id="tokenExpiry" name="tokenExpiry" defaultValue="90">
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.days} value={c.days}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Working…" : "Create token"}
        </Button>
      </form>
      {tokens.length ? (
        <ul aria-label="Your tokens" className="mt-4 grid gap-2">
          {tokens.map((t) => (
            <li key={t.id} aria-label={t.name} className="rounded-md border border-line p-3 text-sm">
              <div className="flex items-baseline justify-between gap-2">
                <span className="break-all font-medium">{t.name}</span>
                <span className={t.state === "active" ? "text-xs text-emerald-800" : "text-xs text-slate-600"}>{STATE_LABEL[t.state]}</span>
              </div>
              <p className="mt-1 text-xs text-slate-600">
                <code>{t.prefix}…</code> · {t.scope === "write" ? "read and write" : "read only"} ·{" "}
                {t.lastUsedAt ? `last used ${formatDateTimeUtc(t.lastUsedAt)}` : "never used"} ·{" "}
                {t.state === "revoked" && t.revokedAt ? `revoked ${formatDateTimeUtc(t.revokedAt)}` : `expires ${formatDateTimeUtc(t.expiresAt)}`}
              </p>
              {t.state === "active" ? (
                <Button variant="secondary" size="sm" className="mt-2" disabled={pending} onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>
                  Revoke
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-sm text-slate-600">You have no tokens yet.</p>
      )}
    </section>
  );
}

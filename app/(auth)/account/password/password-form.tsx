"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { changePasswordAction } from "./actions";

const MIN = 12;

export function PasswordForm({ email, askCurrent }: { email: string; askCurrent: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      currentPassword: askCurrent ? String(data.get("currentPassword") ?? "") : undefined,
      newPassword: String(data.get("newPassword") ?? ""),
      confirmPassword: String(data.get("confirmPassword") ?? ""),
    };
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await changePasswordAction(input);
        if (!result.ok) {
          const fieldErrors = result.error.fieldErrors ?? {};
          setErrors(fieldErrors);
          if (!Object.keys(fieldErrors).length) setMessage(result.error.message);
          const first = ["currentPassword", "newPassword", "confirmPassword"].find((k) => fieldErrors[k]);
          if (first) formRef.current?.querySelector<HTMLElement>(`#${first}`)?.focus();
          return;
        }
        setErrors({});
        // This browser stays signed in (the server ended the account's other sessions).
        router.replace("/articles");
        router.refresh();
      } catch {
        setMessage("Could not reach the server. Check your connection and try again.");
      }
    });
  }

  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="grid gap-4">
      {message ? <Alert>{message}</Alert> : null}
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {askCurrent ? (
        <Field id="currentPassword" label="Current password" error={errors.currentPassword}>
          <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required autoFocus />
        </Field>
      ) : null}
      <Field id="newPassword" label="New password" error={errors.newPassword} hint={`At least ${MIN} characters. A few unrelated words make a strong one.`}>
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required minLength={MIN} autoFocus={!askCurrent} />
      </Field>
      <Field id="confirmPassword" label="Confirm new password" error={errors.confirmPassword}>
        <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set password"}
      </Button>
      <Button variant="link" size="sm" onClick={() => signOut({ callbackUrl: "/login" })}>
        Sign out
      </Button>
    </form>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { SIGN_IN_UNAVAILABLE, throttledMessage } from "@/lib/login-throttle";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The button is disabled while signing in, which drops the keyboard focus;
  // after a failure it goes to the password, ready to be typed again.
  const passwordRef = useRef<HTMLInputElement>(null);
  const retry = () => {
    passwordRef.current?.focus();
    passwordRef.current?.select();
  };

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      try {
        const result = await signIn("credentials", {
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          redirect: false,
        });
        if (!result || result.error) {
          // Same words whether or not the email has an account; so is the wait
          // (it counts attempts made with the email typed, account or not).
          setError(
            throttledMessage(result?.error) ??
              (result?.error === SIGN_IN_UNAVAILABLE
                ? "The server is busy. Try again in a moment."
                : "Wrong email or password. Check both and try again."),
          );
          retry();
          return;
        }
        router.replace(callbackUrl);
        router.refresh();
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
        retry();
      }
    });
  }

  // method="post": if the form is submitted before the page's script has
  // loaded, the browser must not put the password in the address bar.
  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-4" noValidate>
      {error ? <Alert>{error}</Alert> : null}
      <Field id="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label="Password">
        <Input ref={passwordRef} id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

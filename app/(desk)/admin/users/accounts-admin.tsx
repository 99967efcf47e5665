"use client";

import { KeyRound, UserPlus } from "lucide-react";
import { ScrollCard } from "@/components/ui/scroll-box";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { OneTimePassword } from "@/components/ui/one-time-password";
import type { AccountDto } from "@/db/queries/users";
import type { ActionResult } from "@/lib/errors";
import { cn } from "@/lib/utils";
import type { Role } from "@/lib/verdicts";
import { createAccountAction, resetAccountPasswordAction, setAccountDisabledAction, setAccountRoleAction, signOutEverywhereAction } from "./actions";

const ROLE_OPTIONS: { value: Role; label: string; hint: string }[] = [
  { value: "reviewer", label: "Reviewer", hint: "marks claims and proposes verdicts" },
  { value: "editor", label: "Editor", hint: "also approves verdicts and assigns work" },
  { value: "admin", label: "Admin", hint: "also manages accounts and the verdict scale" },
];

type Notice = { tone: "error" | "info"; text: string } | null;
type Secret = { title: string; name: string; email: string; password: string } | null;

const OFFLINE = "Could not reach the server. Check your connection and try again.";

async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch {
    return { ok: false, error: { code: "internal", message: OFFLINE } };
  }
}

export function AccountsAdmin({ accounts, currentUserId }: { accounts: AccountDto[]; currentUserId: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [secret, setSecret] = useState<Secret>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  function show(next: Notice) {
    setNotice(next);
  }
  // A refusal is focused (and so read out and scrolled into view) once it is on screen.
  useEffect(() => {
    if (notice?.tone === "error") noticeRef.current?.focus();
  }, [notice]);

  const active = accounts.filter((a) => !a.disabled).length;

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
        <p className="text-sm text-muted">
          Create accounts for the desk, set what each person may do, and disable accounts that should no longer sign in.
        </p>
      </div>

      {notice ? (
        <Alert ref={noticeRef} tabIndex={-1} tone={notice.tone} className="scroll-mt-20">
          {notice.text}
        </Alert>
      ) : null}

      <Card className="p-5">
        <h2 className="mb-1 flex items-center gap-2 text-base font-semibold">
          <UserPlus aria-hidden className="size-4 text-slate-500" /> New account
        </h2>
        <p className="mb-4 text-sm text-muted">You get a one-time password to pass on; the person chooses their own at first sign-in.</p>
        <CreateAccountForm
          onCreated={(account, password) => {
            show(null);
            setSecret({ title: "Account created", name: account.name, email: account.email, password });
            router.refresh();
          }}
        />
      </Card>

      <ScrollCard label="People">
        <table className="w-full text-left text-sm">
          <caption className="px-4 pb-1 pt-4 text-left">
            <span className="text-base font-semibold">People</span>{" "}
            <span className="text-sm text-muted">
              ({accounts.length} {accounts.length === 1 ? "account" : "accounts"}, {active} active)
            </span>
          </caption>
          <thead className="border-b border-line bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">Role</th>
              <th scope="col" className="px-4 py-3 font-medium">Status</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {accounts.map((a) => (
              <AccountRow
                key={a.id}
                account={a}
                isSelf={a.id === currentUserId}
                onError={(text) => show({ tone: "error", text })}
                onChanged={(text) => {
                  show({ tone: "info", text });
                  router.refresh();
                }}
                onPassword={(password) => {
                  show(null);
                  setSecret({ title: "Password reset", name: a.name, email: a.email, password });
                  router.refresh();
                }}
              />
            ))}
          </tbody>
        </table>
      </ScrollCard>

      <Dialog open={secret !== null} onOpenChange={(open) => (open ? undefined : setSecret(null))}>
        {/* Closing by a stray click outside would lose a password shown only once. */}
        <DialogContent className="w-[min(92vw,32rem)]" onInteractOutside={(e) => e.preventDefault()}>
          {secret ? (
            <>
              <DialogTitle className="flex items-center gap-2">
                <KeyRound aria-hidden className="size-5 text-brand" /> {secret.title}
              </DialogTitle>
              <DialogDescription>
                Give this one-time password to {secret.name} ({secret.email}) in person or by phone, not by email. It is shown only once; at
                their next sign-in they must choose a new password.
              </DialogDescription>
              <OneTimePassword password={secret.password} />
              <div className="flex justify-end">
                <DialogClose asChild>
                  <Button>Done</Button>
                </DialogClose>
              </div>
            </>
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}

function CreateAccountForm({ onCreated }: { onCreated: (account: AccountDto, password: string) => void }) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { name: String(data.get("name") ?? ""), email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "") };
    startTransition(async () => {
      const result = await call(() => createAccountAction(input));
      if (result.ok) {
        setErrors({});
        setMessage(null);
        formRef.current?.reset();
        onCreated(result.data.account, result.data.password);
      } else {
        const fieldErrors = result.error.fieldErrors ?? {};
        setErrors(fieldErrors);
        setMessage(Object.keys(fieldErrors).length ? null : result.error.message);
        const first = ["name", "email", "role"].find((k) => fieldErrors[k]);
        if (first) formRef.current?.querySelector<HTMLElement>(`#new-${first}`)?.focus();
      }
    });
  }

  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="grid gap-4">
      {message ? <Alert>{message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_1fr_12rem]">
        <Field id="new-name" label="Name" error={errors.name}>
          <Input id="new-name" name="name" required maxLength={120} autoComplete="off" />
        </Field>
        <Field id="new-email" label="Email" error={errors.email}>
          <Input id="new-email" name="email" type="email" required maxLength={320} autoComplete="off" />
        </Field>
        <Field id="new-role" label="Role" error={errors.role}>
          <NativeSelect id="new-role" name="role" defaultValue="reviewer">
            {ROLE_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="min-w-0 flex-1 text-xs leading-relaxed text-muted">
          {ROLE_OPTIONS.map((r, i) => (
            <span key={r.value}>
              {i > 0 ? " · " : ""}
              <strong className="font-medium text-slate-700">{r.label}</strong> {r.hint}
            </span>
          ))}
        </p>
        <Button type="submit" disabled={pending} className="self-end sm:self-auto">
          {pending ? "Creating…" : "Create account"}
        </Button>
      </div>
    </form>
  );
}

function StatusBadge({ account }: { account: AccountDto }) {
  if (account.disabled) {
    return <span className="inline-flex rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Disabled</span>;
  }
  if (account.mustChangePassword) {
    return (
      <span className="inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" title="Has a one-time password and has not chosen their own yet">
        Password not set yet
      </span>
    );
  }
  return <span className="inline-flex rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">Active</span>;
}

type Confirm = "disable" | "reset" | "signout";

/** The confirmation dialog of each account action: title, what happens, and the button that does it. */
function confirmText(kind: Confirm, name: string): { title: string; description: string; action: string } {
  switch (kind) {
    case "disable":
      return {
        title: `Disable ${name}?`,
        description: "They are signed out at their next click and cannot sign in until the account is enabled again. Their claims and comments stay.",
        action: "Disable account",
      };
    case "reset":
      return {
        title: `Reset the password of ${name}?`,
        description: "Their current password and open sessions stop working. You get a new one-time password to give them.",
        action: "Reset password",
      };
    case "signout":
      return {
        title: `Sign ${name} out everywhere?`,
        description:
          "Every browser signed in to this account is signed out at its next click (a lost phone, a shared computer). Their password does not change: they can sign in again with it.",
        action: "Sign out everywhere",
      };
  }
}

function AccountRow({
  account,
  isSelf,
  onError,
  onChanged,
  onPassword,
}: {
  account: AccountDto;
  isSelf: boolean;
  onError: (message: string) => void;
  onChanged: (message: string) => void;
  onPassword: (password: string) => void;
}) {
  const [role, setRole] = useState<Role>(account.role);
  const [pending, startTransition] = useTransition();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  // What the dialog shows, kept while it animates closed.
  const [dialog, setDialog] = useState<Confirm>("reset");
  const ask = (kind: Confirm) => {
    setDialog(kind);
    setConfirm(kind);
  };

  function changeRole(next: Role) {
    if (pending) return;
    const previous = role;
    setRole(next);
    startTransition(async () => {
      const result = await call(() => setAccountRoleAction({ userId: account.id, role: next }));
      if (result.ok) {
        const label = ROLE_OPTIONS.find((r) => r.value === next)!.label.toLowerCase();
        onChanged(isSelf ? `${account.name} is now ${label}.` : `${account.name} is now ${label}. They are signed out and sign in again with the new role.`);
      } else {
        setRole(previous);
        onError(result.error.message);
      }
    });
  }

  function setDisabled(disabled: boolean) {
    startTransition(async () => {
      const result = await call(() => setAccountDisabledAction({ userId: account.id, disabled }));
      if (result.ok) onChanged(disabled ? `${account.name} can no longer sign in.` : `${account.name} can sign in again.`);
      else onError(result.error.message);
    });
  }

  function signOutEverywhere() {
    startTransition(async () => {
      const result = await call(() => signOutEverywhereAction({ userId: account.id }));
      if (result.ok) {
        const { ended } = result.data;
        onChanged(`${account.name} is signed out everywhere (${ended} ${ended === 1 ? "browser" : "browsers"}).`);
      } else onError(result.error.message);
    });
  }

  function resetPassword() {
    startTransition(async () => {
      const result = await call(() => resetAccountPasswordAction({ userId: account.id }));
      if (result.ok) onPassword(result.data.password);
      else onError(result.error.message);
    });
  }

  return (
    <tr className={cn("align-middle", account.disabled && "bg-slate-50/60 text-slate-500")}>
      <th scope="row" className="px-4 py-3 font-normal">
        <div className="font-medium text-ink">
          {account.name}
          {isSelf ? <span className="ml-1.5 text-xs font-normal text-muted">(you)</span> : null}
        </div>
        <div className="text-xs text-slate-600">{account.email}</div>
      </th>
      <td className="px-4 py-3">
        <NativeSelect
          aria-label={`Role of ${account.name}`}
          value={role}
          aria-busy={pending || undefined}
          onChange={(e) => changeRole(e.currentTarget.value as Role)}
          className="w-36"
        >
          {ROLE_OPTIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </NativeSelect>
      </td>
      <td className="px-4 py-3">
        <StatusBadge account={account} />
        {account.openSessions > 0 ? (
          <div className="mt-1 whitespace-nowrap text-xs text-slate-600">
            Signed in on {account.openSessions} {account.openSessions === 1 ? "browser" : "browsers"}
          </div>
        ) : null}
      </td>
      <td className="px-4 py-3">
        <div className="flex justify-end gap-2">
          {isSelf ? null : (
            <>
              {account.disabled ? null : (
                <Button variant="secondary" size="sm" disabled={pending} onClick={() => ask("signout")}>
                  Sign out everywhere
                </Button>
              )}
              <Button variant="secondary" size="sm" disabled={pending} onClick={() => ask("reset")}>
                Reset password
              </Button>
              {account.disabled ? (
                <Button variant="secondary" size="sm" className="w-20" disabled={pending} onClick={() => setDisabled(false)}>
                  Enable
                </Button>
              ) : (
                <Button variant="secondary" size="sm" className="w-20 text-red-700" disabled={pending} onClick={() => ask("disable")}>
                  Disable
                </Button>
              )}
            </>
          )}
        </div>
        <AlertDialog open={confirm !== null} onOpenChange={(open) => (open ? undefined : setConfirm(null))}>
          <AlertDialogContent>
            <AlertDialogTitle>{confirmText(dialog, account.name).title}</AlertDialogTitle>
            <AlertDialogDescription>{confirmText(dialog, account.name).description}</AlertDialogDescription>
            <div className="flex justify-end gap-2">
              <AlertDialogCancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialogCancel>
              <AlertDialogAction asChild>
                <Button
                  variant={dialog === "disable" ? "destructive" : "default"}
                  onClick={() => (dialog === "disable" ? setDisabled(true) : dialog === "reset" ? resetPassword() : signOutEverywhere())}
                >
                  {confirmText(dialog, account.name).action}
                </Button>
              </AlertDialogAction>
            </div>
          </AlertDialogContent>
        </AlertDialog>
      </td>
    </tr>
  );
}

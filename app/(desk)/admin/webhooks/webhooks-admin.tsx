"use client";

import { KeyRound, RefreshCw, Webhook } from "lucide-react";
import { ScrollCard } from "@/components/ui/scroll-box";
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
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { OneTimePassword } from "@/components/ui/one-time-password";
import type { WebhookDeliveryDto, WebhookEndpointDto, WebhooksState } from "@/db/queries/webhooks";
import type { ActionResult } from "@/lib/errors";
import { formatDateTimeUtc } from "@/lib/format";
import { cn } from "@/lib/utils";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/webhooks/events";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  listWebhooksAction,
  retryWebhookDeliveryAction,
  rotateWebhookSecretAction,
  setWebhookEndpointEnabledAction,
} from "./actions";

type Notice = { tone: "error" | "info"; text: string } | null;
type Secret = { title: string; url: string; secret: string } | null;

const OFFLINE = "Could not reach the server. Check your connection and try again.";
const EVENT_LABEL = new Map<string, string>(WEBHOOK_EVENTS.map((e) => [e.type, e.label]));

async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch {
    return { ok: false, error: { code: "internal", message: OFFLINE } };
  }
}

/**
 * Admin → Webhooks: register endpoints (the signing secret is shown once),
 * enable, disable, rotate or delete them, and follow recent deliveries.
 */
export function WebhooksAdmin({ initial }: { initial: WebhooksState }) {
  const [state, setState] = useState(initial);
  const [notice, setNotice] = useState<Notice>(null);
  const [secret, setSecret] = useState<Secret>(null);
  const [pending, startTransition] = useTransition();
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice?.tone === "error") noticeRef.current?.focus();
  }, [notice]);

  function run<T>(fn: () => Promise<ActionResult<T>>, done: (data: T) => void) {
    setNotice(null);
    startTransition(async () => {
      const result = await call(fn);
      if (!result.ok) return setNotice({ tone: "error", text: result.error.message });
      done(result.data);
    });
  }

  const refresh = () => run(() => listWebhooksAction(), (next) => setState(next));

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="text-sm text-muted">
          Tell the newsroom&apos;s other systems when a claim is approved or a fact-check is published. Each delivery is a signed POST (Standard
          Webhooks); a receiver that fails is tried again with growing waits.
        </p>
      </div>

      {notice ? (
        <Alert ref={noticeRef} tabIndex={-1} tone={notice.tone} className="scroll-mt-20">
          {notice.text}
        </Alert>
      ) : null}

      <Card className="p-5">
        <h2 className="mb-1 flex items-center gap-2 text-base font-semibold">
          <Webhook aria-hidden className="size-4 text-slate-500" /> New endpoint
        </h2>
        <p className="mb-4 text-sm text-muted">The receiver gets a signing secret, shown once, to check that deliveries come from this desk.</p>
        <CreateEndpointForm
          onCreated={(data) => {
            setNotice(null);
            setState(data.state);
            setSecret({ title: "Endpoint registered", url: data.endpoint.url, secret: data.secret });
          }}
        />
      </Card>

      <section aria-labelledby="webhook-endpoints" className="grid gap-3">
        <h2 id="webhook-endpoints" className="text-lg font-semibold">
          Endpoints
        </h2>
        {state.endpoints.length ? (
          <ul aria-label="Webhook endpoints" className="grid gap-2">
            {state.endpoints.map((endpoint) => (
              <EndpointRow
                key={endpoint.id}
                endpoint={endpoint}
                pending={pending}
                onToggle={() =>
                  run(
                    () => setWebhookEndpointEnabledAction({ endpointId: endpoint.id, enabled: !endpoint.enabled }),
                    (next) => {
                      setState(next);
                      setNotice({ tone: "info", text: endpoint.enabled ? `Disabled ${endpoint.url}: it gets nothing until enabled again.` : `Enabled ${endpoint.url}.` });
                    },
                  )
                }
                onRotate={() =>
                  run(
                    () => rotateWebhookSecretAction({ endpointId: endpoint.id }),
                    (data) => {
                      setState(data.state);
                      setSecret({ title: "New signing secret", url: data.endpoint.url, secret: data.secret });
                    },
                  )
                }
                onDelete={() =>
                  run(
                    () => deleteWebhookEndpointAction({ endpointId: endpoint.id }),
                    (next) => {
                      setState(next);
                      setNotice({ tone: "info", text: `Deleted ${endpoint.url} and its deliveries.` });
                    },
                  )
                }
              />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">No endpoint yet. Register one above.</p>
        )}
      </section>

      <section aria-labelledby="webhook-deliveries" className="grid gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="webhook-deliveries" className="text-lg font-semibold">
            Recent deliveries
          </h2>
          <Button variant="secondary" size="sm" disabled={pending} onClick={refresh}>
            <RefreshCw aria-hidden /> Refresh
          </Button>
        </div>
        {state.deliveries.length ? (
          <ScrollCard label="Table of deliveries">
            <table className="w-full min-w-[52rem] text-left text-sm">
              <caption className="sr-only">Recent deliveries, newest first</caption>
              <thead className="border-b border-line bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Event</th>
                  <th scope="col" className="px-3 py-2 font-medium">Endpoint</th>
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2 font-medium">Attempts</th>
                  <th scope="col" className="px-3 py-2 font-medium">Last response</th>
                  <th scope="col" className="px-3 py-2 font-medium">Next attempt</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {state.deliveries.map((delivery) => (
                  <DeliveryRow
                    key={delivery.id}
                    delivery={delivery}
                    pending={pending}
                    onRetry={() =>
                      run(
                        () => retryWebhookDeliveryAction({ deliveryId: delivery.id }),
                        (next) => {
                          setState(next);
                          setNotice({ tone: "info", text: "Queued again: it goes out within a few seconds. Refresh to see the result." });
                        },
                      )
                    }
                  />
                ))}
              </tbody>
            </table>
          </ScrollCard>
        ) : (
          <p className="text-sm text-muted">Nothing delivered yet. Deliveries appear here when a subscribed event happens.</p>
        )}
      </section>

      <Dialog open={secret !== null} onOpenChange={(open) => (open ? undefined : setSecret(null))}>
        {/* A stray click outside must not lose a secret shown only once. */}
        <DialogContent className="w-[min(92vw,34rem)]" onInteractOutside={(e) => e.preventDefault()}>
          {secret ? (
            <>
              <DialogTitle className="flex items-center gap-2">
                <KeyRound aria-hidden className="size-5 text-brand" /> {secret.title}
              </DialogTitle>
              <DialogDescription className="break-words">
                Configure the receiver at {secret.url} with this secret to verify each delivery&apos;s <code>webhook-signature</code>. It is shown only
                once; if it is lost, rotate the secret.
              </DialogDescription>
              <OneTimePassword password={secret.secret} label="Signing secret" />
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

function CreateEndpointForm({ onCreated }: { onCreated: (data: { endpoint: WebhookEndpointDto; secret: string; state: WebhooksState }) => void }) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { url: String(data.get("url") ?? ""), events: data.getAll("events").map(String) };
    startTransition(async () => {
      const result = await call(() => createWebhookEndpointAction(input));
      if (result.ok) {
        setErrors({});
        setMessage(null);
        formRef.current?.reset();
        onCreated(result.data);
      } else {
        const fieldErrors = result.error.fieldErrors ?? {};
        setErrors(fieldErrors);
        setMessage(Object.keys(fieldErrors).length ? null : result.error.message);
        if (fieldErrors.url) formRef.current?.querySelector<HTMLElement>("#webhook-url")?.focus();
        else if (fieldErrors.events) formRef.current?.querySelector<HTMLElement>("input[name=events]")?.focus();
      }
    });
  }

  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="grid gap-4">
      {message ? <Alert>{message}</Alert> : null}
      <Field id="webhook-url" label="Endpoint URL" error={errors.url} hint="The receiver's full address, e.g. https://cms.example.org/hooks/claimdesk.">
        <Input id="webhook-url" name="url" type="url" required maxLength={2048} autoComplete="off" inputMode="url" placeholder="https://" />
      </Field>
      <fieldset className="grid gap-2" aria-describedby={errors.events ? "webhook-events-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">Events</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event.type} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="events" value={event.type} defaultChecked={event.type === "claim.approved"} className="mt-0.5 size-4 shrink-0 accent-brand" />
            <span>
              <span className="font-medium">{event.label}</span> <code className="text-xs text-slate-600">{event.type}</code>
              <span className="block text-xs text-muted">{event.description}</span>
            </span>
          </label>
        ))}
        {errors.events ? (
          <p id="webhook-events-error" className="text-sm text-red-700">
            {errors.events}
          </p>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          Register endpoint
        </Button>
      </div>
    </form>
  );
}

function EndpointRow({
  endpoint,
  pending,
  onToggle,
  onRotate,
  onDelete,
}: {
  endpoint: WebhookEndpointDto;
  pending: boolean;
  onToggle: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  return (
    <li aria-label={endpoint.url} className="grid gap-3 rounded-md border border-line bg-white p-3 text-sm sm:flex sm:items-center sm:justify-between">
      <div className="min-w-0 sm:flex-1">
        <p className="break-all font-medium">
          {endpoint.url}{" "}
          <span className={cn("ml-1 rounded px-1.5 py-0.5 text-xs font-medium", endpoint.enabled ? "bg-green-100 text-green-800" : "bg-slate-200 text-slate-700")}>
            {endpoint.enabled ? "Enabled" : "Disabled"}
          </span>
        </p>
        <p className="text-xs text-slate-600">
          {endpoint.events.map((e: WebhookEventType) => EVENT_LABEL.get(e) ?? e).join(", ")} · secret <code>{endpoint.secretHint}</code> · added{" "}
          {formatDateTimeUtc(endpoint.createdAt)}
          {endpoint.createdByName ? ` by ${endpoint.createdByName}` : ""}
        </p>
      </div>
      <div className="flex flex-wrap gap-2 sm:shrink-0">
        <Button variant="secondary" size="sm" disabled={pending} onClick={onToggle} aria-label={`${endpoint.enabled ? "Disable" : "Enable"} ${endpoint.url}`}>
          {endpoint.enabled ? "Disable" : "Enable"}
        </Button>
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => setConfirm("rotate")} aria-label={`Rotate the secret of ${endpoint.url}`}>
          Rotate secret
        </Button>
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => setConfirm("delete")} aria-label={`Delete ${endpoint.url}`}>
          Delete
        </Button>
      </div>
      <AlertDialog open={confirm !== null} onOpenChange={(open) => (open ? undefined : setConfirm(null))}>
        <AlertDialogContent>
          <AlertDialogTitle>{confirm === "delete" ? "Delete this endpoint?" : "Rotate the signing secret?"}</AlertDialogTitle>
          <AlertDialogDescription className="break-words">
            {confirm === "delete"
              ? `${endpoint.url} gets no more deliveries, and its queued and past deliveries are removed.`
              : `You get a new secret for ${endpoint.url}, shown once. The current one keeps signing deliveries beside it for 24 hours, while the receiver is switched over.`}
          </AlertDialogDescription>
          <div className="flex justify-end gap-2">
            <AlertDialogCancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialogCancel>
            <AlertDialogAction asChild>
              <Button onClick={confirm === "delete" ? onDelete : onRotate}>{confirm === "delete" ? "Delete endpoint" : "Rotate secret"}</Button>
            </AlertDialogAction>
          </div>
        </AlertDialogContent>
      </AlertDialog>
    </li>
  );
}

const STATUS_STYLE: Record<WebhookDeliveryDto["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  succeeded: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};
const STATUS_LABEL: Record<WebhookDeliveryDto["status"], string> = { pending: "Pending", succeeded: "Delivered", failed: "Failed" };

function DeliveryRow({ delivery, pending, onRetry }: { delivery: WebhookDeliveryDto; pending: boolean; onRetry: () => void }) {
  const response = [delivery.lastHttpStatus ? `HTTP ${delivery.lastHttpStatus}` : null, delivery.lastError].filter(Boolean).join(" · ");
  return (
    <tr aria-label={`${EVENT_LABEL.get(delivery.eventType) ?? delivery.eventType}: ${delivery.subject}`} className="align-top">
      <td className="px-3 py-2">
        <code className="text-xs">{delivery.eventType}</code>
        <span className="block max-w-56 truncate text-xs text-muted" title={delivery.subject}>
          {delivery.subject}
        </span>
        <span className="block text-xs text-slate-500">{formatDateTimeUtc(delivery.createdAt)}</span>
      </td>
      <td className="min-w-48 max-w-64 break-all px-3 py-2 text-xs">{delivery.endpointUrl}</td>
      <td className="px-3 py-2">
        <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", STATUS_STYLE[delivery.status])}>{STATUS_LABEL[delivery.status]}</span>
      </td>
      <td className="px-3 py-2 tabular-nums">{delivery.attempts}</td>
      <td className="max-w-64 break-words px-3 py-2 text-xs">{response || "—"}</td>
      <td className="px-3 py-2 text-xs">{delivery.nextAttemptAt ? formatDateTimeUtc(delivery.nextAttemptAt) : "—"}</td>
      <td className="px-3 py-2 text-right">
        {delivery.status === "failed" ? (
          <Button variant="secondary" size="sm" disabled={pending} onClick={onRetry} aria-label={`Retry now: ${delivery.eventType} to ${delivery.endpointUrl}`}>
            Retry now
          </Button>
        ) : null}
      </td>
    </tr>
  );
}

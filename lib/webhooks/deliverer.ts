import { randomUUID } from "node:crypto";
import { leaseDueDeliveries, pruneDeliveries, settleDelivery, type AttemptOutcome, type LeasedDelivery } from "@/db/queries/webhooks";
import { outboundRequest, OutboundError } from "@/lib/net/outbound";
import { parseRetrySchedule, retryDelay } from "./schedule";
import { signedHeaders } from "./signing";

/**
 * Sends the queued webhook deliveries (the outbox in webhook_deliveries).
 * Every instance runs one, started from instrumentation.ts: each poll leases
 * due rows in one UPDATE … RETURNING (db/queries/webhooks.ts), so instances
 * share the work and never send one row twice at once. A delivery is one
 * POST through the guarded outbound client (the SSRF guard applies at every
 * attempt, after DNS), never following a redirect, with a deadline and a
 * small response limit. 2xx is success; anything else is retried on the
 * back-off schedule (lib/webhooks/schedule.ts). A refused address
 * ("blocked") or a URL that is no longer valid is not retried: it will not
 * get better by waiting.
 *
 * Environment: WEBHOOK_POLL_MS (default 1000), WEBHOOK_TIMEOUT_MS (10000),
 * WEBHOOK_CONCURRENCY (8), WEBHOOK_RETRY_SCHEDULE (see schedule.ts).
 */

export type DelivererOptions = {
  pollMs: number;
  timeoutMs: number;
  concurrency: number;
  schedule: number[];
  /** A response body beyond this is not read (the status is what counts). */
  maxResponseBytes: number;
  owner: string;
};

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}".`);
  return value;
}

export function delivererOptionsFromEnv(): DelivererOptions {
  return {
    pollMs: positiveInt("WEBHOOK_POLL_MS", 1000),
    timeoutMs: positiveInt("WEBHOOK_TIMEOUT_MS", 10_000),
    concurrency: positiveInt("WEBHOOK_CONCURRENCY", 8),
    schedule: parseRetrySchedule(process.env.WEBHOOK_RETRY_SCHEDULE),
    maxResponseBytes: 64 * 1024,
    owner: `${process.pid}-${randomUUID()}`,
  };
}

/** One attempt: the POST and what it means for the delivery. Never throws. */
export async function attemptDelivery(delivery: LeasedDelivery, options: Pick<DelivererOptions, "timeoutMs" | "schedule" | "maxResponseBytes">): Promise<AttemptOutcome> {
  const retry = () => retryDelay(options.schedule, delivery.attempts);
  try {
    const response = await outboundRequest({
      url: delivery.url,
      method: "POST",
      headers: signedHeaders(delivery.secrets, delivery.messageId, delivery.payload),
      body: delivery.payload,
      maxRedirects: 0,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxResponseBytes,
    });
    if (response.status >= 200 && response.status < 300) return { ok: true, httpStatus: response.status, error: null, retryInMs: null };
    const redirect = response.status >= 300 && response.status < 400 ? " (webhooks do not follow redirects: register the final URL)" : "";
    return { ok: false, httpStatus: response.status, error: `The endpoint answered HTTP ${response.status}${redirect}.`, retryInMs: retry() };
  } catch (error) {
    if (error instanceof OutboundError) {
      const final = error.code === "blocked" || error.code === "invalid_url";
      // A too-large answer still arrived: the receiver got the delivery, but a 2xx cannot be confirmed.
      return { ok: false, httpStatus: null, error: `${error.code}: ${error.message}`, retryInMs: final ? null : retry() };
    }
    return { ok: false, httpStatus: null, error: `error: ${error instanceof Error ? error.message : String(error)}`, retryInMs: retry() };
  }
}

export type Deliverer = {
  /** Leases and starts what is due now (the timer calls it; tests call it directly). Resolves when those attempts are settled. */
  tick: () => Promise<number>;
  stop: () => Promise<void>;
  readonly inFlight: number;
};

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const KEEP_SETTLED_MS = 30 * 24 * 60 * 60 * 1000;

/** `poll: false` leaves the timer off, for tests that call `tick` themselves. */
export function createDeliverer(options: DelivererOptions, { poll = true } = {}): Deliverer {
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let polling = false;
  let lastPrune = 0;
  // Long enough that a live attempt (one deadline) always settles before another instance may take the row.
  const leaseMs = options.timeoutMs + 30_000;

  async function deliver(delivery: LeasedDelivery) {
    const outcome = await attemptDelivery(delivery, options);
    try {
      await settleDelivery({ id: delivery.id, owner: options.owner, outcome });
    } catch (error) {
      // The lease runs out and another poll tries again: at least once, never lost.
      console.warn(`Claimdesk webhooks: could not record delivery ${delivery.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function tick(): Promise<number> {
    if (stopped || polling) return 0;
    polling = true;
    let started: Promise<void>[] = [];
    try {
      const free = options.concurrency - running.size;
      const due = await leaseDueDeliveries({ owner: options.owner, limit: free, leaseMs });
      started = due.map((d) => {
        const p = deliver(d).finally(() => running.delete(p));
        running.add(p);
        return p;
      });
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        await pruneDeliveries({ olderThanMs: KEEP_SETTLED_MS });
      }
    } catch (error) {
      console.warn(`Claimdesk webhooks: polling the queue failed (trying again): ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      polling = false;
    }
    await Promise.all(started);
    return started.length;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      // Not awaited: a slow endpoint holds one of `concurrency` places, never the poll.
      void tick();
      schedule();
    }, options.pollMs);
    timer.unref();
  }

  if (poll) schedule();
  return {
    tick,
    get inFlight() {
      return running.size;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...running]);
    },
  };
}

const globalForDeliverer = globalThis as unknown as { claimdeskDeliverer?: Deliverer };

/** Starts this process's deliverer once (instrumentation.ts, at server start). */
export function startWebhookDeliverer(): Deliverer {
  return (globalForDeliverer.claimdeskDeliverer ??= createDeliverer(delivererOptionsFromEnv()));
}

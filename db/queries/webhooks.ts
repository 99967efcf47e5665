import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { z } from "@/lib/zod";
import { getDb, type Db } from "@/db";
import { articles, users, verdictScale, webhookDeliveries, webhookEndpoints, type Claim, type WebhookDeliveryStatus } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { appOrigin } from "@/lib/config";
import type { CorrectionChange, CorrectionKind } from "@/lib/corrections";
import { AppError } from "@/lib/errors";
import { checkOutboundDestination, OutboundError } from "@/lib/net/outbound";
import { idSchema, parseInput } from "@/lib/validation";
import { publishedUrl, webhookMessage, WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookMessage } from "@/lib/webhooks/events";
import { generateWebhookSecret, secretHint } from "@/lib/webhooks/signing";

/**
 * Webhooks: the endpoints an admin registers, the outbox of deliveries, and
 * what the deliverer (lib/webhooks/deliverer.ts) needs to lease and settle
 * them. An event is queued by `webhookEventStatement`, a statement the
 * event's own write adds to its batch: the delivery rows commit or roll back
 * with the event, and the request that caused it only inserts rows; the
 * sending happens later, elsewhere, so a slow endpoint slows no one.
 */

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
/** Endpoints one desk may register: enough for every consumer, few enough to review. */
export const MAX_ENDPOINTS = 50;
/** How many recent deliveries the admin page lists. */
export const DELIVERY_LIST_LIMIT = 100;
/** How long a rotated-out secret still signs deliveries beside the new one. */
export const SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------- queueing events

/**
 * THE way to queue a webhook event: one INSERT … SELECT that writes a
 * pending delivery for every enabled endpoint subscribed to the event's
 * type, and only if `when` holds. Put it in the batch of the write that *is*
 * the event (for a guarded write, with its `applied` condition), never after
 * it: then the deliveries exist exactly when the event happened.
 */
export function webhookEventStatement(db: Db, message: WebhookMessage, when: SQL = sql`1`): BatchItem<"sqlite"> {
  return db.run(sql`INSERT INTO webhook_deliveries (id, message_id, endpoint_id, event_type, payload, status, attempts, next_attempt_at)
    SELECT lower(hex(randomblob(16))), ${message.id}, e.id, ${message.type}, ${message.body}, 'pending', 0, ${Date.now()}
    FROM webhook_endpoints e
    WHERE e.enabled = 1 AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE json_each.value = ${message.type}) AND (${when})`);
}

type ApprovalRow = Pick<Claim, "id" | "articleId" | "quoteExact" | "claimAsChecked" | "claimant" | "verdict">;

/**
 * The `claim.approved` messages of claims about to be approved by `actor`
 * at `approvedAt`, by claim id (the verdict's label and the article's title
 * and public page read now, in two small queries for the whole set).
 */
export async function claimApprovedMessages(db: Db, rows: readonly ApprovalRow[], actor: SessionUser, approvedAt: string): Promise<Map<string, WebhookMessage>> {
  const messages = new Map<string, WebhookMessage>();
  if (rows.length === 0) return messages;
  const keys = [...new Set(rows.map((r) => r.verdict).filter((v): v is string => !!v))];
  const articleIds = [...new Set(rows.map((r) => r.articleId))];
  const [labels, articleRows] = await Promise.all([
    keys.length ? db.select({ key: verdictScale.key, label: verdictScale.label }).from(verdictScale).where(inArray(verdictScale.key, keys)) : [],
    db.select({ id: articles.id, title: articles.title, publishedAt: articles.publishedAt }).from(articles).where(inArray(articles.id, articleIds)),
  ]);
  const labelOf = new Map(labels.map((l) => [l.key, l.label]));
  const articleOf = new Map(articleRows.map((a) => [a.id, a]));
  const origin = appOrigin();
  for (const row of rows) {
    const article = articleOf.get(row.articleId);
    const verdict = row.verdict ?? "";
    messages.set(
      row.id,
      webhookMessage(
        "claim.approved",
        {
          claim: {
            id: row.id,
            articleId: row.articleId,
            quote: row.quoteExact,
            claimAsChecked: row.claimAsChecked,
            claimant: row.claimant || null,
            verdict: { key: verdict, label: labelOf.get(verdict) ?? verdict },
            approvedBy: { id: actor.id, name: actor.name },
            approvedAt,
          },
          article: { id: row.articleId, title: article?.title ?? "", publishedUrl: article?.publishedAt ? publishedUrl(origin, row.articleId) : null },
        },
        approvedAt,
      ),
    );
  }
  return messages;
}

export function articlePublishedMessage(article: { id: string; title: string }, actor: SessionUser, publishedAt: string, scope: "approved" | "all"): WebhookMessage {
  return webhookMessage(
    "article.published",
    { article: { id: article.id, title: article.title, publishedUrl: publishedUrl(appOrigin(), article.id), publishedAt, scope, publishedBy: { id: actor.id, name: actor.name } } },
    publishedAt,
  );
}

export function articleUnpublishedMessage(article: { id: string; title: string }, actor: SessionUser, unpublishedAt: string): WebhookMessage {
  return webhookMessage(
    "article.unpublished",
    { article: { id: article.id, title: article.title, publishedUrl: null, unpublishedAt, unpublishedBy: { id: actor.id, name: actor.name } } },
    unpublishedAt,
  );
}

/**
 * The `correction.published` message: the entry as the public page shows it,
 * with each verdict change's labels on the desk's scale beside its keys.
 */
export function correctionPublishedMessage(
  article: { id: string; title: string },
  correction: { id: string; kind: CorrectionKind; note: string; publishedAt: string; changes: CorrectionChange[] },
  actor: SessionUser,
  scale: readonly { key: string; label: string }[],
): WebhookMessage {
  const labelOf = (key: string | null) => (key === null ? null : (scale.find((v) => v.key === key)?.label ?? key));
  const changes = correction.changes.map((c) =>
    c.type === "claim" && c.verdict ? { ...c, verdictLabels: { before: labelOf(c.verdict.before), after: labelOf(c.verdict.after) } } : c,
  );
  return webhookMessage(
    "correction.published",
    {
      article: { id: article.id, title: article.title, publishedUrl: publishedUrl(appOrigin(), article.id) },
      correction: { ...correction, changes, publishedBy: { id: actor.id, name: actor.name } },
    },
    correction.publishedAt,
  );
}

// ---------------------------------------------------------------- endpoints (admins)

export type WebhookEndpointDto = {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** The secret's first characters, so the admin can tell which one a receiver holds. */
  secretHint: string;
  createdAt: string;
  createdByName: string | null;
};

export type WebhookDeliveryDto = {
  id: string;
  messageId: string;
  endpointId: string;
  endpointUrl: string;
  eventType: WebhookEventType;
  /** What the event was about, in a few words: the claim's quote or the article's title. */
  subject: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastHttpStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  /** ISO time of the next attempt while pending; null otherwise. */
  nextAttemptAt: string | null;
  createdAt: string;
};

export type WebhooksState = { endpoints: WebhookEndpointDto[]; deliveries: WebhookDeliveryDto[] };

const urlSchema = z
  .string({ message: "Enter the endpoint's URL." })
  .trim()
  .min(1, "Enter the endpoint's URL.")
  .transform((value, ctx) => {
    try {
      // A literal private or loopback address is refused now, with a reason; a name is checked as resolved at each delivery.
      return checkOutboundDestination(value).toString();
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof OutboundError ? error.message : "Enter a full web address starting with https://." });
      return z.NEVER;
    }
  });

export const createEndpointSchema = z.object({
  url: urlSchema,
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { message: "Choose events from the list." }), { message: "Choose at least one event." })
    .min(1, "Choose at least one event.")
    .transform((list) => WEBHOOK_EVENT_TYPES.filter((t) => list.includes(t))),
});
const endpointIdSchema = z.object({ endpointId: idSchema });
const enabledSchema = z.object({ endpointId: idSchema, enabled: z.boolean({ message: "Say whether the endpoint is enabled." }) });
const deliveryIdSchema = z.object({ deliveryId: z.string().regex(/^[0-9a-f]{32}$/, "Not a valid delivery id.") });

function assertAdmin(actor: SessionUser): void {
  if (actor.role !== "admin") throw new AppError("forbidden:webhook");
}

function audit(db: Db, endpointId: string, actor: SessionUser, type: string, data: unknown, when: SQL = sql`1`) {
  return db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data) SELECT 'webhook', ${endpointId}, ${actor.id}, ${type}, ${JSON.stringify(data)} WHERE ${when}`);
}

/** Registers an endpoint. The secret is in the result and, for the admin, nowhere else. */
export async function createWebhookEndpoint({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
  assertAdmin(actor);
  const { url, events } = parseInput(createEndpointSchema, input, "webhook");
  const db = await getDb();
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const [inserted] = await db.batch([
    db.run(sql`INSERT INTO webhook_endpoints (id, url, events, secret, enabled, created_by)
      SELECT ${id}, ${url}, ${JSON.stringify(events)}, ${secret}, 1, ${actor.id}
      WHERE (SELECT count(*) FROM webhook_endpoints) < ${MAX_ENDPOINTS}`),
    audit(db, id, actor, "created", { url, events }, sql`EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ${id})`),
  ]);
  if (inserted.rowsAffected === 0) throw new AppError("conflict:webhook", `The desk already has ${MAX_ENDPOINTS} webhook endpoints. Delete one it no longer needs first.`);
  const endpoint = (await listEndpointRows(db, id))[0]!;
  return { endpoint, secret };
}

async function listEndpointRows(db: Db, onlyId?: string): Promise<WebhookEndpointDto[]> {
  const rows = await db
    .select({ endpoint: webhookEndpoints, createdByName: users.name })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.createdBy))
    .where(onlyId ? eq(webhookEndpoints.id, onlyId) : undefined)
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(MAX_ENDPOINTS * 2);
  return rows.map(({ endpoint: e, createdByName }) => ({
    id: e.id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    secretHint: secretHint(e.secret),
    createdAt: e.createdAt,
    createdByName,
  }));
}

function subjectOf(eventType: WebhookEventType, payload: string): string {
  try {
    const data = (JSON.parse(payload) as { data?: { claim?: { quote?: string }; article?: { title?: string } } }).data;
    const text = eventType === "claim.approved" ? data?.claim?.quote : data?.article?.title;
    return (text ?? "").slice(0, 160);
  } catch {
    return "";
  }
}

async function listDeliveryRows(db: Db): Promise<WebhookDeliveryDto[]> {
  const rows = await db
    .select({ d: webhookDeliveries, endpointUrl: webhookEndpoints.url })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERY_LIST_LIMIT);
  return rows.map(({ d, endpointUrl }) => ({
    id: d.id,
    messageId: d.messageId,
    endpointId: d.endpointId,
    endpointUrl,
    eventType: d.eventType,
    subject: subjectOf(d.eventType, d.payload),
    status: d.status,
    attempts: d.attempts,
    lastHttpStatus: d.lastHttpStatus,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt,
    nextAttemptAt: d.status === "pending" ? new Date(d.nextAttemptAt).toISOString() : null,
    createdAt: d.createdAt,
  }));
}

/** Every endpoint and the most recent deliveries (admins). */
export async function getWebhooks({ actor }: { actor: SessionUser }): Promise<WebhooksState> {
  assertAdmin(actor);
  const db = await getDb();
  const [endpoints, deliveries] = await Promise.all([listEndpointRows(db), listDeliveryRows(db)]);
  return { endpoints, deliveries };
}

async function existingEndpoint(db: Db, endpointId: string) {
  const row = await db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, endpointId), columns: { id: true, url: true, enabled: true, secret: true } });
  if (!row) throw new AppError("not_found:webhook");
  return row;
}

/** Disabling stops new deliveries at once and holds back queued ones until it is enabled again. */
export async function setWebhookEndpointEnabled({ actor, input }: { actor: SessionUser; input: unknown }): Promise<void> {
  assertAdmin(actor);
  const { endpointId, enabled } = parseInput(enabledSchema, input, "webhook");
  const db = await getDb();
  const row = await existingEndpoint(db, endpointId);
  if (row.enabled === enabled) return;
  await db.batch([
    db.update(webhookEndpoints).set({ enabled, updatedAt: NOW }).where(eq(webhookEndpoints.id, endpointId)),
    audit(db, endpointId, actor, enabled ? "enabled" : "disabled", { url: row.url }),
  ]);
}

/** Deletes the endpoint and its deliveries, sent or not. */
export async function deleteWebhookEndpoint({ actor, input }: { actor: SessionUser; input: unknown }): Promise<void> {
  assertAdmin(actor);
  const { endpointId } = parseInput(endpointIdSchema, input, "webhook");
  const db = await getDb();
  const row = await existingEndpoint(db, endpointId);
  await db.batch([
    db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)),
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)),
    audit(db, endpointId, actor, "deleted", { url: row.url }),
  ]);
}

/**
 * A new secret, shown once. The previous one keeps signing deliveries
 * beside it for SECRET_GRACE_MS, so the receiver can be switched over
 * without a gap.
 */
export async function rotateWebhookSecret({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
  assertAdmin(actor);
  const { endpointId } = parseInput(endpointIdSchema, input, "webhook");
  const db = await getDb();
  const row = await existingEndpoint(db, endpointId);
  const secret = generateWebhookSecret();
  await db.batch([
    db
      .update(webhookEndpoints)
      .set({ secret, previousSecret: row.secret, previousSecretExpiresAt: Date.now() + SECRET_GRACE_MS, updatedAt: NOW })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.secret, row.secret))),
    audit(db, endpointId, actor, "secret_rotated", { url: row.url }),
  ]);
  return { endpoint: (await listEndpointRows(db, endpointId))[0]!, secret };
}

/** Puts a failed delivery back in the queue, due now: one more attempt (and on failure, failed again). */
export async function retryWebhookDelivery({ actor, input }: { actor: SessionUser; input: unknown }): Promise<void> {
  assertAdmin(actor);
  const { deliveryId } = parseInput(deliveryIdSchema, input, "webhook");
  const db = await getDb();
  const row = await db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, deliveryId), columns: { status: true } });
  if (!row) throw new AppError("not_found:webhook");
  if (row.status !== "failed") throw new AppError("conflict:webhook", row.status === "pending" ? "This delivery is still queued: it will be tried again on its own." : "This delivery already succeeded.");
  await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: Date.now(), leaseOwner: null, leaseExpiresAt: null, updatedAt: NOW })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "failed")));
}

// ---------------------------------------------------------------- the deliverer's side

export type LeasedDelivery = {
  id: string;
  messageId: string;
  endpointId: string;
  payload: string;
  /** Including the attempt this lease is for. */
  attempts: number;
  url: string;
  /** The current secret first, then the previous one during its grace period. */
  secrets: string[];
};

/**
 * Takes up to `limit` due deliveries of enabled endpoints for `owner`, in one
 * UPDATE … RETURNING: the selection and the lease are one statement, so two
 * deliverers (in one process or in two instances) can never take the same
 * row while its lease lasts. Counting the attempt here means a deliverer that
 * dies mid-request still used one up.
 */
export async function leaseDueDeliveries({ owner, limit, leaseMs, now = Date.now() }: { owner: string; limit: number; leaseMs: number; now?: number }): Promise<LeasedDelivery[]> {
  if (limit <= 0) return [];
  const db = await getDb();
  const leased = await db.all<{ id: string; message_id: string; endpoint_id: string; payload: string; attempts: number }>(sql`
    UPDATE webhook_deliveries SET lease_owner = ${owner}, lease_expires_at = ${now + leaseMs}, attempts = attempts + 1, updated_at = ${NOW}
    WHERE id IN (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= ${now}) AND e.enabled = 1
      ORDER BY d.next_attempt_at LIMIT ${limit}
    )
    RETURNING id, message_id, endpoint_id, payload, attempts`);
  if (leased.length === 0) return [];
  const endpoints = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, secret: webhookEndpoints.secret, previousSecret: webhookEndpoints.previousSecret, previousUntil: webhookEndpoints.previousSecretExpiresAt })
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.id, [...new Set(leased.map((l) => l.endpoint_id))]));
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const out: LeasedDelivery[] = [];
  for (const row of leased) {
    const endpoint = byId.get(row.endpoint_id);
    if (!endpoint) continue; // deleted in between: its deliveries went with it
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && (endpoint.previousUntil ?? 0) > now) secrets.push(endpoint.previousSecret);
    out.push({ id: row.id, messageId: row.message_id, endpointId: row.endpoint_id, payload: row.payload, attempts: Number(row.attempts), url: endpoint.url, secrets });
  }
  return out;
}

export type AttemptOutcome = {
  /** The endpoint answered 2xx. */
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  /** When not ok: the wait before the next attempt, or null when this was the last. */
  retryInMs: number | null;
};

/**
 * Records one attempt, if `owner` still holds the lease (a deliverer whose
 * lease ran out and was taken over records nothing).
 */
export async function settleDelivery({ id, owner, outcome, now = Date.now() }: { id: string; owner: string; outcome: AttemptOutcome; now?: number }): Promise<boolean> {
  const db = await getDb();
  const status: WebhookDeliveryStatus = outcome.ok ? "succeeded" : outcome.retryInMs === null ? "failed" : "pending";
  const result = await db
    .update(webhookDeliveries)
    .set({
      status,
      nextAttemptAt: status === "pending" ? now + (outcome.retryInMs ?? 0) : now,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastHttpStatus: outcome.httpStatus,
      lastError: outcome.ok ? null : (outcome.error ?? "").slice(0, 500),
      lastAttemptAt: new Date(now).toISOString(),
      updatedAt: NOW,
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.leaseOwner, owner)));
  return result.rowsAffected > 0;
}

/** Deliveries settled more than `olderThanMs` ago are dropped: the list shows recent ones, and the table stays small. */
export async function pruneDeliveries({ olderThanMs, now = Date.now() }: { olderThanMs: number; now?: number }): Promise<number> {
  const db = await getDb();
  const result = await db.run(sql`DELETE FROM webhook_deliveries WHERE status IN ('succeeded', 'failed') AND next_attempt_at < ${now - olderThanMs}`);
  return result.rowsAffected;
}


/**
 * The webhook events (the catalogue an admin subscribes an endpoint to) and
 * their payloads. A payload carries what a newsroom's bot or CMS needs to
 * act on the event without a second request, and nothing that is not
 * already visible to a desk member: no secrets, no email addresses, no
 * rationale drafts.
 *
 * The body follows the Standard Webhooks shape `{ type, timestamp, data }`.
 * Its `id` travels in the `webhook-id` header; it is the same for every
 * endpoint and every retry of one event, so a receiver can de-duplicate.
 */
import type { CorrectionChange, CorrectionKind } from "@/lib/corrections";

export const WEBHOOK_EVENTS = [
  { type: "claim.approved", label: "Claim approved", description: "An editor approved a claim's verdict." },
  { type: "article.published", label: "Article published", description: "An article's fact-check was published, or republished, at its public page." },
  { type: "article.unpublished", label: "Article unpublished", description: "An article's public page was taken down." },
  { type: "correction.published", label: "Correction published", description: "A correction to a published fact-check was published." },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]["type"];
export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENTS.map((e) => e.type) as [WebhookEventType, ...WebhookEventType[]];

export type WebhookPerson = { id: string; name: string };
export type WebhookArticle = { id: string; title: string; /** The public page, while the article is published. */ publishedUrl: string | null };

export type ClaimApprovedData = {
  claim: {
    id: string;
    articleId: string;
    /** The words marked in the article. */
    quote: string;
    /** The claim as the desk checked it (may rephrase the quote). */
    claimAsChecked: string;
    claimant: string | null;
    verdict: { key: string; label: string };
    approvedBy: WebhookPerson;
    approvedAt: string;
  };
  article: WebhookArticle;
};

export type ArticlePublishedData = { article: WebhookArticle & { publishedAt: string; scope: "approved" | "all"; publishedBy: WebhookPerson } };
export type ArticleUnpublishedData = { article: WebhookArticle & { unpublishedAt: string; unpublishedBy: WebhookPerson } };
/**
 * A correction or clarification published on an article's public page: the
 * editor's public note, its kind, and what changed (text revisions with the
 * old and new words of the affected claims; verdicts with their old and new
 * key and label), as the page's Corrections section shows it.
 */
export type CorrectionPublishedData = {
  article: WebhookArticle;
  correction: {
    id: string;
    kind: CorrectionKind;
    note: string;
    publishedAt: string;
    publishedBy: WebhookPerson;
    /** The changes this entry records, oldest first; verdicts carry their labels beside the keys. */
    changes: (CorrectionChange & { verdictLabels?: { before: string | null; after: string | null } })[];
  };
};

export type WebhookEventData = {
  "claim.approved": ClaimApprovedData;
  "article.published": ArticlePublishedData;
  "article.unpublished": ArticleUnpublishedData;
  "correction.published": CorrectionPublishedData;
};

export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = { type: T; timestamp: string; data: WebhookEventData[T] };

/** One event ready to queue: its message id and the exact body every endpoint receives (and that is signed). */
export type WebhookMessage = { id: string; type: WebhookEventType; body: string };

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** `msg_` and a random UUID: unique per event, kept across retries. */
export function newMessageId(): string {
  return `msg_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
}

export function webhookMessage<T extends WebhookEventType>(type: T, data: WebhookEventData[T], timestamp = new Date().toISOString()): WebhookMessage {
  const event: WebhookEvent<T> = { type, timestamp, data };
  return { id: newMessageId(), type, body: JSON.stringify(event) };
}

/** The public page of an article. */
export function publishedUrl(origin: string, articleId: string): string {
  return `${origin.replace(/\/+$/, "")}/published/${articleId}`;
}

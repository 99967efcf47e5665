import { describe, expect, it } from "vitest";
import { isWebhookEventType, publishedUrl, WEBHOOK_EVENT_TYPES, webhookMessage } from "./events";

describe("webhook events", () => {
  it("lists the four event types of the catalogue", () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(["claim.approved", "article.published", "article.unpublished", "correction.published"]);
    expect(isWebhookEventType("claim.approved")).toBe(true);
    expect(isWebhookEventType("claim.deleted")).toBe(false);
  });

  it("builds a { type, timestamp, data } body with a fresh msg_ id per event", () => {
    const data = { article: { id: "a1", title: "T", publishedUrl: null, unpublishedAt: "2026-12-01T10:00:00.000Z", unpublishedBy: { id: "u1", name: "Ed" } } };
    const a = webhookMessage("article.unpublished", data, "2026-12-01T10:00:00.000Z");
    const b = webhookMessage("article.unpublished", data, "2026-12-01T10:00:00.000Z");
    expect(a.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(a.id).not.toBe(b.id);
    expect(JSON.parse(a.body)).toEqual({ type: "article.unpublished", timestamp: "2026-12-01T10:00:00.000Z", data });
  });

  it("links the public page without a doubled slash", () => {
    expect(publishedUrl("https://desk.example/", "a1")).toBe("https://desk.example/published/a1");
  });
});

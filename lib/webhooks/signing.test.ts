import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { generateWebhookSecret, secretHint, signature, signedHeaders, verifySignature } from "./signing";

const BODY = JSON.stringify({ type: "claim.approved", timestamp: "2026-12-01T10:00:00.000Z", data: { claim: { id: "c1", quote: "Zürich “quoted” ✓" } } });

describe("webhook signing (Standard Webhooks)", () => {
  it("generates whsec_ secrets of 32 random bytes, different every time", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(secretHint(a)).toBe(`${a.slice(0, 10)}…`);
  });

  it("signs deliveries that the reference standardwebhooks library verifies", () => {
    const secret = generateWebhookSecret();
    const headers = signedHeaders([secret], "msg_abc", BODY);
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["webhook-id"]).toBe("msg_abc");
    expect(Number(headers["webhook-timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(secret).verify(BODY, headers);
    expect(verified).toEqual(JSON.parse(BODY));
    expect(verifySignature(secret, headers, BODY)).toBe(true);
  });

  it("produces the library's own signature for the same id, time and body", () => {
    const secret = generateWebhookSecret();
    const at = new Date("2026-12-01T10:00:00Z");
    expect(signature(secret, "msg_1", at.getTime() / 1000, BODY)).toBe(new Webhook(secret).sign("msg_1", at, BODY));
  });

  it("is refused for another secret, a changed body or id, and an old timestamp", () => {
    const secret = generateWebhookSecret();
    const headers = signedHeaders([secret], "msg_abc", BODY);
    expect(() => new Webhook(generateWebhookSecret()).verify(BODY, headers)).toThrow();
    expect(() => new Webhook(secret).verify(BODY.replace("c1", "c2"), headers)).toThrow();
    expect(() => new Webhook(secret).verify(BODY, { ...headers, "webhook-id": "msg_other" })).toThrow();
    const old = signedHeaders([secret], "msg_abc", BODY, new Date(Date.now() - 10 * 60 * 1000));
    expect(() => new Webhook(secret).verify(BODY, old)).toThrow();
    expect(verifySignature(secret, old, BODY)).toBe(false);
  });

  it("signs with the new and the previous secret during a rotation, so either verifies", () => {
    const [next, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signedHeaders([next, previous], "msg_rot", BODY);
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(next).verify(BODY, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(BODY, headers)).not.toThrow();
  });
});

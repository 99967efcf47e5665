import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): each
 * delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${body}">`
 * keyed with the endpoint's secret, `whsec_<base64 key>`. Several signatures
 * are separated by spaces: while a rotated secret's grace period lasts, the
 * message is signed with the new and the previous key, so a receiver can
 * switch keys without dropping deliveries.
 *
 * Signed with node:crypto; the tests check these signatures with the
 * reference `standardwebhooks` library, an independent implementation.
 */

export const SECRET_PREFIX = "whsec_";
/** 32 random bytes: the spec asks for 24 to 64. */
const SECRET_BYTES = 32;

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error("A webhook secret starts with whsec_.");
  return Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
}

export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/** The headers of one delivery attempt; `secrets` are the current one first, then any still in their grace period. */
export function signedHeaders(secrets: readonly string[], id: string, body: string, at = new Date()): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => signature(s, id, timestamp, body)).join(" "),
  };
}

/**
 * Checks a delivery as a receiver would (for the desk's own tests and
 * tools): some v1 signature matches and the timestamp is within `toleranceSeconds`.
 */
export function verifySignature(secret: string, headers: Record<string, string | undefined>, body: string, { now = new Date(), toleranceSeconds = 300 } = {}): boolean {
  const id = headers["webhook-id"];
  const timestamp = Number(headers["webhook-timestamp"]);
  const given = headers["webhook-signature"];
  if (!id || !Number.isInteger(timestamp) || !given) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, id, timestamp, body));
  return given.split(" ").some((candidate) => {
    const bytes = Buffer.from(candidate);
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  });
}

/** What the admin sees of a stored secret after creation: enough to tell which one a receiver has. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, SECRET_PREFIX.length + 4)}…`;
}

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The device cookie of the sign-in throttle (lib/login-throttle.ts): set when
 * a browser signs in, it says "this browser has signed in to this email
 * before", so that browser's attempts are counted on their own and a
 * stranger's failures on the same account cannot lock its owner out. It is
 * not a session and grants nothing else: only a throttle counter of its own.
 *
 * Value: `<random id>.<HMAC(secret, email, id)>`, bound to one email.
 */
export const DEVICE_COOKIE = "claimdesk.sign-in-device";

/** Half a year: long enough to cover holidays, short enough that old laptops age out. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 182 * 24 * 60 * 60;

function mac(secret: string, email: string, id: string): Buffer {
  return createHmac("sha256", secret).update(`sign-in-device\u0000${email.trim().toLowerCase()}\u0000${id}`).digest().subarray(0, 18);
}

export function issueDeviceCookie(email: string, secret: string): string {
  const id = randomBytes(16).toString("base64url");
  return `${id}.${mac(secret, email, id).toString("base64url")}`;
}

/** The device id when `value` is a device cookie issued for this email with this secret; otherwise null. */
export function deviceFor(value: string | undefined | null, email: string, secret: string): string | null {
  if (!value) return null;
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{24})$/.exec(value);
  if (!match) return null;
  const [, id, given] = match as unknown as [string, string, string];
  const expected = mac(secret, email, id);
  const actual = Buffer.from(given, "base64url");
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null;
}

/** The named cookie's value from a Cookie header. */
export function cookieValue(header: unknown, name: string): string | undefined {
  if (typeof header !== "string") return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

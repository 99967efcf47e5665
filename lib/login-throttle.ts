/**
 * Sign-in throttle rules, free of any framework or database: the counters
 * live in a ThrottleStore (db/queries/sign-in-throttle.ts keeps them in the
 * database, so they hold across restarts and instances; MemoryThrottleStore
 * is for tests), and the clock is injected.
 *
 * Each attempt is counted against keys, each with its rule:
 *  - `account:<email>`: every attempt for that email, from anywhere. After a
 *    few failures each further attempt waits twice as long as the last, up to
 *    a cap, so guessing one password is slow, yet the owner is never locked
 *    out for longer than the cap.
 *  - `address:<client>`: every attempt from one client address, whatever the
 *    email (password spraying). More generous: a newsroom shares one address.
 *  - `device:<id>`: a browser that has signed in to that account before
 *    (lib/sign-in-device.ts) is counted on its own instead of on the two keys
 *    above, so strangers hammering an account or an address do not lock the
 *    owner out of the browser they always use (OWASP's "device cookies").
 *
 * The key is the email typed, whether or not an account has it, and the
 * answer for a throttled attempt depends only on attempts already made with
 * that email and from that address: it tells nothing about which emails exist.
 *
 * Attempts are charged before the password is checked (so a burst of
 * parallel guesses cannot all pass a check that none has yet failed), in one
 * all-or-nothing compare-and-swap over the attempt's keys; a correct password
 * then forgets the account (or device) key and refunds the address key.
 */

export type Counter = { failures: number; lastAttemptAt: number };

export type Rule = {
  /** Failures allowed without any wait. */
  free: number;
  /** The wait after `free` failures; each further failure doubles it… */
  baseDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /** Quiet time after which the key starts again from nothing. */
  forgetAfterMs: number;
};

export type ThrottleRules = { account: Rule; address: Rule };

export type Change = { key: string; seen: Counter | undefined; next: Counter; expiresAt: number };

export interface ThrottleStore {
  read(keys: string[]): Promise<Map<string, Counter>>;
  /** Writes every `next` only if every key still holds what was `seen` (undefined: no row). True when written. */
  swap(changes: Change[]): Promise<boolean>;
  /** After a correct password: deletes `forget` keys, takes one failure off `refund` keys. */
  settle(forget: string[], refund: string[]): Promise<void>;
  /** Deletes rows whose rule has forgotten them. */
  prune(now: number): Promise<void>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The desk's rules. SIGN_IN_DELAY_SECONDS (default 60) is the first wait and
 * SIGN_IN_MAX_DELAY_SECONDS (default 900) the longest; tests shorten both.
 */
export function throttleRules(env: Record<string, string | undefined> = process.env): ThrottleRules {
  const seconds = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds; got "${raw}".`);
    return value;
  };
  const baseDelayMs = seconds("SIGN_IN_DELAY_SECONDS", 60) * 1000;
  const maxDelayMs = Math.max(baseDelayMs, seconds("SIGN_IN_MAX_DELAY_SECONDS", 15 * 60) * 1000);
  return {
    // 5 guesses, then 1, 2, 4, 8 minutes, then one every 15: under 100 a day.
    account: { free: 5, baseDelayMs, maxDelayMs, forgetAfterMs: Math.max(24 * HOUR, maxDelayMs) },
    // A whole office's typos fit in 20 an hour; a sprayer then slows to the same pace.
    address: { free: 20, baseDelayMs, maxDelayMs, forgetAfterMs: Math.max(HOUR, maxDelayMs) },
  };
}

/** How long the next attempt must wait after `failures` failures in a row. */
export function delayAfter(failures: number, rule: Rule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(failures - rule.free, 40));
}

function forgotten(counter: Counter | undefined, rule: Rule, now: number): boolean {
  return !counter || now - counter.lastAttemptAt >= rule.forgetAfterMs;
}

/** Milliseconds until this key may try again (0: now). */
export function waitMs(counter: Counter | undefined, rule: Rule, now: number): number {
  if (forgotten(counter, rule, now)) return 0;
  return Math.max(0, counter!.lastAttemptAt + delayAfter(counter!.failures, rule) - now);
}

/** The counter once this attempt is charged to it. */
export function charge(counter: Counter | undefined, rule: Rule, now: number): Counter {
  return forgotten(counter, rule, now) ? { failures: 1, lastAttemptAt: now } : { failures: counter!.failures + 1, lastAttemptAt: now };
}

export type Attempt = {
  /** As typed, normalised (trimmed, lower case). */
  email: string;
  /** lib/client-address.ts clientAddress. */
  address: string;
  /** The id of this browser's device cookie when it is valid for this email. */
  device?: string | null;
};

type Keyed = { key: string; rule: Rule };

export type Gate = { ok: true; succeeded: () => Promise<void> } | { ok: false; retryAfterMs: number };

/** How many times a charge is retried when another request changed the same keys in between. */
const SWAP_TRIES = 8;
const PRUNE_EVERY_MS = MINUTE;

export class SignInThrottle {
  private lastPrune = -Infinity;

  constructor(
    private readonly store: ThrottleStore,
    readonly rules: ThrottleRules = throttleRules(),
    private readonly now: () => number = Date.now,
  ) {}

  static normaliseEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  keys(attempt: Attempt): Keyed[] {
    const email = SignInThrottle.normaliseEmail(attempt.email);
    if (attempt.device) return [{ key: `device:${attempt.device}`, rule: this.rules.account }];
    return [
      { key: `account:${email}`, rule: this.rules.account },
      { key: `address:${attempt.address}`, rule: this.rules.address },
    ];
  }

  /**
   * Charges the attempt, or refuses it with the wait. Call `succeeded()` when
   * the password was right; a wrong one needs nothing more (it is counted).
   */
  async begin(attempt: Attempt): Promise<Gate> {
    const keyed = this.keys(attempt);
    await this.maybePrune();
    for (let i = 0; i < SWAP_TRIES; i++) {
      const now = this.now();
      const seen = await this.store.read(keyed.map((k) => k.key));
      const retryAfterMs = Math.max(...keyed.map(({ key, rule }) => waitMs(seen.get(key), rule, now)));
      if (retryAfterMs > 0) return { ok: false, retryAfterMs };
      const changes = keyed.map(({ key, rule }) => {
        const next = charge(seen.get(key), rule, now);
        return { key, seen: seen.get(key), next, expiresAt: now + rule.forgetAfterMs };
      });
      if (await this.store.swap(changes)) {
        const [first, second] = keyed;
        return {
          ok: true,
          // The account or device key starts again; the address keeps its other failures.
          succeeded: () => this.store.settle([first!.key], second ? [second.key] : []),
        };
      }
    }
    // Many requests on the same keys at once: that is an attack, or close enough to wait.
    return { ok: false, retryAfterMs: this.rules.account.baseDelayMs };
  }

  private async maybePrune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.store.prune(now);
  }
}

/** What authorize() throws for a throttled attempt; next-auth hands the message to the sign-in form as `error`. */
export const THROTTLED_ERROR = "SignInThrottled";

export function throttledError(retryAfterMs: number): string {
  return `${THROTTLED_ERROR}:${Math.max(1, Math.ceil(retryAfterMs / 1000))}`;
}

/** What authorize() throws when the database is busy; the sign-in form says so. */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";

/** The sign-in form's words for a throttled attempt, or null when `error` is something else. */
export function throttledMessage(error: string | null | undefined): string | null {
  const match = new RegExp(`^${THROTTLED_ERROR}:(\\d+)$`).exec(error ?? "");
  if (!match) return null;
  const seconds = Number(match[1]);
  const wait =
    seconds < 60 ? `${seconds} ${seconds === 1 ? "second" : "seconds"}` : `${Math.ceil(seconds / 60)} ${Math.ceil(seconds / 60) === 1 ? "minute" : "minutes"}`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}

/** Counters in a Map: for tests of the rules. */
export class MemoryThrottleStore implements ThrottleStore {
  readonly rows = new Map<string, Counter & { expiresAt: number }>();

  async read(keys: string[]): Promise<Map<string, Counter>> {
    const out = new Map<string, Counter>();
    for (const key of keys) {
      const row = this.rows.get(key);
      if (row) out.set(key, { failures: row.failures, lastAttemptAt: row.lastAttemptAt });
    }
    return out;
  }

  async swap(changes: Change[]): Promise<boolean> {
    const same = (a: Counter | undefined, b: Counter | undefined) => a?.failures === b?.failures && a?.lastAttemptAt === b?.lastAttemptAt;
    if (!changes.every((c) => same(this.rows.get(c.key), c.seen))) return false;
    for (const c of changes) this.rows.set(c.key, { ...c.next, expiresAt: c.expiresAt });
    return true;
  }

  async settle(forget: string[], refund: string[]): Promise<void> {
    for (const key of forget) this.rows.delete(key);
    for (const key of refund) {
      const row = this.rows.get(key);
      if (row) row.failures = Math.max(0, row.failures - 1);
    }
  }

  async prune(now: number): Promise<void> {
    for (const [key, row] of this.rows) if (row.expiresAt <= now) this.rows.delete(key);
  }
}

/**
 * Failed sign-ins per email and client address, in memory (one server
 * process). After `max` failures within `windowMs` that pair is refused until
 * the window of its first failure ends; a successful sign-in clears it. Other
 * addresses can still sign in to the same account, so a stranger cannot lock
 * a colleague out.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  static key(email: string, address: string): string {
    return `${email.trim().toLowerCase()}\u0000${address}`;
  }

  /** True while this pair must not try again. */
  isBlocked(key: string): boolean {
    const entry = this.failures.get(key);
    if (!entry) return false;
    if (this.now() - entry.since >= this.windowMs) {
      this.failures.delete(key);
      return false;
    }
    return entry.count >= this.max;
  }

  recordFailure(key: string): void {
    const t = this.now();
    const entry = this.failures.get(key);
    if (!entry || t - entry.since >= this.windowMs) {
      if (this.failures.size >= this.maxEntries) this.prune(t);
      this.failures.set(key, { count: 1, since: t });
    } else {
      entry.count += 1;
    }
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private prune(t: number): void {
    for (const [k, v] of this.failures) if (t - v.since >= this.windowMs) this.failures.delete(k);
    // Still full (an attack from many addresses): forget the oldest half rather than grow without bound.
    if (this.failures.size >= this.maxEntries) {
      let drop = Math.ceil(this.failures.size / 2);
      for (const k of this.failures.keys()) {
        if (drop-- <= 0) break;
        this.failures.delete(k);
      }
    }
  }
}

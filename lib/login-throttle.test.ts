import { describe, expect, it } from "vitest";
import {
  delayAfter,
  MemoryThrottleStore,
  SignInThrottle,
  throttledError,
  throttledMessage,
  throttleRules,
  waitMs,
  type Gate,
  type ThrottleRules,
} from "./login-throttle";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function setup(rules: ThrottleRules = throttleRules({})) {
  const clock = { t: 1_000_000 };
  const store = new MemoryThrottleStore();
  const throttle = new SignInThrottle(store, rules, () => clock.t);
  /** One attempt; `right` says whether the password was right. */
  const attempt = async (email: string, address: string, { right = false, device }: { right?: boolean; device?: string } = {}): Promise<Gate> => {
    const gate = await throttle.begin({ email, address, device });
    if (gate.ok && right) await gate.succeeded();
    return gate;
  };
  return { clock, store, throttle, attempt };
}

describe("the rules", () => {
  const rules = throttleRules({});

  it("defaults: 5 free failures per account, then 1, 2, 4, 8 minutes, capped at 15", () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30].map((n) => delayAfter(n, rules.account) / MINUTE);
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 15, 15, 15]);
    expect(delayAfter(19, rules.address)).toBe(0);
    expect(delayAfter(20, rules.address)).toBe(MINUTE);
    expect(delayAfter(10_000, rules.account)).toBe(15 * MINUTE);
  });

  it("reads the delays from the environment, and refuses nonsense", () => {
    const short = throttleRules({ SIGN_IN_DELAY_SECONDS: "1", SIGN_IN_MAX_DELAY_SECONDS: "4" });
    expect([5, 6, 7, 8].map((n) => delayAfter(n, short.account))).toEqual([1000, 2000, 4000, 4000]);
    expect(() => throttleRules({ SIGN_IN_DELAY_SECONDS: "soon" })).toThrow(/SIGN_IN_DELAY_SECONDS must be a positive number/);
    expect(() => throttleRules({ SIGN_IN_MAX_DELAY_SECONDS: "0" })).toThrow(/SIGN_IN_MAX_DELAY_SECONDS/);
  });

  it("forgets a key after its quiet time", () => {
    const counter = { failures: 9, lastAttemptAt: 0 };
    expect(waitMs(counter, rules.account, 60 * MINUTE)).toBe(0); // the 15-minute cap has passed
    expect(waitMs(counter, rules.account, 10 * MINUTE)).toBe(5 * MINUTE);
    expect(waitMs(counter, rules.account, 24 * 60 * MINUTE)).toBe(0);
  });
});

describe("SignInThrottle", () => {
  it("an account gets 5 guesses, then waits twice as long after each failure, whatever the address", async () => {
    const { clock, attempt } = setup();
    for (let i = 0; i < 5; i++) expect((await attempt("rita@desk.test", `10.0.0.${i}`)).ok).toBe(true);
    // A sixth guess from yet another address is refused, and says how long to wait.
    expect(await attempt("rita@desk.test", "10.0.0.99")).toEqual({ ok: false, retryAfterMs: MINUTE });
    clock.t += 30 * SECOND;
    expect(await attempt("Rita@Desk.test ", "10.0.0.98")).toEqual({ ok: false, retryAfterMs: 30 * SECOND });
    clock.t += 30 * SECOND;
    expect((await attempt("rita@desk.test", "10.0.0.97")).ok).toBe(true);
    // Now 2 minutes; refused attempts do not count, so the wait does not grow while refused.
    for (let i = 0; i < 10; i++) expect((await attempt("rita@desk.test", "10.0.0.96")).ok).toBe(false);
    expect(await attempt("rita@desk.test", "10.0.0.95")).toEqual({ ok: false, retryAfterMs: 2 * MINUTE });
  });

  it("the owner is never locked out for longer than the cap, and a right password starts the account again", async () => {
    const { clock, attempt } = setup();
    for (let round = 0; round < 20; round++) {
      const gate = await attempt("rita@desk.test", "203.0.113.1");
      if (!gate.ok) {
        expect(gate.retryAfterMs).toBeLessThanOrEqual(15 * MINUTE);
        clock.t += gate.retryAfterMs;
      }
    }
    const owner = await attempt("rita@desk.test", "198.51.100.7", { right: true });
    expect(owner.ok).toBe(true);
    // After the right password, 5 free attempts again.
    for (let i = 0; i < 5; i++) expect((await attempt("rita@desk.test", "198.51.100.7")).ok).toBe(true);
    expect((await attempt("rita@desk.test", "198.51.100.7")).ok).toBe(false);
  });

  it("a browser that signed in before is counted on its own: an attack on the account does not lock it out", async () => {
    const { attempt } = setup();
    for (let i = 0; i < 12; i++) await attempt("rita@desk.test", "6.6.6.6");
    expect((await attempt("rita@desk.test", "198.51.100.7")).ok).toBe(false);
    expect((await attempt("rita@desk.test", "198.51.100.7", { device: "rita-laptop", right: true })).ok).toBe(true);
    // The device has its own 5 failures (a stolen laptop guessing is slowed too).
    for (let i = 0; i < 5; i++) expect((await attempt("rita@desk.test", "198.51.100.7", { device: "rita-laptop" })).ok).toBe(true);
    expect((await attempt("rita@desk.test", "198.51.100.7", { device: "rita-laptop" })).ok).toBe(false);
    // Its right password does not give the attacker's key fresh guesses.
    expect((await attempt("rita@desk.test", "6.6.6.6")).ok).toBe(false);
  });

  it("limits one address across accounts (password spraying), and a success there is not a failure", async () => {
    const { clock, attempt } = setup();
    for (let i = 0; i < 19; i++) expect((await attempt(`person${i}@desk.test`, "6.6.6.6")).ok).toBe(true);
    expect((await attempt("colleague@desk.test", "6.6.6.6", { right: true })).ok).toBe(true);
    expect((await attempt("person19@desk.test", "6.6.6.6")).ok).toBe(true);
    const refused = await attempt("person20@desk.test", "6.6.6.6");
    expect(refused).toEqual({ ok: false, retryAfterMs: MINUTE });
    // Another address is not affected, and the address is forgotten after an hour of quiet.
    expect((await attempt("person20@desk.test", "198.51.100.7")).ok).toBe(true);
    clock.t += 60 * MINUTE;
    expect((await attempt("person21@desk.test", "6.6.6.6")).ok).toBe(true);
  });

  it("answers a throttled unknown email exactly like a throttled account", async () => {
    const { attempt } = setup();
    const runs: Gate[][] = [];
    for (const email of ["rita@desk.test", "nobody@desk.test"]) {
      const run: Gate[] = [];
      for (let i = 0; i < 7; i++) run.push(await attempt(email, `10.1.${runs.length}.${i}`));
      runs.push(run);
    }
    const shape = (g: Gate) => (g.ok ? "ok" : g.retryAfterMs);
    expect(runs[0]!.map(shape)).toEqual(runs[1]!.map(shape));
  });

  it("charges parallel attempts one by one: a burst gets no more guesses than a sequence", async () => {
    const { attempt } = setup();
    const gates = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt("rita@desk.test", `10.2.0.${i}`)));
    expect(gates.filter((g) => g.ok)).toHaveLength(5);
  });

  it("prunes rows its rules have forgotten, at most once a minute", async () => {
    const { clock, store, attempt } = setup();
    await attempt("rita@desk.test", "10.0.0.1");
    expect(store.rows.size).toBe(2);
    clock.t += 61 * MINUTE;
    await attempt("eddie@desk.test", "10.0.0.2");
    expect([...store.rows.keys()].sort()).toEqual(["account:eddie@desk.test", "account:rita@desk.test", "address:10.0.0.2"]);
    clock.t += 24 * 60 * MINUTE;
    await attempt("ada@desk.test", "10.0.0.3");
    expect([...store.rows.keys()].sort()).toEqual(["account:ada@desk.test", "address:10.0.0.3"]);
  });
});

describe("the message", () => {
  it("says plainly how long to wait", () => {
    expect(throttledMessage(throttledError(MINUTE))).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(throttledMessage(throttledError(14 * MINUTE + 1))).toBe("Too many sign-in attempts. Try again in 15 minutes.");
    expect(throttledMessage(throttledError(1500))).toBe("Too many sign-in attempts. Try again in 2 seconds.");
    expect(throttledMessage(throttledError(1))).toBe("Too many sign-in attempts. Try again in 1 second.");
    expect(throttledMessage("CredentialsSignin")).toBeNull();
    expect(throttledMessage(undefined)).toBeNull();
  });
});

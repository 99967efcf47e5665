import { afterAll, describe, expect, it } from "vitest";
import { openTestDesk } from "@/test/support/database";
import { SignInThrottle, throttleRules } from "@/lib/login-throttle";
import { databaseThrottleStore as store } from "./sign-in-throttle";

const desk = await openTestDesk("throttle", { seed: false });
afterAll(desk.close);

const { getDb, resetDb } = await import("@/db");
const { signInThrottle } = await import("@/db/schema");

const rows = async () => (await (await getDb()).select().from(signInThrottle)).sort((a, b) => a.key.localeCompare(b.key));

describe("the database throttle store", () => {
  it("writes all keys of a charge or none: a stale read changes nothing", async () => {
    const fresh = { failures: 1, lastAttemptAt: 1000 };
    expect(
      await store.swap([
        { key: "account:a@x.test", seen: undefined, next: fresh, expiresAt: 5000 },
        { key: "address:10.0.0.1", seen: undefined, next: fresh, expiresAt: 5000 },
      ]),
    ).toBe(true);
    // The account row moved on since this read: the address row must not move either.
    const stale = await store.swap([
      { key: "account:a@x.test", seen: undefined, next: { failures: 1, lastAttemptAt: 2000 }, expiresAt: 6000 },
      { key: "address:10.0.0.1", seen: fresh, next: { failures: 2, lastAttemptAt: 2000 }, expiresAt: 6000 },
    ]);
    expect(stale).toBe(false);
    expect(await rows()).toEqual([
      { key: "account:a@x.test", failures: 1, lastAttemptAt: 1000, expiresAt: 5000 },
      { key: "address:10.0.0.1", failures: 1, lastAttemptAt: 1000, expiresAt: 5000 },
    ]);
    expect(
      await store.swap([
        { key: "account:a@x.test", seen: fresh, next: { failures: 2, lastAttemptAt: 2000 }, expiresAt: 6000 },
        { key: "address:10.0.0.1", seen: fresh, next: { failures: 2, lastAttemptAt: 2000 }, expiresAt: 6000 },
      ]),
    ).toBe(true);
    expect((await rows()).map((r) => r.failures)).toEqual([2, 2]);
  });

  it("settles a right password: forgets the account, refunds the address, never below zero", async () => {
    await store.settle(["account:a@x.test"], ["address:10.0.0.1"]);
    await store.settle([], ["address:10.0.0.1", "address:10.0.0.1"]);
    await store.settle([], ["address:10.0.0.1"]);
    expect(await rows()).toEqual([{ key: "address:10.0.0.1", failures: 0, lastAttemptAt: 2000, expiresAt: 6000 }]);
  });

  it("prunes what has expired and keeps the rest", async () => {
    await store.swap([{ key: "address:10.0.0.2", seen: undefined, next: { failures: 1, lastAttemptAt: 9000 }, expiresAt: 90_000 }]);
    await store.prune(6000);
    expect((await rows()).map((r) => r.key)).toEqual(["address:10.0.0.2"]);
  });

  it("a burst of parallel wrong guesses gets exactly the free attempts, and the counters outlive the connection", async () => {
    let t = 1_000_000;
    const throttle = new SignInThrottle(store, throttleRules({}), () => t);
    const gates = await Promise.all(Array.from({ length: 40 }, (_, i) => throttle.begin({ email: "burst@x.test", address: `10.3.0.${i}` })));
    expect(gates.filter((g) => g.ok)).toHaveLength(5);

    // A new connection (a restart, or another instance) sees the same counters.
    resetDb();
    const again = new SignInThrottle(store, throttleRules({}), () => t);
    expect(await again.begin({ email: "burst@x.test", address: "10.3.1.1" })).toEqual({ ok: false, retryAfterMs: 60_000 });
    t += 60_000;
    const gate = await again.begin({ email: "burst@x.test", address: "10.3.1.1" });
    expect(gate.ok).toBe(true);
    if (gate.ok) await gate.succeeded();
    expect((await rows()).find((r) => r.key === "account:burst@x.test")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle";

describe("LoginThrottle", () => {
  it("blocks an email+address pair after max failures until the window ends", () => {
    let t = 0;
    const throttle = new LoginThrottle(3, 1000, () => t);
    const key = LoginThrottle.key("Rita@Desk.test ", "10.0.0.1");
    expect(key).toBe(LoginThrottle.key("rita@desk.test", "10.0.0.1"));
    for (let i = 0; i < 3; i++) {
      expect(throttle.isBlocked(key)).toBe(false);
      throttle.recordFailure(key);
    }
    expect(throttle.isBlocked(key)).toBe(true);
    // Another address, or another email, is not affected.
    expect(throttle.isBlocked(LoginThrottle.key("rita@desk.test", "10.0.0.2"))).toBe(false);
    expect(throttle.isBlocked(LoginThrottle.key("eddie@desk.test", "10.0.0.1"))).toBe(false);
    t = 999;
    expect(throttle.isBlocked(key)).toBe(true);
    t = 1000;
    expect(throttle.isBlocked(key)).toBe(false);
  });

  it("forgets failures after a successful sign-in", () => {
    const throttle = new LoginThrottle(2, 1000, () => 0);
    throttle.recordFailure("k");
    throttle.recordSuccess("k");
    throttle.recordFailure("k");
    expect(throttle.isBlocked("k")).toBe(false);
  });

  it("stays bounded under many addresses", () => {
    let t = 0;
    const throttle = new LoginThrottle(1, 1000, () => t, 100);
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`k${i}`);
    expect((throttle as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(100);
    expect(throttle.isBlocked("k999")).toBe(true);
    t = 5000;
    expect(throttle.isBlocked("k999")).toBe(false);
  });
});

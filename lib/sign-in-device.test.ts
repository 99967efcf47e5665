import { describe, expect, it } from "vitest";
import { cookieValue, deviceFor, issueDeviceCookie } from "./sign-in-device";

describe("device cookie", () => {
  it("is recognised for the email and secret it was issued for, only", () => {
    const value = issueDeviceCookie("Rita@Desk.test", "secret-1");
    const id = deviceFor(value, "rita@desk.test", "secret-1");
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deviceFor(value, "eddie@desk.test", "secret-1")).toBeNull();
    expect(deviceFor(value, "rita@desk.test", "secret-2")).toBeNull();
    expect(issueDeviceCookie("rita@desk.test", "secret-1")).not.toBe(value);
  });

  it("refuses forged and malformed values", () => {
    const value = issueDeviceCookie("rita@desk.test", "s");
    const [id, sig] = value.split(".") as [string, string];
    const otherId = `${id.slice(0, -1)}${id.endsWith("A") ? "B" : "A"}`;
    for (const bad of [`${otherId}.${sig}`, `${id}.${sig.slice(0, -1)}`, "", "x.y", `${id}.${sig}.${sig}`, undefined, null]) {
      expect(deviceFor(bad, "rita@desk.test", "s")).toBeNull();
    }
  });

  it("reads one cookie from a Cookie header", () => {
    expect(cookieValue("a=1; claimdesk.sign-in-device=abc.def; b=2", "claimdesk.sign-in-device")).toBe("abc.def");
    expect(cookieValue("a=1", "claimdesk.sign-in-device")).toBeUndefined();
    expect(cookieValue(undefined, "a")).toBeUndefined();
  });
});

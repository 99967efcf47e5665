import { describe, expect, it } from "vitest";
import { sessionLifetimeMs, sessionStanding, type SessionRow } from "./session-standing";

const now = Date.parse("2025-03-01T12:00:00.000Z");
const row: SessionRow = {
  sessionId: "s1",
  expiresAt: "2025-03-01T20:00:00.000Z",
  revokedAt: null,
  user: { id: "u1", email: "a@b.test", name: "A", role: "reviewer", disabled: false, mustChangePassword: false },
};

describe("sessionStanding", () => {
  it("accepts a live session of an active account, with its current role", () => {
    expect(sessionStanding(row, "u1", now)).toEqual({ id: "u1", email: "a@b.test", name: "A", role: "reviewer", mustChangePassword: false, sessionId: "s1" });
    expect(sessionStanding({ ...row, user: { ...row.user, role: "editor" } }, "u1", now)?.role).toBe("editor");
  });

  it("reports a pending password change", () => {
    expect(sessionStanding({ ...row, user: { ...row.user, mustChangePassword: true } }, "u1", now)?.mustChangePassword).toBe(true);
  });

  it("ends revoked, expired and unknown sessions, disabled accounts, and tokens naming someone else", () => {
    expect(sessionStanding({ ...row, revokedAt: "2025-03-01T11:00:00.000Z" }, "u1", now)).toBeNull();
    expect(sessionStanding({ ...row, expiresAt: "2025-03-01T12:00:00.000Z" }, "u1", now)).toBeNull();
    expect(sessionStanding({ ...row, expiresAt: "not a date" }, "u1", now)).toBeNull();
    expect(sessionStanding(undefined, "u1", now)).toBeNull();
    expect(sessionStanding({ ...row, user: { ...row.user, disabled: true } }, "u1", now)).toBeNull();
    expect(sessionStanding(row, "u2", now)).toBeNull();
  });
});

describe("sessionLifetimeMs", () => {
  it("is 12 hours unless SESSION_LIFETIME_SECONDS says otherwise", () => {
    expect(sessionLifetimeMs({})).toBe(12 * 3600 * 1000);
    expect(sessionLifetimeMs({ SESSION_LIFETIME_SECONDS: "6" })).toBe(6000);
    expect(() => sessionLifetimeMs({ SESSION_LIFETIME_SECONDS: "0" })).toThrow(/SESSION_LIFETIME_SECONDS/);
    expect(() => sessionLifetimeMs({ SESSION_LIFETIME_SECONDS: "1.5" })).toThrow(/SESSION_LIFETIME_SECONDS/);
  });
});

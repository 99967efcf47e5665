import { describe, expect, it } from "vitest";
import { passwordStamp } from "./password";
import { sessionStanding } from "./session-standing";

const secret = "test-secret";
const row = { id: "u1", email: "a@b.test", name: "A", role: "reviewer" as const, disabled: false, mustChangePassword: false, passwordHash: "$argon2id$one" };

describe("sessionStanding", () => {
  it("accepts a token issued for the current password", () => {
    expect(sessionStanding(row, passwordStamp(row.passwordHash, secret), secret)).toEqual({
      id: "u1",
      email: "a@b.test",
      name: "A",
      role: "reviewer",
      mustChangePassword: false,
    });
  });
  it("reports a pending password change", () => {
    const r = { ...row, mustChangePassword: true };
    expect(sessionStanding(r, passwordStamp(r.passwordHash, secret), secret)?.mustChangePassword).toBe(true);
  });
  it("ends sessions of disabled or deleted accounts and of a changed or reset password", () => {
    const stamp = passwordStamp(row.passwordHash, secret);
    expect(sessionStanding({ ...row, disabled: true }, stamp, secret)).toBeNull();
    expect(sessionStanding(undefined, stamp, secret)).toBeNull();
    expect(sessionStanding({ ...row, passwordHash: "$argon2id$two" }, stamp, secret)).toBeNull();
    expect(sessionStanding(row, undefined, secret)).toBeNull();
    expect(sessionStanding(row, passwordStamp(row.passwordHash, "other-secret"), secret)).toBeNull();
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import * as schema from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { sessionStanding } from "@/lib/session-standing";
import { expectAppError, openTestDesk, TEST_PASSWORD } from "@/test/support/database";
import { createSession, openSessionCounts, readSession, revokeSession, signOutEverywhere, signOutOtherSessions } from "./sessions";
import { changeOwnPassword, resetAccountPassword, setAccountDisabled, setAccountRole } from "./users";

const desk = await openTestDesk("sessions");
afterAll(desk.close);

/** Whether this browser's session still opens the desk, as getCurrentUser decides. */
async function alive(user: SessionUser): Promise<boolean> {
  return sessionStanding(await readSession(user.sessionId!), user.id, Date.now()) !== null;
}

async function userRow(id: string) {
  return (await (await getDb()).query.users.findFirst({ where: eq(schema.users.id, id) }))!;
}

async function audit(entityId: string, type: string) {
  const db = await getDb();
  return db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.entityId, entityId), eq(schema.auditEvents.type, type)));
}

describe("sessions", () => {
  it("a sign-in creates a session that lasts 12 hours from then, read with the user in one row", async () => {
    const before = Date.now();
    const laptop = await desk.signIn(desk.reviewer);
    const row = await readSession(laptop.sessionId!);
    expect(row?.user).toMatchObject({ id: desk.reviewer.id, role: "reviewer", disabled: false });
    const end = Date.parse(row!.expiresAt);
    expect(end - before).toBeGreaterThanOrEqual(12 * 3600_000 - 1000);
    expect(end - before).toBeLessThanOrEqual(12 * 3600_000 + 5000);
    expect(await alive(laptop)).toBe(true);
    expect(await readSession("no-such-session")).toBeUndefined();
  });

  it("signing out ends that session only", async () => {
    const user = await desk.addUser("reviewer");
    const [laptop, phone] = [await desk.signIn(user), await desk.signIn(user)];
    await revokeSession(laptop.sessionId!);
    expect(await alive(laptop)).toBe(false);
    expect(await alive(phone)).toBe(true);
    expect((await readSession(laptop.sessionId!))?.revokedAt).not.toBeNull();
  });

  it("is not created for a disabled account or a password that changed since it was checked", async () => {
    const user = await desk.addUser("reviewer");
    const { passwordHash } = await userRow(user.id);
    expect(await createSession({ userId: user.id, passwordHash: "$argon2id$an-older-hash" })).toBeNull();
    await setAccountDisabled({ actor: desk.admin, input: { userId: user.id, disabled: true } });
    expect(await createSession({ userId: user.id, passwordHash })).toBeNull();
  });

  it("disabling ends every session, and enabling again revives none", async () => {
    const user = await desk.addUser("editor");
    const browsers = [await desk.signIn(user), await desk.signIn(user)];
    await setAccountDisabled({ actor: desk.admin, input: { userId: user.id, disabled: true } });
    await setAccountDisabled({ actor: desk.admin, input: { userId: user.id, disabled: false } });
    for (const b of browsers) expect(await alive(b)).toBe(false);
    expect((await readSession(browsers[0]!.sessionId!))?.revokedReason).toBe("disabled");
    // A new sign-in works again.
    expect(await alive(await desk.signIn(user))).toBe(true);
  });

  it("refusing to disable the last admin ends no session", async () => {
    const admin = await desk.signIn(desk.admin);
    const other = await desk.addUser("editor");
    await expectAppError(setAccountDisabled({ actor: { ...other, role: "admin" }, input: { userId: desk.admin.id, disabled: true } }), "conflict:user");
    expect(await alive(admin)).toBe(true);
  });

  it("a role change ends the account's sessions (but an admin changing their own keeps the current one)", async () => {
    const user = await desk.addUser("reviewer");
    const browser = await desk.signIn(user);
    await setAccountRole({ actor: desk.admin, input: { userId: user.id, role: "editor" } });
    expect(await alive(browser)).toBe(false);
    expect((await readSession(browser.sessionId!))?.revokedReason).toBe("role_changed");

    const second = await desk.addUser("admin");
    const [here, elsewhere] = [await desk.signIn(second), await desk.signIn(second)];
    await setAccountRole({ actor: here, input: { userId: second.id, role: "editor" } });
    expect(await alive(here)).toBe(true);
    expect(await alive(elsewhere)).toBe(false);
  });

  it("a refused role change (the last admin) ends no session", async () => {
    const admin = await desk.signIn(desk.admin);
    await expectAppError(setAccountRole({ actor: admin, input: { userId: desk.admin.id, role: "editor" } }), "conflict:user");
    expect(await alive(admin)).toBe(true);
  });

  it("a password reset by an admin ends every session", async () => {
    const user = await desk.addUser("reviewer");
    const browser = await desk.signIn(user);
    await resetAccountPassword({ actor: desk.admin, input: { userId: user.id } });
    expect(await alive(browser)).toBe(false);
    expect((await readSession(browser.sessionId!))?.revokedReason).toBe("password_reset");
  });

  it("changing one's own password signs out the other browsers; this one stays", async () => {
    const user = await desk.addUser("reviewer");
    const [here, elsewhere] = [await desk.signIn(user), await desk.signIn(user)];
    const newPassword = "a completely new passphrase";
    await changeOwnPassword({ actor: here, input: { currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword } });
    expect(await alive(here)).toBe(true);
    expect(await alive(elsewhere)).toBe(false);
  });

  it("an admin signs an account out everywhere, audited with the number of sessions ended", async () => {
    const user = await desk.addUser("reviewer");
    const browsers = [await desk.signIn(user), await desk.signIn(user), await desk.signIn(user)];
    await revokeSession(browsers[2]!.sessionId!);
    expect((await openSessionCounts([user.id])).get(user.id)).toBe(2);
    expect(await signOutEverywhere({ actor: desk.admin, input: { userId: user.id } })).toEqual({ ended: 2 });
    for (const b of browsers) expect(await alive(b)).toBe(false);
    expect((await openSessionCounts([user.id])).get(user.id)).toBeUndefined();
    const [row] = await audit(user.id, "signed_out_everywhere");
    expect(row).toMatchObject({ entityType: "user", actorId: desk.admin.id, data: { sessions: 2 } });
    // Nothing left: still audited, with 0.
    expect(await signOutEverywhere({ actor: desk.admin, input: { userId: user.id } })).toEqual({ ended: 0 });
  });

  it("an admin signing out everywhere on their own account keeps the browser they are using", async () => {
    const [here, elsewhere] = [await desk.signIn(desk.admin), await desk.signIn(desk.admin)];
    await signOutEverywhere({ actor: here, input: { userId: desk.admin.id } });
    expect(await alive(here)).toBe(true);
    expect(await alive(elsewhere)).toBe(false);
  });

  it("anyone can sign out their other browsers; this one stays", async () => {
    const user = await desk.addUser("reviewer");
    const [here, laptop, phone] = [await desk.signIn(user), await desk.signIn(user), await desk.signIn(user)];
    expect(await signOutOtherSessions({ actor: here })).toEqual({ ended: 2 });
    expect([await alive(here), await alive(laptop), await alive(phone)]).toEqual([true, false, false]);
    const [row] = await audit(user.id, "signed_out_elsewhere");
    expect(row).toMatchObject({ actorId: user.id, data: { sessions: 2 } });
    await expectAppError(signOutOtherSessions({ actor: user }), "unauthorized:auth");
  });

  it("only admins sign others out, and only existing accounts", async () => {
    await expectAppError(signOutEverywhere({ actor: desk.editor, input: { userId: desk.reviewer.id } }), "forbidden:user");
    await expectAppError(signOutEverywhere({ actor: desk.admin, input: { userId: "0e5a3c1e-0000-4000-8000-000000000000" } }), "not_found:user");
    await expectAppError(signOutEverywhere({ actor: desk.admin, input: { userId: "not an id" } }), "bad_request:user");
  });

  it("expired sessions are refused, and deleted at the next sign-in", async () => {
    const user = await desk.addUser("reviewer");
    const { passwordHash } = await userRow(user.id);
    const old = await createSession({ userId: user.id, passwordHash, now: Date.now() - 13 * 3600_000 });
    expect(sessionStanding(await readSession(old!.id), user.id, Date.now())).toBeNull();
    await desk.signIn(user);
    expect(await readSession(old!.id)).toBeUndefined();
  });
});

import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createClaim, deleteClaim, getClaim, saveClaim } from "@/db/queries/claims";
import * as users from "@/db/queries/users";
import * as scale from "@/db/queries/verdict-scale";
import * as schema from "@/db/schema";
import { verifyPassword } from "@/lib/password";
import { DEFAULT_VERDICT_SCALE } from "@/lib/verdicts";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("admin");
afterAll(desk.close);
const { admin, reviewer, editor } = desk;
const { id: articleId, plainText } = desk.sample;

async function auditRows(entityId: string) {
  const db = await getDb();
  return db.select().from(schema.auditEvents).where(eq(schema.auditEvents.entityId, entityId));
}

async function userRow(id: string) {
  const db = await getDb();
  return (await db.query.users.findFirst({ where: eq(schema.users.id, id) }))!;
}

let n = 0;
async function newAccount(role: "reviewer" | "editor" | "admin" = "reviewer") {
  n += 1;
  return users.createAccount({ actor: admin, input: { name: `Person ${n}`, email: `Person${n}@Example.org`, role } });
}

describe("accounts", () => {
  it("creates an account with a one-time password stored only as a hash, and audits it without secrets", async () => {
    const { account, password } = await newAccount();
    expect(account.email).toMatch(/^person\d+@example\.org$/);
    expect(account.mustChangePassword).toBe(true);
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    const row = await userRow(account.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    const audit = await auditRows(account.id);
    expect(audit.map((a) => [a.entityType, a.type, a.actorId])).toEqual([["user", "created", admin.id]]);
    expect(JSON.stringify(audit)).not.toContain(password);
    expect(JSON.stringify(audit)).not.toContain(row.passwordHash);
  });

  it("refuses a duplicate email (any case) with a field error", async () => {
    const { account } = await newAccount();
    await expect(
      users.createAccount({ actor: admin, input: { name: "Dup", email: account.email.toUpperCase(), role: "editor" } }),
    ).rejects.toMatchObject({ type: "conflict", fieldErrors: { email: "An account with this email already exists." } });
    await expect(users.createAccount({ actor: admin, input: { name: "", email: "nope", role: "boss" } })).rejects.toMatchObject({
      type: "bad_request",
      fieldErrors: { name: expect.any(String), email: expect.any(String), role: expect.any(String) },
    });
  });

  it("lets only admins manage accounts", async () => {
    await expect(users.listAccounts({ actor: editor })).rejects.toMatchObject({ type: "forbidden" });
    await expect(users.createAccount({ actor: reviewer, input: { name: "X", email: "x@example.org", role: "admin" } })).rejects.toMatchObject({
      type: "forbidden",
    });
    await expect(users.setAccountRole({ actor: editor, input: { userId: editor.id, role: "admin" } })).rejects.toMatchObject({ type: "forbidden" });
  });

  it("changes roles and disables/enables with an audit row each", async () => {
    const { account } = await newAccount();
    expect((await users.setAccountRole({ actor: admin, input: { userId: account.id, role: "editor" } })).role).toBe("editor");
    expect((await users.setAccountDisabled({ actor: admin, input: { userId: account.id, disabled: true } })).disabled).toBe(true);
    expect((await users.setAccountDisabled({ actor: admin, input: { userId: account.id, disabled: false } })).disabled).toBe(false);
    const audit = await auditRows(account.id);
    expect(audit.map((a) => a.type)).toEqual(["created", "role_changed", "disabled", "enabled"]);
    expect(audit[1]!.data).toEqual({ role: { before: "reviewer", after: "editor" } });
    await expect(users.setAccountRole({ actor: admin, input: { userId: crypto.randomUUID(), role: "editor" } })).rejects.toMatchObject({
      type: "not_found",
    });
  });

  it("never leaves the desk without an active admin, even when two admins demote each other at once", async () => {
    // The demo admin is the only admin.
    await expect(users.setAccountRole({ actor: admin, input: { userId: admin.id, role: "editor" } })).rejects.toMatchObject({
      type: "conflict",
      message: expect.stringMatching(/at least one active admin/),
    });
    await expect(users.setAccountDisabled({ actor: admin, input: { userId: admin.id, disabled: true } })).rejects.toMatchObject({
      type: "bad_request",
    });
    expect((await userRow(admin.id)).role).toBe("admin");
    expect((await auditRows(admin.id)).length).toBe(0);

    // A second admin: now each may demote the other, but not both.
    const { account: second } = await newAccount("admin");
    const secondActor = { id: second.id, email: second.email, name: second.name, role: "admin" as const };
    const results = await Promise.allSettled([
      users.setAccountRole({ actor: admin, input: { userId: second.id, role: "reviewer" } }),
      users.setAccountRole({ actor: secondActor, input: { userId: admin.id, role: "reviewer" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    const activeAdmins = (await db.select().from(schema.users)).filter((u) => u.role === "admin" && !u.disabled);
    expect(activeAdmins).toHaveLength(1);
    // Put the demo admin back if it was the one demoted (the other stays demoted).
    if ((await userRow(admin.id)).role !== "admin") {
      await users.setAccountRole({ actor: { ...secondActor }, input: { userId: admin.id, role: "admin" } });
    }
    // A disabled admin does not count: with the second admin disabled, the demo admin is the last again.
    await users.setAccountRole({ actor: admin, input: { userId: second.id, role: "admin" } });
    await users.setAccountDisabled({ actor: admin, input: { userId: second.id, disabled: true } });
    await expect(users.setAccountRole({ actor: admin, input: { userId: admin.id, role: "reviewer" } })).rejects.toMatchObject({ type: "conflict" });
    // ...and demoting a disabled admin is allowed.
    expect((await users.setAccountRole({ actor: admin, input: { userId: second.id, role: "editor" } })).role).toBe("editor");
  });

  it("resets a password to a new one-time password and lets the user choose their own", async () => {
    const { account, password: first } = await newAccount();
    const { password: second } = await users.resetAccountPassword({ actor: admin, input: { userId: account.id } });
    expect(second).not.toBe(first);
    let row = await userRow(account.id);
    expect(await verifyPassword(row.passwordHash, first)).toBe(false);
    expect(await verifyPassword(row.passwordHash, second)).toBe(true);
    expect(row.mustChangePassword).toBe(true);

    const me = { id: account.id, email: account.email, name: account.name, role: account.role, mustChangePassword: true };
    await expect(users.changeOwnPassword({ actor: me, input: { newPassword: "short", confirmPassword: "short" } })).rejects.toMatchObject({
      fieldErrors: { newPassword: "Use at least 12 characters." },
    });
    await expect(
      users.changeOwnPassword({ actor: me, input: { newPassword: "a-long-new-password", confirmPassword: "a-long-new-passw0rd" } }),
    ).rejects.toMatchObject({ fieldErrors: { confirmPassword: expect.any(String) } });
    await expect(users.changeOwnPassword({ actor: me, input: { newPassword: second, confirmPassword: second } })).rejects.toMatchObject({
      fieldErrors: { newPassword: expect.any(String) },
    });
    await users.changeOwnPassword({ actor: me, input: { newPassword: "a-long-new-password", confirmPassword: "a-long-new-password" } });
    row = await userRow(account.id);
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, "a-long-new-password")).toBe(true);
    // From now on the current password is asked.
    await expect(
      users.changeOwnPassword({ actor: me, input: { currentPassword: "wrong", newPassword: "another-long-one", confirmPassword: "another-long-one" } }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: expect.any(String) } });
    const audit = await auditRows(account.id);
    expect(audit.map((a) => a.type)).toEqual(["created", "password_reset", "password_changed"]);
    expect(JSON.stringify(audit)).not.toMatch(/argon2|a-long-new-password/);
    expect(JSON.stringify(audit)).not.toContain(second);
  });
});

describe("verdict scale", () => {
  const fields = (label: string, over: Record<string, unknown> = {}) => ({ label, description: "", color: "#1d4ed8", value: "", icon: "circle", ...over });

  it("adds a verdict at the end with a key from its label, and keeps labels unique without case", async () => {
    const added = await scale.createVerdict({ actor: admin, input: fields("Needs context", { value: "0.4" }) });
    expect(added).toMatchObject({ key: "needs_context", label: "Needs context", value: 0.4, position: DEFAULT_VERDICT_SCALE.length });
    await expect(scale.createVerdict({ actor: admin, input: fields("  needs CONTEXT ") })).rejects.toMatchObject({
      type: "conflict",
      fieldErrors: { label: expect.any(String) },
    });
    await expect(scale.createVerdict({ actor: admin, input: fields("false") })).rejects.toMatchObject({ type: "conflict" });
    await expect(scale.updateVerdict({ actor: admin, input: { key: "needs_context", fields: fields("Mostly True") } })).rejects.toMatchObject({
      type: "conflict",
    });
    await expect(scale.createVerdict({ actor: editor, input: fields("Editor's own") })).rejects.toMatchObject({ type: "forbidden" });
    expect((await auditRows("needs_context")).map((a) => a.type)).toEqual(["created"]);
  });

  it("renames, recolours and reorders with audit rows; claims keep their key", async () => {
    const v = await scale.createVerdict({ actor: admin, input: fields("Satire") });
    const updated = await scale.updateVerdict({ actor: admin, input: { key: v.key, fields: fields("Satire or parody", { color: "#334155", icon: "shuffle" }) } });
    expect(updated).toMatchObject({ key: "satire", label: "Satire or parody", color: "#334155", icon: "shuffle" });
    const before = (await scale.getVerdictScale()).map((x) => x.key);
    const after = (await scale.moveVerdict({ actor: admin, input: { key: "satire", direction: "up" } })).map((x) => x.key);
    const i = before.indexOf("satire");
    expect(after.indexOf("satire")).toBe(i - 1);
    expect(after[i]).toBe(before[i - 1]);
    // The first one cannot move up.
    expect((await scale.moveVerdict({ actor: admin, input: { key: after[0]!, direction: "up" } })).map((x) => x.key)).toEqual(after);
    const audit = await auditRows("satire");
    expect(audit.map((a) => a.type)).toEqual(["created", "updated", "reordered"]);
    expect(audit[1]!.data).toMatchObject({ label: { before: "Satire", after: "Satire or parody" } });
  });

  it("deletes a verdict in use only by mapping its claims to another, in one write with claim events", async () => {
    const v = await scale.createVerdict({ actor: admin, input: fields("Out of context") });
    const quote = "The vast majority of Iraq’s provinces are controlled by Iran-supported militias";
    const start = plainText.indexOf(quote);
    const claim = await createClaim({ actor: reviewer, input: { articleId, start, end: start + quote.length, exact: quote } });
    const saved = await saveClaim({
      actor: reviewer,
      input: { claimId: claim.id, baseVersion: 1, fields: { claimAsChecked: quote, claimant: "", verdict: v.key, rationale: "", status: "open", sources: [] } },
    });
    expect(saved.status).toBe("saved");
    const usage = await scale.listVerdictScaleWithUsage({ actor: admin });
    expect(usage.find((u) => u.key === v.key)!.claimCount).toBe(1);

    await expect(scale.deleteVerdict({ actor: admin, input: { key: v.key } })).rejects.toMatchObject({
      type: "bad_request",
      fieldErrors: { replacement: expect.stringMatching(/1 claim uses this verdict/) },
    });
    await expect(scale.deleteVerdict({ actor: admin, input: { key: v.key, replacement: v.key } })).rejects.toMatchObject({ type: "bad_request" });
    await expect(scale.deleteVerdict({ actor: admin, input: { key: v.key, replacement: "nope" } })).rejects.toMatchObject({ type: "bad_request" });
    expect((await getClaim({ claimId: claim.id })).verdict).toBe(v.key);

    expect(await scale.deleteVerdict({ actor: admin, input: { key: v.key, replacement: "false" } })).toEqual({ remapped: 1 });
    const after = await getClaim({ claimId: claim.id });
    expect(after.verdict).toBe("false");
    expect(after.version).toBe(3);
    expect((await scale.getVerdictScale()).some((x) => x.key === v.key)).toBe(false);
    const db = await getDb();
    const events = await db.select().from(schema.claimEvents).where(eq(schema.claimEvents.claimId, claim.id));
    expect(events.at(-1)).toMatchObject({ type: "updated", version: 3, actorId: admin.id, data: { verdict: { before: v.key, after: "false" } } });
    expect((await auditRows(v.key)).map((a) => [a.type, (a.data as { replacement?: string }).replacement])).toEqual([
      ["created", undefined],
      ["deleted", "false"],
    ]);
    await deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: after.version } });
  });

  it("deletes an unused verdict without a replacement, and never the last one", async () => {
    const v = await scale.createVerdict({ actor: admin, input: fields("Temporary") });
    expect(await scale.deleteVerdict({ actor: admin, input: { key: v.key, replacement: "" } })).toEqual({ remapped: 0 });
    await expect(scale.deleteVerdict({ actor: admin, input: { key: v.key } })).rejects.toMatchObject({ type: "not_found" });

    // Reduce a scale to one verdict (in this test database only) and try to delete it.
    const db = await getDb();
    const rest = (await scale.getVerdictScale()).filter((x) => x.key !== "false");
    await db.update(schema.claims).set({ verdict: null });
    for (const x of rest) await scale.deleteVerdict({ actor: admin, input: { key: x.key } });
    await expect(scale.deleteVerdict({ actor: admin, input: { key: "false" } })).rejects.toMatchObject({
      type: "bad_request",
      message: expect.stringMatching(/at least one verdict/),
    });
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import * as schema from "@/db/schema";
import { expectAppError, openTestDesk } from "@/test/support/database";
import { setAccountDisabled, setAccountRole } from "./users";
import { apiRateLimit, authenticateToken, chargeToken, createToken, hashTokenSecret, listAllTokens, listTokens, revokeToken } from "./tokens";

const desk = await openTestDesk("tokens");
afterAll(desk.close);

const input = { name: "CMS import", scope: "write", expiresInDays: 30 };

describe("personal access tokens", () => {
  it("a new token's secret is returned once and stored only as its SHA-256", async () => {
    const { token, secret } = await createToken({ actor: desk.reviewer, input });
    expect(secret).toMatch(/^cdk_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "CMS import", scope: "write", state: "active", lastUsedAt: null });
    expect(secret.startsWith(token.prefix)).toBe(true);
    const row = (await (await getDb()).query.apiTokens.findFirst({ where: eq(schema.apiTokens.id, token.id) }))!;
    expect(row.secretHash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(await listTokens({ actor: desk.reviewer }))).not.toContain(secret);
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it("refuses a name-less token, an unknown scope and an expiry off the list", async () => {
    await expectAppError(createToken({ actor: desk.reviewer, input: { ...input, name: " " } }), "bad_request:token");
    await expectAppError(createToken({ actor: desk.reviewer, input: { ...input, scope: "admin" } }), "bad_request:token");
    await expectAppError(createToken({ actor: desk.reviewer, input: { ...input, expiresInDays: 10_000 } }), "bad_request:token");
  });

  it("a token stands for its owner with the owner's current role, and dies with a disabled account", async () => {
    const owner = await desk.addUser("reviewer");
    const { secret } = await createToken({ actor: owner, input });
    expect((await authenticateToken(secret))?.user).toMatchObject({ id: owner.id, role: "reviewer" });
    expect((await authenticateToken(secret))?.user.sessionId).toBeUndefined();
    await setAccountRole({ actor: desk.admin, input: { userId: owner.id, role: "editor" } });
    expect((await authenticateToken(secret))?.user.role).toBe("editor");
    await setAccountDisabled({ actor: desk.admin, input: { userId: owner.id, disabled: true } });
    expect(await authenticateToken(secret)).toBeNull();
    await setAccountDisabled({ actor: desk.admin, input: { userId: owner.id, disabled: false } });
    expect(await authenticateToken(secret)).not.toBeNull();
  });

  it("an unknown, a revoked and an expired token are refused", async () => {
    expect(await authenticateToken("cdk_nothing")).toBeNull();
    expect(await authenticateToken("Bearer x")).toBeNull();
    const { token, secret } = await createToken({ actor: desk.editor, input });
    const revoked = await revokeToken({ actor: desk.editor, input: { tokenId: token.id } });
    expect(revoked.state).toBe("revoked");
    expect(await authenticateToken(secret)).toBeNull();

    const old = await createToken({ actor: desk.editor, input });
    await (await getDb()).update(schema.apiTokens).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(schema.apiTokens.id, old.token.id));
    expect(await authenticateToken(old.secret)).toBeNull();
    expect((await listTokens({ actor: desk.editor })).find((t) => t.id === old.token.id)?.state).toBe("expired");
  });

  it("a user revokes only their own tokens; an admin revokes anyone's, audited on the owner", async () => {
    const { token } = await createToken({ actor: desk.reviewer, input });
    await expectAppError(revokeToken({ actor: desk.editor, input: { tokenId: token.id } }), "not_found:token");
    expect((await listTokens({ actor: desk.reviewer })).find((t) => t.id === token.id)?.state).toBe("active");
    expect((await listAllTokens({ actor: desk.admin })).some((t) => t.id === token.id && t.ownerId === desk.reviewer.id)).toBe(true);
    await expectAppError(listAllTokens({ actor: desk.editor }), "forbidden:token");
    await revokeToken({ actor: desk.admin, input: { tokenId: token.id } });
    expect((await listTokens({ actor: desk.reviewer })).find((t) => t.id === token.id)?.state).toBe("revoked");
    const audit = await (await getDb())
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.entityId, desk.reviewer.id), eq(schema.auditEvents.type, "token_revoked")));
    expect(audit.map((a) => a.actorId)).toContain(desk.admin.id);
  });

  it("counts requests per token in the database, records the last use, and starts afresh in the next window", async () => {
    const { token } = await createToken({ actor: desk.reviewer, input });
    const limit = { limit: 3, windowMs: 60_000 };
    const t0 = 1_700_000_040_000;
    const charges = await Promise.all([1, 2, 3, 4].map(() => chargeToken(token.id, limit, t0)));
    expect(charges.filter((c) => c.allowed)).toHaveLength(3);
    expect(charges.map((c) => c.remaining).sort()).toEqual([0, 0, 1, 2]);
    expect(charges[0]!.resetAt).toBe(t0 + 60_000);
    const next = await chargeToken(token.id, limit, t0 + 60_000);
    expect(next).toMatchObject({ allowed: true, remaining: 2 });
    const row = (await listTokens({ actor: desk.reviewer })).find((t) => t.id === token.id)!;
    expect(row.lastUsedAt).toBe(new Date(t0 + 60_000).toISOString());
    // Another token has its own count.
    const other = await createToken({ actor: desk.reviewer, input });
    expect((await chargeToken(other.token.id, limit, t0)).allowed).toBe(true);
  });

  it("reads the limit from API_RATE_LIMIT_PER_MINUTE", () => {
    expect(apiRateLimit({})).toEqual({ limit: 600, windowMs: 60_000 });
    expect(apiRateLimit({ API_RATE_LIMIT_PER_MINUTE: "5" }).limit).toBe(5);
    expect(() => apiRateLimit({ API_RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(/whole number/);
  });
});

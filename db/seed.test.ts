import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-seed-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;

const { getDb, resetDb } = await import("@/db");
const { runMigrations } = await import("@/db/migrate");
const { seedDatabase } = await import("@/db/seed");
const { articles, users } = await import("@/db/schema");
const { verifyPassword } = await import("@/lib/password");

afterAll(() => {
  resetDb();
  rmSync(dir, { recursive: true, force: true });
});

describe("seed with ADMIN_EMAIL / ADMIN_PASSWORD", () => {
  it("refuses a half-set or weak admin", async () => {
    await runMigrations();
    await expect(seedDatabase({ ADMIN_EMAIL: "chief@newsroom.example" })).rejects.toThrow(/ADMIN_PASSWORD/);
    await expect(seedDatabase({ ADMIN_EMAIL: "chief@newsroom.example", ADMIN_PASSWORD: "short" })).rejects.toThrow(/12 characters/);
  });

  it("creates only that admin: no demo accounts, no sample article", async () => {
    const result = await seedDatabase({ ADMIN_EMAIL: "Chief@Newsroom.example", ADMIN_PASSWORD: "correct horse battery" });
    expect(result.created).toBe("admin");
    const db = await getDb();
    const rows = await db.select().from(users);
    expect(rows.map((u) => [u.email, u.role])).toEqual([["chief@newsroom.example", "admin"]]);
    expect(rows[0]!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword(rows[0]!.passwordHash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(rows[0]!.passwordHash, "wrong")).toBe(false);
    expect(await db.select().from(articles)).toEqual([]);
    expect((await seedDatabase({})).created).toBe("nothing");
  });
});

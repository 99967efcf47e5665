import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { articles, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { verifyPassword } from "@/lib/password";
import { openTestDesk } from "@/test/support/database";

// Migrated, not seeded: each test seeds as the server would at start.
const desk = await openTestDesk("seed", { seed: false });
afterAll(desk.close);

describe("seed with ADMIN_EMAIL / ADMIN_PASSWORD", () => {
  it("refuses a half-set or weak admin", async () => {
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

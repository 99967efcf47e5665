import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDesk, type TestDesk } from "@/test/support/database";
import { DEFAULT_VERDICT_SCALE } from "@/lib/verdicts";

// Migration 0005: the default scale lists Misleading (0.2) above False (0);
// a scale an admin has reordered is left as it is.

const MIGRATION = readFileSync(path.join(__dirname, "..", "migrations", "0005_a11y.sql"), "utf8");

let desk: TestDesk;
beforeAll(async () => {
  desk = await openTestDesk("scale-order", { seed: false });
});
afterAll(() => desk?.close());

async function order(): Promise<string[]> {
  const { getDb } = await import("@/db");
  const db = await getDb();
  const { verdictScale } = await import("@/db/schema");
  const { asc } = await import("drizzle-orm");
  return (await db.select({ key: verdictScale.key }).from(verdictScale).orderBy(asc(verdictScale.position))).map((r) => r.key);
}

async function setOrder(keys: string[]) {
  const { getDb } = await import("@/db");
  const db = await getDb();
  const { verdictScale } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  for (const [position, key] of keys.entries()) await db.update(verdictScale).set({ position }).where(eq(verdictScale.key, key));
}

async function runMigrationAgain() {
  const { getDb } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  await (await getDb()).run(sql.raw(MIGRATION));
}

describe("the default verdict order", () => {
  it("a fresh desk lists the verdicts from true to false, Misleading above False, as DEFAULT_VERDICT_SCALE does", async () => {
    const keys = await order();
    expect(keys).toEqual(["true", "mostly_true", "half_true", "mostly_false", "misleading", "false", "unverifiable"]);
    expect(keys).toEqual([...DEFAULT_VERDICT_SCALE].sort((a, b) => a.position - b.position).map((v) => v.key));
  });

  it("reorders a desk still on the order 0001 seeded", async () => {
    await setOrder(["true", "mostly_true", "half_true", "mostly_false", "false", "misleading", "unverifiable"]);
    await runMigrationAgain();
    expect(await order()).toEqual(["true", "mostly_true", "half_true", "mostly_false", "misleading", "false", "unverifiable"]);
  });

  it("leaves a scale an admin reordered as it is", async () => {
    const custom = ["unverifiable", "true", "mostly_true", "half_true", "mostly_false", "false", "misleading"];
    await setOrder(custom);
    await runMigrationAgain();
    expect(await order()).toEqual(custom);
  });
});

import "server-only";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { createArticle } from "@/db/queries/articles";
import { hashPassword } from "@/lib/password";
import type { Role } from "@/lib/verdicts";

/**
 * Demo accounts for a fresh install without ADMIN_EMAIL/ADMIN_PASSWORD. They
 * are documented in the README; a real desk sets ADMIN_* and gets none of them.
 */
export const DEMO_ACCOUNTS: { role: Role; email: string; name: string; password: string }[] = [
  { role: "reviewer", email: "reviewer@claimdesk.test", name: "Rita Reviewer", password: "reviewer-demo-pass" },
  { role: "editor", email: "editor@claimdesk.test", name: "Eddie Editor", password: "editor-demo-pass" },
  { role: "admin", email: "admin@claimdesk.test", name: "Ada Admin", password: "admin-demo-pass" },
];

export const SAMPLE_ARTICLE = {
  title: "Middle East Tensions Flare: Iraq-Linked Militias Attack Iran-Backed Forces Amid Regional Unrest",
  publishedOn: "2024-11-01",
};

export type SeedResult = { created: "nothing" | "admin" | "demo"; accounts: { role: Role; email: string; password?: string }[] };

/** Runs at every start; does something only on a database with no users. */
export async function seedDatabase(env: Record<string, string | undefined> = process.env): Promise<SeedResult> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  if ((row?.n ?? 0) > 0) return { created: "nothing", accounts: [] };

  const adminEmail = env.ADMIN_EMAIL?.trim().toLowerCase();
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminEmail || adminPassword) {
    if (!adminEmail || !adminPassword || adminPassword.length < 12) {
      throw new Error("Set both ADMIN_EMAIL and ADMIN_PASSWORD (at least 12 characters) to create the first admin.");
    }
    await db
      .insert(users)
      .values({ id: randomUUID(), email: adminEmail, name: "Administrator", role: "admin", passwordHash: await hashPassword(adminPassword) })
      .onConflictDoNothing();
    return { created: "admin", accounts: [{ role: "admin", email: adminEmail }] };
  }

  const rows = await Promise.all(
    DEMO_ACCOUNTS.map(async (a) => ({ id: randomUUID(), email: a.email, name: a.name, role: a.role, passwordHash: await hashPassword(a.password) })),
  );
  await db.insert(users).values(rows).onConflictDoNothing();
  const body = await readFile(path.join(process.cwd(), "db", "seed", "middle-east-tensions.md"), "utf8");
  await createArticle({
    actor: null,
    input: { title: SAMPLE_ARTICLE.title, publishedOn: SAMPLE_ARTICLE.publishedOn, format: "markdown", body },
  });
  return { created: "demo", accounts: DEMO_ACCOUNTS.map(({ role, email, password }) => ({ role, email, password })) };
}

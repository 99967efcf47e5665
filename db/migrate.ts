import "server-only";
import path from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import { getDb } from "./index";

/** Applies drizzle-kit's committed migrations; idempotent, run at every start. */
export async function runMigrations(): Promise<void> {
  const db = await getDb();
  await migrate(db, { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
}

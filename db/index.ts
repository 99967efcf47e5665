import "server-only";
import { mkdirSync } from "node:fs";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { dataDirectory, databaseUrl, isEmbeddedDatabase } from "@/lib/config";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema>;

type Connection = { client: Client; db: Db; ready: Promise<void> };

// One client per process (kept on globalThis so dev reloads don't open more).
const globalForDb = globalThis as unknown as { claimdeskDb?: Connection };

function connect(): Connection {
  const url = databaseUrl();
  if (isEmbeddedDatabase(url)) {
    mkdirSync(dataDirectory(url), { recursive: true });
    // One connection: PRAGMAs apply per connection, and the native driver runs
    // synchronously anyway, so a pool would only add lock waits on the event loop.
    const client = createClient({ url, timeout: 5000, concurrency: 1 });
    const ready = client
      .executeMultiple(
        // WAL persists in the file; the others must be set on this connection.
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
      )
      .then(() => undefined);
    return { client, db: drizzle({ client, schema }), ready };
  }
  const client = createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
  return { client, db: drizzle({ client, schema }), ready: Promise.resolve() };
}

/** The drizzle instance, connecting on first use (never at import, so `next build` opens nothing). */
export async function getDb(): Promise<Db> {
  globalForDb.claimdeskDb ??= connect();
  await globalForDb.claimdeskDb.ready;
  return globalForDb.claimdeskDb.db;
}

/**
 * Drops the client so the next call opens a fresh one. Used after SQLITE_BUSY:
 * a libsql client that saw BUSY can report later writes as committed when they
 * were not (libsql-client-ts#352), so it must not be reused.
 */
export function resetDb(): void {
  const current = globalForDb.claimdeskDb;
  globalForDb.claimdeskDb = undefined;
  current?.client.close();
}

export function isBusyError(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
    if (e instanceof Error && /SQLITE_BUSY|database is locked/i.test(e.message)) return true;
  }
  return false;
}

export { schema };

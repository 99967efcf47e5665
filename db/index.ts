import "server-only";
import { mkdirSync } from "node:fs";
import { createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { dataDirectory, databaseUrl, isEmbeddedDatabase } from "@/lib/config";
import { BusyRetryClient, isBusyError } from "./busy-retry";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema>;

type Connection = { client: BusyRetryClient; db: Db; ready: Promise<void> };

// One client per process (kept on globalThis so dev reloads don't open more).
const globalForDb = globalThis as unknown as { claimdeskDb?: Connection };

/**
 * SQLite's own busy wait (`busy_timeout`, which the driver's `timeout` option
 * sets when it opens a connection). It runs synchronously on the event loop,
 * so it stays short: it absorbs another process's ordinary few-millisecond
 * writes; longer locks are waited for asynchronously by BusyRetryClient.
 */
export const DRIVER_BUSY_TIMEOUT_MS = 10;

/** How long a query waits for a lock held by another process before the user is told the database is busy. */
export const DEFAULT_BUSY_WAIT_MS = 20_000;

export function busyWaitMs(): number {
  const raw = process.env.DATABASE_BUSY_WAIT_MS?.trim();
  const value = raw ? Number(raw) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_BUSY_WAIT_MS;
}

// PRAGMAs that live on a connection, so every reopened connection gets them again.
const CONNECTION_PRAGMAS = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

function connect(): Connection {
  const url = databaseUrl();
  const embedded = isEmbeddedDatabase(url);
  if (embedded) mkdirSync(dataDirectory(url), { recursive: true });
  const client = new BusyRetryClient(
    {
      // One connection: PRAGMAs apply per connection, and the native driver runs
      // synchronously anyway, so a pool would only add lock waits on the event loop.
      open: embedded
        ? async () => {
            const c = createClient({ url, timeout: DRIVER_BUSY_TIMEOUT_MS, concurrency: 1 });
            try {
              await c.executeMultiple(CONNECTION_PRAGMAS);
            } catch (error) {
              c.close();
              throw error;
            }
            return c;
          }
        : async () => createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN }),
      waitMs: busyWaitMs(),
      // A libSQL server waits for its own locks; its client is asynchronous and blocks nothing here.
      retry: embedded,
      onGiveUp: ({ attempts, waitedMs }) =>
        console.warn(`Claimdesk: the database stayed locked by another process for ${Math.round(waitedMs)} ms (${attempts} attempts); answered "database busy".`),
    },
    embedded ? "file" : url.slice(0, url.indexOf(":")),
  );
  // WAL persists in the file; setting it once per process is enough (and a no-op when it is already on).
  const ready = embedded ? client.execute("PRAGMA journal_mode = WAL").then(() => undefined) : Promise.resolve();
  return { client, db: drizzle({ client, schema }), ready };
}

/** The drizzle instance, connecting on first use (never at import, so `next build` opens nothing). */
export async function getDb(): Promise<Db> {
  const connection = (globalForDb.claimdeskDb ??= connect());
  try {
    await connection.ready;
  } catch (error) {
    // Not for ever: the next request tries again.
    if (globalForDb.claimdeskDb === connection) resetDb();
    throw error;
  }
  return connection.db;
}

/** Closes the client so the next call opens a fresh one (tests, benchmarks, scripts that swap the file). */
export function resetDb(): void {
  const current = globalForDb.claimdeskDb;
  globalForDb.claimdeskDb = undefined;
  current?.client.close();
}

export { isBusyError, schema };

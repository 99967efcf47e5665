/**
 * Shared by db:backup and db:restore. Plain JavaScript on purpose: they run on
 * a fresh production install (`npm ci --omit=dev`), with only the app's own
 * dependencies (@libsql/client, and @next/env, which ships with next).
 */
import { closeSync, fsyncSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";

/** The project root: where `npm start` runs the server, so where a relative DATABASE_URL points. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The same default as lib/config.ts. */
const DEFAULT_DATABASE_URL = "file:./data/claimdesk.db";

export class UserError extends Error {}

/** Loads .env files the way `next start` does, so DATABASE_URL means the same file here as for the server. */
export function loadEnv() {
  const require = createRequire(import.meta.url);
  const { loadEnvConfig } = createRequire(require.resolve("next/package.json"))("@next/env");
  loadEnvConfig(ROOT, false, { info: () => {}, error: console.error });
}

/** The embedded database file DATABASE_URL names (as lib/config.ts reads it), or a clear refusal for a libSQL server. */
export function databaseFile() {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) {
    const scheme = url.slice(0, Math.max(0, url.indexOf(":"))) || url;
    throw new UserError(
      `DATABASE_URL points to a libSQL server (${scheme}://…), not to a file on this machine. ` +
        "Back it up and restore it with your provider's own tools (Turso: point-in-time restore and database branches, " +
        "`turso db shell <db> .dump`; a self-hosted sqld: back up its data directory as its documentation says).",
    );
  }
  const file = url.slice("file:".length).split("?")[0] ?? "";
  if (file === "" || file === ":memory:") throw new UserError(`DATABASE_URL=${url} is not a database file.`);
  return path.resolve(ROOT, file);
}

/** A path the user typed: relative to the folder they ran `npm run` from. */
export function userPath(argument) {
  return path.resolve(process.env.INIT_CWD || process.cwd(), argument);
}

/**
 * The command's one argument, a file the user named (`npm run db:… -- <file>`):
 * `{ file }`, or `{ exitCode }` after printing the usage (0 for --help).
 */
export function fileArgument(usage) {
  const args = process.argv.slice(2);
  const help = args[0] === "--help" || args[0] === "-h";
  if (args.length === 1 && !help) return { file: userPath(args[0]) };
  console.error(usage);
  return { exitCode: help ? 0 : 2 };
}

export function open(file, options = {}) {
  return createClient({ url: pathToFileURL(file).href, ...options });
}

/** PRAGMA integrity_check: "ok", or the first problems it lists. */
export async function integrity(client) {
  const rows = (await client.execute("PRAGMA integrity_check")).rows.map((r) => String(r[0]));
  return rows.length === 1 && rows[0] === "ok" ? "ok" : rows.slice(0, 5).join("; ");
}

/** What is in a Claimdesk database, for the summary line; undefined for a table it lacks. */
export async function contents(client) {
  const tables = new Set((await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) => String(r.name)));
  const count = async (table, where = "") => (tables.has(table) ? Number((await client.execute(`SELECT count(*) AS n FROM "${table}" ${where}`)).rows[0].n) : undefined);
  return {
    tables,
    articles: await count("articles"),
    claims: await count("claims", "WHERE deleted_at IS NULL"),
    users: await count("users"),
    migrations: await count("__drizzle_migrations"),
  };
}

export function describeContents(c) {
  return `${c.articles ?? 0} articles, ${c.claims ?? 0} claims, ${c.users ?? 0} accounts`;
}

/** Flushes a file, or a folder's entries (after a rename), to disk. */
export function fsyncPath(target) {
  const fd = openSync(target, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function formatBytes(n) {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Runs a command's main, printing a UserError as a message (exit 1), anything else with its stack (exit 1). */
export function run(main) {
  main().then(
    (code) => process.exit(code ?? 0),
    (error) => {
      console.error(error instanceof UserError ? `error: ${error.message}` : error);
      process.exit(1);
    },
  );
}

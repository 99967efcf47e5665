/**
 * npm run db:restore -- <backup file>
 *
 * Replaces the embedded database (DATABASE_URL) with a backup made by
 * db:backup. In order, stopping at the first problem with the database left
 * as it was:
 *   1. the backup is copied beside the database and the copy checked: an
 *      SQLite file, `PRAGMA integrity_check` ok, a Claimdesk schema no newer
 *      than this code's migrations;
 *   2. the current database must be closed by everyone: the script takes
 *      SQLite's exclusive lock on it (locking_mode=EXCLUSIVE, then switching
 *      it out of WAL, which SQLite refuses while any other connection — a
 *      running server, a sqlite3 shell — has the file open). It fails at once
 *      if so. Switching out of WAL also folds the -wal into the main file;
 *   3. the current database is kept as <database>.before-restore-<time>
 *      (a hard link, or a copy), its empty -wal/-shm removed, and the checked
 *      copy renamed over it: one atomic rename, so the database is at every
 *      moment either the old file or the whole restored one.
 * The server applies newer migrations to an older backup when it starts.
 */
import { copyFileSync, existsSync, linkSync, openSync, readSync, closeSync, renameSync, rmSync, statSync, readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { ROOT, UserError, contents, databaseFile, describeContents, fsyncPath, integrity, loadEnv, open, fileArgument, run } from "./lib/database-file.mjs";

const USAGE = "usage: npm run db:restore -- <backup file>   (replaces the database named by DATABASE_URL, default ./data/claimdesk.db; stop the server first)";
const REQUIRED_TABLES = ["users", "articles", "claims", "claim_events", "__drizzle_migrations"];

function isSqliteFile(file) {
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString("latin1") === "SQLite format 3\0";
  } finally {
    closeSync(fd);
  }
}

function newestMigration() {
  const journal = JSON.parse(readFileSync(path.join(ROOT, "db/migrations/meta/_journal.json"), "utf8"));
  return Math.max(...journal.entries.map((e) => Number(e.when)));
}

/** Checks the copy of the backup; returns what it holds. */
async function checkBackup(copyFile, backup) {
  const db = open(copyFile);
  try {
    const check = await integrity(db);
    if (check !== "ok") throw new UserError(`${backup} is damaged (integrity check: ${check}). Nothing was restored.`);
    const summary = await contents(db);
    const missing = REQUIRED_TABLES.filter((t) => !summary.tables.has(t));
    if (missing.length) throw new UserError(`${backup} is not a Claimdesk database (no ${missing.join(", ")} table). Nothing was restored.`);
    const newest = Number((await db.execute("SELECT max(created_at) AS m FROM __drizzle_migrations")).rows[0].m ?? 0);
    if (newest > newestMigration()) throw new UserError(`${backup} was made by a newer version of Claimdesk (its schema has migrations this code lacks). Update the code first. Nothing was restored.`);
    // A self-contained file, whatever mode the backup was in.
    await db.execute("PRAGMA journal_mode = DELETE");
    return summary;
  } finally {
    db.close();
  }
}

/**
 * Takes the current database for the swap: exclusive lock, out of WAL. Throws a clear
 * refusal if another connection has it open. Returns the connection holding the lock.
 */
async function lockCurrent(target) {
  const db = open(target, { timeout: 0 });
  try {
    await db.execute("PRAGMA locking_mode = EXCLUSIVE");
    await db.execute("PRAGMA journal_mode = DELETE");
    await db.executeMultiple("BEGIN EXCLUSIVE; COMMIT;");
    const mode = String((await db.execute("PRAGMA journal_mode")).rows[0][0]);
    if (mode !== "delete") throw new Error(`journal_mode stayed ${mode}`);
    return db;
  } catch (error) {
    db.close();
    if (/SQLITE_BUSY|database is locked|journal_mode stayed/i.test(String(error?.message ?? error)) || error?.code === "SQLITE_BUSY") {
      throw new UserError(
        `${target} is open in another process: is the Claimdesk server running (or a sqlite3 shell, or a backup)? ` +
          "Stop it, then run db:restore again. Nothing was changed.",
      );
    }
    throw error;
  }
}

function stamp() {
  return new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

run(async () => {
  const { file: backup, exitCode } = fileArgument(USAGE);
  if (!backup) return exitCode;
  loadEnv();
  const target = databaseFile();
  if (!existsSync(backup) || !statSync(backup).isFile()) throw new UserError(`There is no backup file at ${backup}.`);
  if (path.resolve(backup) === path.resolve(target)) throw new UserError("The backup file is the database itself.");
  if (!isSqliteFile(backup)) throw new UserError(`${backup} is not an SQLite database file.`);
  if (existsSync(`${backup}-wal`) && statSync(`${backup}-wal`).size > 0) {
    throw new UserError(`${backup} has a -wal file beside it: it is a live database or a plain copy of one, not a finished backup. Make one with \`npm run db:backup\`.`);
  }

  mkdirSync(path.dirname(target), { recursive: true });
  const incoming = path.join(path.dirname(target), `.${path.basename(target)}.restoring-${process.pid}`);
  let lock;
  try {
    copyFileSync(backup, incoming);
    const summary = await checkBackup(incoming, backup);
    fsyncPath(incoming);

    let kept;
    if (existsSync(target)) {
      lock = await lockCurrent(target);
      kept = `${target}.before-restore-${stamp()}`;
      try {
        linkSync(target, kept);
      } catch {
        copyFileSync(target, kept);
      }
      // Out of WAL, these hold nothing; a stale -wal must never meet the restored file.
      for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${target}${suffix}`, { force: true });
    }
    renameSync(incoming, target);
    fsyncPath(path.dirname(target));
    lock?.close();
    lock = undefined;

    const restored = open(target);
    try {
      const check = await integrity(restored);
      if (check !== "ok") throw new Error(`The restored database failed its integrity check: ${check}`);
    } finally {
      restored.close();
    }
    console.log(`Restored ${backup} into ${target}: ${describeContents(summary)}, integrity ok.`);
    if (kept) console.log(`The database it replaced is kept as ${kept}.`);
    console.log(
      "Start the server to use it. Sessions are signed with AUTH_SECRET, or with data/auth-secret beside the database: " +
        "put back the copy you kept with the backup, or everyone has to sign in again.",
    );
    return 0;
  } finally {
    lock?.close();
    rmSync(incoming, { force: true });
  }
});

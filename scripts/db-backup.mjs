/**
 * npm run db:backup -- <file>
 *
 * An online, consistent copy of the embedded database, safe while the server
 * runs and writes: `VACUUM INTO` reads one snapshot of the database (the main
 * file plus what is still in its WAL) in a read transaction, which in WAL
 * mode neither waits for the server's writes nor holds them up. The copy is
 * written beside <file>, checked (`PRAGMA integrity_check`), flushed to disk
 * and only then renamed to <file>, so <file> is either a whole backup or
 * absent. It is a single self-contained file (no -wal).
 */
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { UserError, contents, databaseFile, describeContents, fileArgument, formatBytes, fsyncPath, integrity, loadEnv, open, run } from "./lib/database-file.mjs";

const USAGE = "usage: npm run db:backup -- <backup file>   (copies the database named by DATABASE_URL, default ./data/claimdesk.db)";

run(async () => {
  const { file: target, exitCode } = fileArgument(USAGE);
  if (!target) return exitCode;
  loadEnv();
  const source = databaseFile();
  if (!existsSync(source)) throw new UserError(`There is no database at ${source} (DATABASE_URL). Nothing to back up.`);
  if (existsSync(target)) throw new UserError(`${target} already exists. Choose a new file name; a backup never overwrites anything.`);
  if (path.resolve(target) === path.resolve(source)) throw new UserError("The backup file cannot be the database itself.");

  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  const started = performance.now();
  try {
    const db = open(source, { timeout: 5000 });
    try {
      await db.execute({ sql: "VACUUM INTO ?", args: [partial] });
    } finally {
      db.close();
    }
    const copy = open(partial);
    let summary;
    try {
      const check = await integrity(copy);
      if (check !== "ok") throw new UserError(`The copy failed its integrity check (${check}); ${target} was not written. Check the database with \`PRAGMA integrity_check\`.`);
      summary = await contents(copy);
    } finally {
      copy.close();
    }
    fsyncPath(partial);
    // Renamed once the copy is on disk: the name appears only for a whole, checked backup.
    renameSync(partial, target);
    fsyncPath(path.dirname(target));
    const ms = performance.now() - started;
    console.log(`Backed up ${source} to ${target}: ${formatBytes(statSync(target).size)}, ${describeContents(summary)}, integrity ok (${ms.toFixed(0)} ms).`);
  } finally {
    rmSync(partial, { force: true });
  }

  const secret = path.join(path.dirname(source), "auth-secret");
  if (!process.env.AUTH_SECRET?.trim() && !process.env.NEXTAUTH_SECRET?.trim() && existsSync(secret)) {
    console.log(
      `Keep a copy of ${secret} with your backups (it signs sessions; it is not in the backup). ` +
        "Without it a restored desk works, but everyone has to sign in again.",
    );
  }
  return 0;
});

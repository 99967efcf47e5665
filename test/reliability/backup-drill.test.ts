/**
 * Issue 8, item 12: the backup drill. The app runs and takes saves without a
 * pause; `npm run db:backup` runs in the middle of them; the backup is
 * restored with `npm run db:restore` into a fresh data folder and a fresh
 * server starts on it. Every save acknowledged before the backup began must
 * be there with its latest acknowledged value, and integrity_check is ok.
 * Restoring over the database of a running server is refused.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/backup-drill.test.ts
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  ACTIONS,
  DEMO,
  HttpClient,
  ROOT,
  createClaims,
  killOnExit,
  openDatabaseFile,
  sampleArticle,
  saveRationale,
  startApp,
  type ActionOutcome,
  type App,
  type ClaimState,
} from "@/test/support/server";

const CLAIMS = 40;
const WRITERS = 4;
const run = promisify(execFile);

let app: App | undefined;
let restoredApp: App | undefined;
const folders: string[] = [];
killOnExit(
  () => app?.server,
  () => restoredApp?.server,
);
afterAll(async () => {
  await restoredApp?.close();
  await app?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** `npm run <script> -- <file>` against the database at `dbFile`; never throws, returns the exit code and output. */
async function npmRun(script: string, file: string, dbFile: string) {
  try {
    const { stdout, stderr } = await run("npm", ["run", "-s", script, "--", file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, AUTH_SECRET: "" },
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

type Ack = { claimId: string; version: number; rationale: string; ackAt: number };

describe("backup during writes, restore into a fresh server", () => {
  it("keeps every save acknowledged before the backup began", async () => {
    app = await startApp();
    const http = new HttpClient(app.url);
    expect(await http.signIn(DEMO.reviewer)).toBe(true);
    const article = await sampleArticle(app.dbFile);
    const claims = await createClaims(http, article, CLAIMS);

    // Saves without a pause: WRITERS loops, each over its own claims, each save on the version the last one returned.
    const acks: Ack[] = [];
    const failures: unknown[] = [];
    let stop = false;
    let saveNo = 0;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const mine = claims.filter((_, i) => i % WRITERS === w);
      const versions = new Map(mine.map((c) => [c.id, c.version]));
      for (let i = 0; !stop; i++) {
        const claim = mine[i % mine.length]!;
        const rationale = `save ${++saveNo} by writer ${w}`;
        const result = await saveRationale(http, article.id, claim, versions.get(claim.id)!, rationale);
        if ("ok" in result && result.ok && result.data.status === "saved") {
          versions.set(claim.id, result.data.claim.version);
          acks.push({ claimId: claim.id, version: result.data.claim.version, rationale, ackAt: performance.now() });
        } else failures.push(result);
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 2000));
    const backupDir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-backup-"));
    folders.push(backupDir);
    const backupFile = path.join(backupDir, "claimdesk-backup.db");
    const backupStartedAt = performance.now();
    const ackedBefore = acks.filter((a) => a.ackAt < backupStartedAt);
    // What a plain file copy would have kept (the failure): the main file without its WAL.
    const plainCopy = path.join(backupDir, "plain-copy.db");
    copyFileSync(app.dbFile, plainCopy);
    const backup = await npmRun("db:backup", backupFile, app.dbFile);
    const backupEndedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop = true;
    await Promise.all(writers);
    const duringBackup = acks.filter((a) => a.ackAt >= backupStartedAt && a.ackAt <= backupEndedAt).length;

    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/integrity ok/);
    expect(failures).toEqual([]);
    expect(duringBackup).toBeGreaterThan(0); // the server really was writing while the backup ran

    // Restoring over the running server's database is refused, and changes nothing.
    const refused = await npmRun("db:restore", backupFile, app.dbFile);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/open in another process/);
    expect(readdirSync(app.dataDir).filter((f) => f.includes("before-restore") || f.includes("restoring"))).toEqual([]);

    // Restore into a fresh data folder and start a fresh server on it.
    const freshDir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-restored-"));
    folders.push(freshDir);
    const freshDb = path.join(freshDir, "claimdesk.db");
    const restore = await npmRun("db:restore", backupFile, freshDb);
    expect(restore.code, restore.output).toBe(0);
    expect(existsSync(`${freshDb}-wal`)).toBe(false);
    restoredApp = await startApp({ dataDir: freshDir });

    // Through the restored server: sign in, read the claims.
    const reader = new HttpClient(restoredApp.url);
    expect(await reader.signIn(DEMO.reviewer)).toBe(true);
    const listed = (await reader.action(ACTIONS.article, "listClaimsAction", [{ articleId: article.id }], `/articles/${article.id}`)) as ActionOutcome<ClaimState[]>;
    expect(listed).toMatchObject({ ok: true });
    const restored = new Map((listed as { data: ClaimState[] }).data.map((c) => [c.id, c]));

    // Every save acknowledged before the backup began: its claim is at least at that version; at exactly it, with its text.
    const latestBefore = new Map<string, Ack>();
    for (const a of ackedBefore) if ((latestBefore.get(a.claimId)?.version ?? 0) < a.version) latestBefore.set(a.claimId, a);
    const ackByVersion = new Map(acks.map((a) => [`${a.claimId}@${a.version}`, a]));
    let missing = 0;
    for (const [claimId, ack] of latestBefore) {
      const claim = restored.get(claimId);
      if (!claim || claim.version < ack.version) {
        missing++;
        continue;
      }
      // A newer version in the backup is a save acknowledged after the backup began: it must be one of those.
      expect(claim.rationale).toBe(claim.version === ack.version ? ack.rationale : ackByVersion.get(`${claimId}@${claim.version}`)?.rationale);
    }

    const db = await openDatabaseFile(restoredApp.dbFile);
    const integrity = (await db.execute("PRAGMA integrity_check")).rows.map((r) => r[0]);
    db.close();
    const plain = await openDatabaseFile(plainCopy);
    // Without its WAL the main file may not even have the tables yet (nothing checkpointed).
    const plainRows = await plain.execute("SELECT id, version FROM claims").then((r) => r.rows, () => []);
    const plainVersions = new Map(plainRows.map((r) => [String(r.id), Number(r.version)]));
    plain.close();
    const plainMissing = [...latestBefore.values()].filter((a) => (plainVersions.get(a.claimId) ?? 0) < a.version).length;

    console.log(
      `[backup-drill] ${acks.length} saves acknowledged by ${WRITERS} writers over ${CLAIMS} claims; ${ackedBefore.length} before the backup began ` +
        `(latest of ${latestBefore.size} claims), ${duringBackup} while it ran (${(backupEndedAt - backupStartedAt).toFixed(0)} ms incl. npm). ` +
        `Restored: ${latestBefore.size - missing}/${latestBefore.size} claims at or past their last acknowledged save, integrity_check ${integrity.join(",")}. ` +
        `A plain file copy taken at the same moment lacked ${plainMissing}/${latestBefore.size}.`,
    );
    expect(missing).toBe(0);
    expect(integrity).toEqual(["ok"]);
    expect(restored.size).toBe(CLAIMS);

    // Restoring over a stopped server's database (with its WAL still beside it, as after a crash):
    // the replaced database is kept, whole, with every save ever acknowledged, and no stale -wal is left.
    await app.crash();
    expect(existsSync(`${app.dbFile}-wal`)).toBe(true);
    const over = await npmRun("db:restore", backupFile, app.dbFile);
    expect(over.code, over.output).toBe(0);
    const kept = readdirSync(app.dataDir).find((f) => f.startsWith("claimdesk.db.before-restore-"));
    expect(kept, over.output).toBeDefined();
    expect(readdirSync(app.dataDir).filter((f) => /-wal$|-shm$|restoring/.test(f))).toEqual([]);
    const keptDb = await openDatabaseFile(path.join(app.dataDir, kept!));
    const keptVersions = new Map((await keptDb.execute("SELECT id, version FROM claims")).rows.map((r) => [String(r.id), Number(r.version)]));
    expect((await keptDb.execute("PRAGMA integrity_check")).rows.map((r) => r[0])).toEqual(["ok"]);
    keptDb.close();
    const lastAck = new Map<string, number>();
    for (const a of acks) lastAck.set(a.claimId, Math.max(lastAck.get(a.claimId) ?? 0, a.version));
    for (const [claimId, version] of lastAck) expect(keptVersions.get(claimId)).toBeGreaterThanOrEqual(version);
    await app.restart();
    const again = new HttpClient(app.url);
    expect(await again.signIn(DEMO.reviewer)).toBe(true);
    const relisted = (await again.action(ACTIONS.article, "listClaimsAction", [{ articleId: article.id }], `/articles/${article.id}`)) as { ok: true; data: ClaimState[] };
    expect(new Map(relisted.data.map((c) => [c.id, c.version]))).toEqual(new Map([...restored].map(([id, c]) => [id, c.version])));
  });
});

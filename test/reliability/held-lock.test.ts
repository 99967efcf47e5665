/**
 * Issue 8, item 3: a database lock held by another process never freezes the
 * server. A child process takes the write lock (BEGIN IMMEDIATE + a write)
 * and keeps it 10 s; meanwhile /api/health is sampled every 50 ms and the
 * reviewer's autosaves keep coming. Health must stay fast, every save must be
 * acknowledged once the lock is gone, and every acknowledged save must be in
 * the database. With a short DATABASE_BUSY_WAIT_MS the save gives up with the
 * readable "database busy" instead, and changes nothing.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/held-lock.test.ts
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTIONS,
  DEMO,
  HttpClient,
  ROOT,
  createClaims,
  killOnExit,
  openDatabaseFile,
  percentile,
  sampleArticle,
  saveRationale,
  startApp,
  type App,
  type ClaimState,
  type SaveOutcome,
} from "@/test/support/server";

const HOLD_MS = 10_000;
const SAVES = 12;

let app: App | undefined;
let lockHolder: ChildProcess | undefined;
killOnExit(() => app?.server);
process.once("exit", () => lockHolder?.kill("SIGKILL"));

afterAll(async () => {
  lockHolder?.kill("SIGKILL");
  await app?.close();
});

/** Starts the lock holder; resolves once it holds the lock, with a promise for its release time. */
async function holdLock(dbFile: string, ms: number): Promise<{ lockedAt: number; released: Promise<number> }> {
  const child = spawn(process.execPath, [path.join(ROOT, "test/support/hold-lock.mjs"), dbFile, String(ms)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  lockHolder = child;
  let output = "";
  let lockedAt = 0;
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!lockedAt && output.includes("locked")) {
        lockedAt = performance.now();
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`The lock holder exited (${code}) before it held the lock: ${output}`)));
  });
  const released = new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", () => {
      if (output.includes("released")) resolve(performance.now());
    });
    child.once("exit", (code) => (code === 0 ? resolve(performance.now()) : reject(new Error(`The lock holder failed (${code}): ${output}`))));
  });
  await locked;
  return { lockedAt, released };
}

/** Samples /api/health every `everyMs` until `until` settles; returns each answer's latency. */
async function sampleHealth(url: string, everyMs: number, until: Promise<unknown>): Promise<{ latencies: number[]; failures: number }> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  let failures = 0;
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) });
    await response.text();
    latencies.push(performance.now() - started);
    if (!response.ok) failures++;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - started))));
  }
  return { latencies, failures };
}

async function rationaleInDb(dbFile: string): Promise<Map<string, { rationale: string; version: number }>> {
  const db = await openDatabaseFile(dbFile);
  try {
    const rows = (await db.execute("SELECT id, rationale, version FROM claims")).rows;
    return new Map(rows.map((r) => [String(r.id), { rationale: String(r.rationale), version: Number(r.version) }]));
  } finally {
    db.close();
  }
}

describe("another process holds the write lock for 10 s", () => {
  let article: { id: string; plainText: string };
  let claims: ClaimState[];
  let http: HttpClient;

  beforeAll(async () => {
    app = await startApp();
    http = new HttpClient(app.url);
    expect(await http.signIn(DEMO.reviewer)).toBe(true);
    article = await sampleArticle(app.dbFile);
    claims = await createClaims(http, article, SAVES);
    for (let i = 0; i < 10; i++) await fetch(`${app.url}/api/health`); // warm
  });

  it("health stays fast, saves sent during the lock are acknowledged after it, and all are stored", async () => {
    const { lockedAt, released } = await holdLock(app!.dbFile, HOLD_MS);
    const acks: { claim: ClaimState; rationale: string; result: SaveOutcome; sentAt: number; ackAt: number }[] = [];
    // Saves arrive through the lock: one every ~600 ms, from 300 ms in.
    const saves = (async () => {
      const pending: Promise<void>[] = [];
      for (const [i, claim] of claims.entries()) {
        await new Promise((resolve) => setTimeout(resolve, i === 0 ? 300 : 600));
        const rationale = `Saved while the database was locked (${i})`;
        const sentAt = performance.now();
        pending.push(saveRationale(http, article.id, claim, claim.version, rationale).then((result) => void acks.push({ claim, rationale, result, sentAt, ackAt: performance.now() })));
      }
      await Promise.all(pending);
    })();
    const health = await sampleHealth(app!.url, 50, Promise.all([released, saves]));
    const releasedAt = await released;
    await saves;

    const duringLock = health.latencies.slice(0, Math.floor((releasedAt - lockedAt) / 55));
    const max = Math.max(...health.latencies);
    const p99 = percentile(health.latencies, 99);
    const p50 = percentile(health.latencies, 50);
    const sentDuringLock = acks.filter((a) => a.sentAt < releasedAt);
    const afterRelease = acks.map((a) => a.ackAt - releasedAt);
    console.log(
      `[held-lock] lock held ${((releasedAt - lockedAt) / 1000).toFixed(1)} s; /api/health sampled ${health.latencies.length} times ` +
        `(${duringLock.length} during the lock): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms, ${health.failures} failures; ` +
        `${acks.length} saves (${sentDuringLock.length} sent during the lock), acknowledged ${Math.min(...afterRelease).toFixed(0)}–${Math.max(...afterRelease).toFixed(0)} ms after the release`,
    );

    expect(health.failures).toBe(0);
    expect(health.latencies.length).toBeGreaterThan(100);
    // The bound is 100 ms: the p99 must meet it, and no sample may come near the old freeze
    // (every save blocked the event loop for the driver's 5 s busy timeout). Generous for a loaded 2-core box.
    expect(p99).toBeLessThan(100);
    expect(max).toBeLessThan(300);

    expect(acks).toHaveLength(SAVES);
    expect(sentDuringLock.length).toBeGreaterThanOrEqual(SAVES - 1);
    for (const ack of acks) {
      expect(ack.result, JSON.stringify(ack.result).slice(0, 300)).toMatchObject({ ok: true, data: { status: "saved" } });
      // Sent during the lock, so it cannot have committed before the release.
      if (ack.sentAt < releasedAt) expect(ack.ackAt).toBeGreaterThan(releasedAt - 50);
    }
    const stored = await rationaleInDb(app!.dbFile);
    for (const ack of acks) expect(stored.get(ack.claim.id)).toEqual({ rationale: ack.rationale, version: ack.claim.version + 1 });
  });

  it("after DATABASE_BUSY_WAIT_MS the save answers 'database busy', changes nothing, and goes through once the lock is gone", async () => {
    await app!.stop();
    const dataDir = app!.dataDir;
    const first = app!;
    app = await startApp({ dataDir, env: { DATABASE_BUSY_WAIT_MS: "2000" } });
    // The first app's folder is the one to remove at the end.
    const close = app.close;
    app.close = async () => {
      await close();
      await first.close();
    };
    http = new HttpClient(app.url);
    expect(await http.signIn(DEMO.reviewer)).toBe(true);
    // Warm: the first action call on a fresh server loads its code, which blocks once.
    for (let i = 0; i < 10; i++) await fetch(`${app.url}/api/health`);
    await http.action(ACTIONS.article, "listClaimsAction", [{ articleId: article.id }], `/articles/${article.id}`);
    const before = await rationaleInDb(app.dbFile);
    const claim = claims[0]!;
    const base = before.get(claim.id)!.version;

    const { released } = await holdLock(app.dbFile, 4_000);
    const started = performance.now();
    const health = sampleHealth(app.url, 50, released);
    const refused = await saveRationale(http, article.id, claim, base, "Typed while the database stayed locked");
    const waited = performance.now() - started;
    const { latencies } = await health;
    console.log(`[held-lock] DATABASE_BUSY_WAIT_MS=2000, lock 4 s: the save answered after ${waited.toFixed(0)} ms with ${JSON.stringify(refused).slice(0, 160)}; health max ${Math.max(...latencies).toFixed(1)} ms`);
    expect(refused).toMatchObject({ ok: false, error: { code: "unavailable:database" } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/busy/i);
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect(waited).toBeLessThan(3900);
    expect(Math.max(...latencies)).toBeLessThan(300);
    expect((await rationaleInDb(app.dbFile)).get(claim.id)).toEqual(before.get(claim.id));

    // The browser kept the draft and retries: now it goes through.
    const retried = await saveRationale(http, article.id, claim, base, "Typed while the database stayed locked");
    expect(retried).toMatchObject({ ok: true, data: { status: "saved" } });
    expect((await rationaleInDb(app.dbFile)).get(claim.id)).toEqual({ rationale: "Typed while the database stayed locked", version: base + 1 });
  });
});

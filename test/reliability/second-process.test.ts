/**
 * A second process on the same database file: two `next start` on one
 * database, on different ports (as two instances behind a load balancer, or
 * a second copy started by mistake). A save on one is seen on the other; a
 * save based on a version the other already replaced is a conflict; both
 * writing at once lose no acknowledged save and never tell a user the
 * database is busy (each waits for the other's short write locks). Then the
 * same with both on a libSQL server over http:// (the test Hrana server of
 * test/support/hrana-server.ts, since no sqld can be installed here).
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/second-process.test.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startHranaServer, type HranaServer } from "@/test/support/hrana-server";
import {
  ACTIONS,
  DEMO,
  HttpClient,
  createClaims,
  killOnExit,
  openDatabaseFile,
  percentile,
  sampleArticle,
  saveRationale,
  startApp,
  type ActionOutcome,
  type App,
  type ClaimState,
  type SaveOutcome,
} from "@/test/support/server";

const CLAIMS = 24;
const WRITERS_PER_SERVER = 4;
const BURST_MS = 6_000;
/** Each writer saves at least this often, however slow the machine, so the race is a real one. */
const MIN_SAVES_PER_WRITER = 6;
const CROSS_PAIRS = 60;

let first: App | undefined;
let second: App | undefined;
let hrana: HranaServer | undefined;
let hranaDir: string | undefined;
killOnExit(
  () => first?.server,
  () => second?.server,
);
afterAll(async () => {
  await second?.stop();
  await first?.close();
  await hrana?.close();
  if (hranaDir) rmSync(hranaDir, { recursive: true, force: true });
});

function status(result: SaveOutcome): string {
  if ("httpStatus" in result) return `http ${result.httpStatus}`;
  return result.ok ? result.data.status : result.error.code;
}

async function listClaims(http: HttpClient, articleId: string): Promise<Map<string, ClaimState>> {
  const listed = (await http.action(ACTIONS.article, "listClaimsAction", [{ articleId }], `/articles/${articleId}`)) as ActionOutcome<ClaimState[]>;
  if (!("ok" in listed) || !listed.ok) throw new Error(`listClaimsAction failed: ${JSON.stringify(listed).slice(0, 300)}`);
  return new Map(listed.data.map((c) => [c.id, c]));
}

describe("two servers on one database file", () => {
  it("see each other's saves, refuse stale ones, and lose nothing while both write", async () => {
    first = await startApp();
    second = await startApp({ dataDir: first.dataDir });
    expect(second.dbFile).toBe(first.dbFile);
    await bothWrite(first, second, "one file");
  });
});

describe("two servers on one libSQL server (http://)", () => {
  it("see each other's saves, refuse stale ones, and lose nothing while both write", async () => {
    await second?.stop();
    await first?.close();
    const dataDir = (hranaDir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-hrana-")));
    hrana = await startHranaServer({ file: path.join(dataDir, "claimdesk.db") });
    const env = { DATABASE_URL: hrana.url };
    first = await startApp({ dataDir, env });
    second = await startApp({ dataDir, env });
    expect(hrana.stats.requests.get("/v2/pipeline") ?? 0).toBeGreaterThan(0);
    await bothWrite(first, second, "a libSQL server");
  });
});

async function bothWrite(first: App, second: App, label: string) {
  {
    const a = new HttpClient(first.url);
    const b = new HttpClient(second.url);
    expect(await a.signIn(DEMO.reviewer)).toBe(true);
    expect(await b.signIn(DEMO.editor)).toBe(true);
    const article = await sampleArticle(first.dbFile);
    const claims = await createClaims(a, article, CLAIMS);

    // A save on one is seen on the other.
    const claim = claims[0]!;
    const saved = await saveRationale(a, article.id, claim, claim.version, "Saved on the first server");
    expect(saved).toMatchObject({ ok: true, data: { status: "saved" } });
    const seen = (await listClaims(b, article.id)).get(claim.id)!;
    expect(seen).toMatchObject({ version: claim.version + 1, rationale: "Saved on the first server" });

    // A save on the other at the version the first one replaced is a conflict, showing the first one's text.
    const stale = await saveRationale(b, article.id, claim, claim.version, "Stale, from the second server");
    expect(stale).toMatchObject({ ok: true, data: { status: "conflict", current: { version: claim.version + 1, rationale: "Saved on the first server" } } });
    expect((await listClaims(a, article.id)).get(claim.id)!.rationale).toBe("Saved on the first server");

    // Both write at once, each server's writers on their own claims.
    const versions = new Map([...(await listClaims(a, article.id)).values()].map((c) => [c.id, c.version]));
    const acked = new Map<string, { version: number; rationale: string }>();
    const outcomes = new Map<string, number>();
    const latencies: number[] = [];
    const until = performance.now() + BURST_MS;
    let saveNo = 0;
    const writers = [a, b].flatMap((http, s) =>
      Array.from({ length: WRITERS_PER_SERVER }, async (_, w) => {
        const lane = s * WRITERS_PER_SERVER + w;
        const mine = claims.filter((_, i) => i % (2 * WRITERS_PER_SERVER) === lane);
        for (let i = 0; i < MIN_SAVES_PER_WRITER || performance.now() < until; i++) {
          const c = mine[i % mine.length]!;
          const rationale = `server ${s + 1} writer ${w} save ${++saveNo}`;
          const t0 = performance.now();
          const result = await saveRationale(http, article.id, c, versions.get(c.id)!, rationale);
          latencies.push(performance.now() - t0);
          outcomes.set(status(result), (outcomes.get(status(result)) ?? 0) + 1);
          if ("ok" in result && result.ok && result.data.status === "saved") {
            versions.set(c.id, result.data.claim.version);
            acked.set(c.id, { version: result.data.claim.version, rationale });
          }
        }
      }),
    );
    await Promise.all(writers);
    const total = [...outcomes.values()].reduce((x, y) => x + y, 0);

    // Both servers race on the same claims at the same version: one winner each time.
    const cross = new Map<string, number>();
    for (let i = 0; i < CROSS_PAIRS; i++) {
      const c = claims[i % claims.length]!;
      const base = versions.get(c.id)!;
      const results = await Promise.all([saveRationale(a, article.id, c, base, `cross ${i} a`), saveRationale(b, article.id, c, base, `cross ${i} b`)]);
      const key = results.map(status).sort().join(" + ");
      cross.set(key, (cross.get(key) ?? 0) + 1);
      const winner = results.findIndex((r) => "ok" in r && r.ok && r.data.status === "saved");
      if (winner >= 0) {
        const version = (results[winner] as { ok: true; data: { claim: ClaimState } }).data.claim.version;
        versions.set(c.id, version);
        acked.set(c.id, { version, rationale: `cross ${i} ${winner === 0 ? "a" : "b"}` });
      }
    }

    console.log(
      `[second-process] two next start on ${label}: ${total} concurrent saves in ${BURST_MS / 1000} s (${WRITERS_PER_SERVER} writers per server), ` +
        `outcomes ${JSON.stringify(Object.fromEntries(outcomes))}, latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, ` +
        `max ${Math.max(...latencies).toFixed(0)} ms; ${CROSS_PAIRS} cross-server pairs ${JSON.stringify(Object.fromEntries(cross))}`,
    );
    expect(Object.fromEntries(outcomes)).toEqual({ saved: total });
    expect(total).toBeGreaterThanOrEqual(2 * WRITERS_PER_SERVER * MIN_SAVES_PER_WRITER);
    expect(Object.fromEntries(cross)).toEqual({ "conflict + saved": CROSS_PAIRS });

    // Every acknowledged save is stored, and both servers read the same.
    const db = await openDatabaseFile(first.dbFile);
    const stored = new Map((await db.execute("SELECT id, version, rationale FROM claims")).rows.map((r) => [String(r.id), { version: Number(r.version), rationale: String(r.rationale) }]));
    const integrity = (await db.execute("PRAGMA integrity_check")).rows.map((r) => r[0]);
    db.close();
    for (const [id, ack] of acked) expect(stored.get(id)).toEqual(ack);
    expect(integrity).toEqual(["ok"]);
    const fromA = await listClaims(a, article.id);
    const fromB = await listClaims(b, article.id);
    for (const [id, ack] of acked) {
      expect(fromA.get(id)).toMatchObject(ack);
      expect(fromB.get(id)).toMatchObject(ack);
    }
  }
}

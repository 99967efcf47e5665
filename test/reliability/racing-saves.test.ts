/**
 * Racing saves: two browsers save the same claim at the same version at the
 * same moment, 200 times over. Exactly one wins each pair, the other is told
 * it is a conflict, and the audit trail has one `updated` row per win and
 * none for a loss.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/racing-saves.test.ts
 */
import { afterAll, describe, expect, it } from "vitest";
import { DEMO, HttpClient, createClaims, killOnExit, openDatabaseFile, percentile, sampleArticle, saveRationale, startApp, type App, type SaveOutcome } from "@/test/support/server";

const CLAIMS = 20;
const ROUNDS = 10; // pairs per claim: 200 pairs in all

let app: App | undefined;
killOnExit(() => app?.server);
afterAll(() => app?.close());

function status(result: SaveOutcome): string {
  if ("httpStatus" in result) return `http ${result.httpStatus}`;
  return result.ok ? result.data.status : result.error.code;
}

describe("two saves of the same claim at the same version", () => {
  it("have exactly one winner per pair, and one audit row per win", async () => {
    app = await startApp();
    const reviewer = new HttpClient(app.url);
    const editor = new HttpClient(app.url);
    expect(await reviewer.signIn(DEMO.reviewer)).toBe(true);
    expect(await editor.signIn(DEMO.editor)).toBe(true);
    const article = await sampleArticle(app.dbFile);
    const claims = await createClaims(reviewer, article, CLAIMS);

    const outcomes = new Map<string, number>();
    const wins: { claimId: string; version: number; rationale: string }[] = [];
    const latencies: number[] = [];
    const started = performance.now();
    // Claims race in parallel; each claim's rounds follow one another, from the version the winner returned.
    await Promise.all(
      claims.map(async (claim, c) => {
        let version = claim.version;
        for (let round = 0; round < ROUNDS; round++) {
          const texts = [`reviewer ${c}.${round}`, `editor ${c}.${round}`];
          const t0 = performance.now();
          const results = await Promise.all([saveRationale(reviewer, article.id, claim, version, texts[0]!), saveRationale(editor, article.id, claim, version, texts[1]!)]);
          latencies.push(performance.now() - t0);
          const key = results.map(status).sort().join(" + ");
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          const winner = results.findIndex((r) => "ok" in r && r.ok && r.data.status === "saved");
          if (winner < 0) continue;
          const saved = results[winner] as { ok: true; data: { status: "saved"; claim: { version: number } } };
          version = saved.data.claim.version;
          wins.push({ claimId: claim.id, version, rationale: texts[winner]! });
        }
      }),
    );
    const elapsed = performance.now() - started;
    console.log(
      `[racing-saves] ${CLAIMS * ROUNDS} pairs over ${CLAIMS} claims in ${(elapsed / 1000).toFixed(1)} s; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; ` +
        `pair latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
    );

    expect(Object.fromEntries(outcomes)).toEqual({ "conflict + saved": CLAIMS * ROUNDS });
    expect(wins).toHaveLength(CLAIMS * ROUNDS);

    const db = await openDatabaseFile(app.dbFile);
    try {
      const events = (await db.execute("SELECT claim_id, version, data FROM claim_events WHERE type = 'updated' ORDER BY id")).rows;
      expect(events).toHaveLength(wins.length);
      const eventKeys = events.map((e) => `${e.claim_id}@${e.version}`).sort();
      expect(eventKeys).toEqual(wins.map((w) => `${w.claimId}@${w.version}`).sort());
      // Each audit row records the winner's text.
      const byKey = new Map(wins.map((w) => [`${w.claimId}@${w.version}`, w.rationale]));
      for (const e of events) expect((JSON.parse(String(e.data)) as { rationale: { after: string } }).rationale.after).toBe(byKey.get(`${e.claim_id}@${e.version}`));
      // And each claim ends at its last winner's version and text.
      const stored = new Map((await db.execute("SELECT id, version, rationale FROM claims")).rows.map((r) => [String(r.id), { version: Number(r.version), rationale: String(r.rationale) }]));
      for (const claim of claims) {
        const last = wins.filter((w) => w.claimId === claim.id).at(-1)!;
        expect(stored.get(claim.id)).toEqual({ version: last.version, rationale: last.rationale });
        expect(last.version).toBe(claim.version + ROUNDS);
      }
    } finally {
      db.close();
    }
  });
});

/**
 * kill -9 mid-burst, then restart: a burst of saves, SIGKILL to the server
 * part-way through, a restart on the same database. Every save that was
 * acknowledged before the kill is there (its claim at that version or a later
 * one that some save really sent), and integrity_check is ok. A few cycles.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/kill-restart.test.ts
 */
import { afterAll, describe, expect, it } from "vitest";
import { DEMO, HttpClient, createClaims, killOnExit, openDatabaseFile, sampleArticle, saveRationale, startApp, type App, type ClaimState } from "@/test/support/server";

const CYCLES = 4;
const CLAIMS = 24;
const WRITERS = 6;

let app: App | undefined;
killOnExit(() => app?.server);
afterAll(() => app?.close());

async function storedClaims(dbFile: string) {
  const db = await openDatabaseFile(dbFile);
  try {
    const rows = (await db.execute("SELECT id, version, rationale FROM claims")).rows;
    const integrity = (await db.execute("PRAGMA integrity_check")).rows.map((r) => String(r[0]));
    return { claims: new Map(rows.map((r) => [String(r.id), { version: Number(r.version), rationale: String(r.rationale) }])), integrity };
  } finally {
    db.close();
  }
}

describe("SIGKILL in the middle of a burst of saves", () => {
  it("loses no acknowledged save, and the database stays intact", async () => {
    app = await startApp();
    let http = new HttpClient(app.url);
    expect(await http.signIn(DEMO.reviewer)).toBe(true);
    const article = await sampleArticle(app.dbFile);
    const claims: ClaimState[] = await createClaims(http, article, CLAIMS);
    const versions = new Map(claims.map((c) => [c.id, c.version]));
    // Every rationale ever sent, by claim: an unacknowledged save may still have committed.
    const sent = new Map(claims.map((c) => [c.id, new Set([c.rationale])]));
    const figures: string[] = [];
    let saveNo = 0;

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const acked = new Map<string, { version: number; rationale: string }>();
      let acks = 0;
      let lost = 0;
      let crashed = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        const mine = claims.filter((_, i) => i % WRITERS === w);
        for (let i = 0; !crashed; i++) {
          const claim = mine[i % mine.length]!;
          const rationale = `cycle ${cycle} save ${++saveNo}`;
          sent.get(claim.id)!.add(rationale);
          try {
            const result = await saveRationale(http, article.id, claim, versions.get(claim.id)!, rationale);
            if ("ok" in result && result.ok && result.data.status === "saved") {
              versions.set(claim.id, result.data.claim.version);
              acked.set(claim.id, { version: result.data.claim.version, rationale });
              acks++;
            } else if (!crashed) throw new Error(`save refused: ${JSON.stringify(result).slice(0, 300)}`);
          } catch (error) {
            if (!crashed) throw error;
            lost++; // in flight when the server died: not acknowledged
          }
        }
      });
      // Kill somewhere in the burst: once it is under way (10 acknowledged saves), 0–1 s later.
      const deadline = performance.now() + 30_000;
      while (acks < 10 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
      crashed = true;
      await app.crash();
      await Promise.all(writers);

      await app.restart();
      const { claims: stored, integrity } = await storedClaims(app.dbFile);
      expect(integrity).toEqual(["ok"]);
      let present = 0;
      for (const [claimId, ack] of acked) {
        const now = stored.get(claimId)!;
        expect(now.version, `claim ${claimId}`).toBeGreaterThanOrEqual(ack.version);
        if (now.version === ack.version) expect(now.rationale).toBe(ack.rationale);
        else expect(sent.get(claimId)!.has(now.rationale)).toBe(true); // a save in flight at the kill that committed
        present++;
      }
      // The next burst starts from what is stored (a save in flight may have committed unacknowledged).
      for (const [id, s] of stored) if (versions.has(id)) versions.set(id, s.version);
      figures.push(`cycle ${cycle}: ${acks} acknowledged, ${lost} in flight at the kill, ${present}/${acked.size} claims at or past their last ack`);
      expect(acks).toBeGreaterThanOrEqual(10);
      http = new HttpClient(app.url);
      expect(await http.signIn(DEMO.reviewer)).toBe(true);
    }
    console.log(`[kill-restart] ${CYCLES} SIGKILL cycles, ${WRITERS} writers over ${CLAIMS} claims; integrity_check ok after each. ${figures.join("; ")}`);
  });
});

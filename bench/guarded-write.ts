/**
 * What the guarded-write helper (db/queries/guarded-write.ts) costs: the
 * guard row it writes first and removes last, inside the same transaction.
 *
 *   1. one claim UPDATE guarded by hand (the guard repeated in the statement,
 *      as before the helper) vs the same UPDATE through guardedWrite;
 *   2. saveClaim (sources, audit row, UPDATE) end to end;
 *   3. a bulk approve of 500 claims (one batch, 500 targets).
 *
 * In-process on a temporary embedded database, migrated and seeded like the
 * app. Usage: npx tsx --conditions=react-server bench/guarded-write.ts [-- --iterations 500]
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";

const dir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-guarded-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
const iterations = Number(process.argv[process.argv.indexOf("--iterations") + 1]) || 500;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const line = (name: string, xs: number[]) => console.log(`${name.padEnd(44)} p50 ${pct(xs, 50).toFixed(3)} ms  p95 ${pct(xs, 95).toFixed(3)} ms  (n=${xs.length})`);

async function main() {
  const { getDb, resetDb } = await import("@/db");
  const { runMigrations } = await import("@/db/migrate");
  const { seedDatabase, SAMPLE_ARTICLE } = await import("@/db/seed");
  const { articles, claims, users } = await import("@/db/schema");
  const { createClaim, saveClaim } = await import("@/db/queries/claims");
  const { bulkApprove, submitForApproval } = await import("@/db/queries/workflow");
  const { claimAt, guardedWrite } = await import("@/db/queries/guarded-write");
  const { claimFieldsOf } = await import("@/lib/claims");
  try {
    await runMigrations();
    await seedDatabase({});
    const db = await getDb();
    const people = await db.select().from(users);
    const as = (role: string) => {
      const u = people.find((p) => p.role === role)!;
      return { id: u.id, email: u.email, name: u.name, role: u.role };
    };
    const reviewer = as("reviewer");
    const editor = as("editor");
    const article = (await db.select().from(articles).where(eq(articles.title, SAMPLE_ARTICLE.title)))[0]!;
    const quote = "Iran-supported militias";
    const start = article.plainText.indexOf(quote);
    const mark = () => createClaim({ actor: reviewer, input: { articleId: article.id, start, end: start + quote.length, exact: quote } });

    const claim = await mark();
    let version = claim.version;
    const byHand: number[] = [];
    const helper: number[] = [];
    for (let i = 0; i < iterations; i++) {
      let t = performance.now();
      await db.batch([
        db
          .update(claims)
          .set({ version: version + 1, rationale: `hand ${i}` })
          .where(and(eq(claims.id, claim.id), eq(claims.version, version), sql`${claims.deletedAt} IS NULL`)),
      ]);
      byHand.push(performance.now() - t);
      version++;
      t = performance.now();
      const v = version;
      await guardedWrite(db, [
        {
          key: claim.id,
          guard: claimAt({ id: claim.id, version: v }),
          statements: (ok) => [db.update(claims).set({ version: v + 1, rationale: `helper ${i}` }).where(and(eq(claims.id, claim.id), ok))],
        },
      ]);
      helper.push(performance.now() - t);
      version++;
    }
    line("one guarded UPDATE, guard by hand", byHand);
    line("one guarded UPDATE, through guardedWrite", helper);

    let current = await (await import("@/db/queries/claims")).getClaim({ claimId: claim.id });
    const saves: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const result = await saveClaim({ actor: editor, input: { claimId: claim.id, baseVersion: current.version, fields: { ...claimFieldsOf(current), rationale: `save ${i}` } } });
      saves.push(performance.now() - t);
      if (result.status !== "saved") throw new Error("save conflicted");
      current = result.claim;
    }
    line("saveClaim (read, guarded write, read back)", saves);

    const ids: string[] = [];
    for (let i = 0; i < 500; i++) {
      const c = await mark();
      const saved = await saveClaim({ actor: reviewer, input: { claimId: c.id, baseVersion: c.version, fields: { ...claimFieldsOf(c), verdict: "false" } } });
      if (saved.status !== "saved") throw new Error("setup");
      await submitForApproval({ actor: reviewer, input: { claimId: c.id, version: saved.claim.version } });
      ids.push(c.id);
    }
    const t = performance.now();
    const result = await bulkApprove({ actor: editor, input: { claimIds: ids } });
    console.log(`${"bulkApprove of 500 claims (one batch)".padEnd(44)} ${(performance.now() - t).toFixed(1)} ms  → ${result.summary}`);
    resetDb();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

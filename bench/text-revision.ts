/**
 * Server time of "Save text" (db/queries/revisions.ts saveTextRevision) on a
 * 100,000-word article with 2,000 claims: the steps applied and every claim
 * re-anchored in the import worker, then one guarded write with the
 * revision, the articles row, 2,000 anchors, the claims' new selectors and
 * states and the audit rows.
 *
 * The edit: a sentence inserted at the start of every 20th paragraph (~5 %),
 * one word changed inside 20 claims, 10 paragraphs holding claims deleted.
 * Baseline, in the same run: the same text saved without any claim (the
 * article and revision rows only), so the ratio is what the claims cost.
 *
 * In-process on a temporary embedded database, migrated and seeded like the
 * app. Usage: npx tsx --conditions=react-server bench/text-revision.ts [-- --runs 3 --words 100000 --claims 2000]
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { EditorState } from "@tiptap/pm/state";
import { generateArticleMarkdown, pickClaimRanges } from "./lib/generate";
import { median, ms, numberOption, ratio } from "./lib/stats";

const dir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-revision-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.IMPORT_WORKERS ??= "1";
const RUNS = numberOption("runs", 3);
const WORDS = numberOption("words", 100_000);
const CLAIMS = numberOption("claims", 2000);

async function main() {
  const { resetDb, getDb } = await import("@/db");
  const { runMigrations } = await import("@/db/migrate");
  const { seedDatabase } = await import("@/db/seed");
  const { articles, claims, users } = await import("@/db/schema");
  const { createArticle } = await import("@/db/queries/articles");
  const { saveTextRevision } = await import("@/db/queries/revisions");
  const { createTextModel, describe } = await import("@/lib/anchoring");
  const { getArticleSchema } = await import("@/lib/article-schema");
  const { buildArticleText } = await import("@/lib/article-text");
  const { getImportPool } = await import("@/lib/import/pool");
  const { eq } = await import("drizzle-orm");
  const loadavg = [os.loadavg()[0]!];
  try {
    await runMigrations();
    await seedDatabase({});
    const db = await getDb();
    const editorRow = (await db.select().from(users).where(eq(users.role, "editor")))[0]!;
    const editor = { id: editorRow.id, email: editorRow.email, name: editorRow.name, role: editorRow.role };
    const { markdown } = generateArticleMarkdown(20241101, WORDS);

    /** A fresh article with `claimCount` claims (inserted directly: their anchors come from the trigger). */
    const newArticle = async (claimCount: number) => {
      const { id } = await createArticle({ actor: editor, input: { title: `Bench ${randomUUID()}`, format: "markdown", body: markdown } });
      const row = (await db.select().from(articles).where(eq(articles.id, id)))[0]!;
      const blocks = (row.content as { content?: { type?: string }[] }).content ?? [];
      const model = createTextModel(row.plainText);
      const { ranges } = pickClaimRanges(7, row.plainText, claimCount, 0, (b) => blocks[b]?.type === "heading");
      const values = ranges.map((range) => {
        const s = describe(model, range);
        return {
          id: randomUUID(),
          articleId: id,
          quoteExact: s.quote.exact,
          quotePrefix: s.quote.prefix,
          quoteSuffix: s.quote.suffix,
          positionStart: s.position.start,
          positionEnd: s.position.end,
          claimAsChecked: s.quote.exact,
          status: "approved" as const,
        };
      });
      for (let i = 0; i < values.length; i += 500) await db.insert(claims).values(values.slice(i, i + 500));
      return { id, row, ranges };
    };

    /** The edit, as the browser's editor would send it. */
    const stepsFor = (row: { content: unknown }, ranges: { start: number; end: number }[]) => {
      const doc = getArticleSchema().nodeFromJSON(row.content);
      const text = buildArticleText(row.content as never);
      const tr = EditorState.create({ doc }).tr;
      type Op = { at: number; run: () => void };
      const ops: Op[] = [];
      const paragraphs: number[] = [];
      doc.forEach((node, offset) => {
        if (node.type.name === "paragraph") paragraphs.push(offset);
      });
      const deleted = new Set<number>();
      // 10 paragraphs holding claims, deleted whole.
      for (const range of ranges.filter((_, i) => i % 200 === 100)) {
        const $pos = doc.resolve(text.textToPos(range.start, "start"));
        const from = $pos.before(1);
        if (deleted.has(from)) continue;
        deleted.add(from);
        ops.push({ at: from, run: () => tr.delete(from, $pos.after(1)) });
      }
      // One word changed inside 20 claims.
      for (const range of ranges.filter((_, i) => i % 100 === 7).slice(0, 20)) {
        const at = text.textToPos(range.start, "start") + 1;
        if (deleted.has(doc.resolve(at).before(1))) continue;
        ops.push({ at, run: () => tr.insertText("X", at, at + 1) });
      }
      // A sentence at the start of every 20th paragraph.
      paragraphs.forEach((offset, i) => {
        if (i % 20 !== 0 || deleted.has(offset)) return;
        ops.push({ at: offset + 1, run: () => tr.insertText("A new sentence was added here. ", offset + 1) });
      });
      // From the end backwards, so every position is still the original one.
      ops.sort((a, b) => b.at - a.at).forEach((op) => op.run());
      return tr.steps.map((s) => s.toJSON());
    };

    getImportPool().warm();
    const app: number[] = [];
    const base: number[] = [];
    let counts: unknown;
    let stepCount = 0;
    for (let run = 0; run < RUNS; run++) {
      const withClaims = await newArticle(CLAIMS);
      const steps = stepsFor(withClaims.row, withClaims.ranges);
      stepCount = steps.length;
      let t = performance.now();
      const saved = await saveTextRevision({ actor: editor, input: { articleId: withClaims.id, baseRevision: 1, steps, note: "bench" } });
      app.push(performance.now() - t);
      if (saved.status !== "saved") throw new Error("bench: not saved");
      counts = saved.counts;

      const bare = await newArticle(0);
      t = performance.now();
      const savedBare = await saveTextRevision({ actor: editor, input: { articleId: bare.id, baseRevision: 1, steps: stepsFor(bare.row, withClaims.ranges), note: "bench" } });
      base.push(performance.now() - t);
      if (savedBare.status !== "saved") throw new Error("bench: baseline not saved");
    }
    loadavg.push(os.loadavg()[0]!);
    console.log(`saveTextRevision, ${WORDS.toLocaleString("en-GB")} words, ${CLAIMS} claims, ${stepCount} steps, ${RUNS} runs; claims after: ${JSON.stringify(counts)}`);
    console.log(`  with ${CLAIMS} claims (app):        median ${ms(median(app))}  runs ${app.map((x) => ms(x)).join(", ")}`);
    console.log(`  same edit, no claims (baseline): median ${ms(median(base))}  runs ${base.map((x) => ms(x)).join(", ")}`);
    console.log(`  ratio app/baseline: ${ratio(median(app), median(base))}`);
    console.log(`  load average: ${loadavg.map((l) => l.toFixed(2)).join(" → ")} (${os.cpus().length} cores)`);
  } finally {
    await getImportPool().close?.();
    resetDb();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * The pathological-input corpus (./fixtures/bombs.ts) through the real import
 * path: each document is parsed in the worker pool and must end, within the
 * worker's time limit, in a document or in one of the importer's readable
 * errors, never in a hang, a crash or an internal error. Timings go to the
 * console; bench/import-bombs.ts measures them properly.
 */
import { afterAll, describe, expect, it } from "vitest";
import { BOMBS } from "./fixtures/bombs";
import { ImportError } from "./format";
import { checkArticleBody } from "./format";
import { ImportPool, poolOptionsFromEnv } from "./pool";

// The real pool, with a 2 s limit instead of the default 5 s so the suite stays
// short: a bomb refused at 2 s would be refused at 5 s too, and every input
// still has to end in a document or a readable error within the limit.
const pool = new ImportPool({ ...poolOptionsFromEnv(), size: 1, timeoutMs: 2000 });
afterAll(() => pool.close());

const READABLE = [
  /^This document is too complex to import/,
  /^This file has too much formatting to import/,
  /^This file’s formatting is nested too deeply to import/,
  /^This file has no article text in it/,
];

describe("pathological documents end in a document or a readable error", () => {
  it.each(BOMBS.map((b) => [b.name, b] as const))("%s", { timeout: 120_000 }, async (_name, bomb) => {
    const body = bomb.make();
    await pool.run({ kind: "document", format: "text", body: "warm" });
    const started = performance.now();
    // As importDocument does: the parser-free checks, then the worker.
    const outcome = await Promise.resolve()
      .then(() => checkArticleBody(body))
      .then(() => pool.run({ kind: "document", format: bomb.format, body }))
      .then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const ms = performance.now() - started;
    if (outcome.ok) {
      expect(JSON.parse(outcome.result.docJson).type).toBe("doc");
      expect(outcome.result.plainText.trim()).not.toBe("");
    } else {
      expect(outcome.error, String(outcome.error)).toBeInstanceOf(ImportError);
      const message = (outcome.error as ImportError).message;
      expect(READABLE.some((pattern) => pattern.test(message)), message).toBe(true);
    }
    // Never longer than the time limit (plus a worker's queueing on a busy machine).
    expect(ms).toBeLessThan(pool.options.timeoutMs + 15_000);
    console.log(`${bomb.name}: ${outcome.ok ? "document" : `refused (${(outcome.error as ImportError).code})`} in ${ms.toFixed(0)} ms`);
  });
});

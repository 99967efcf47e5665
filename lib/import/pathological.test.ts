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
import { getImportPool, importDocument } from "./pool";

afterAll(() => getImportPool().close());

const READABLE = [
  /^This document is too complex to import/,
  /^This file has too much formatting to import/,
  /^This file’s formatting is nested too deeply to import/,
  /^This file has no article text in it/,
];

describe("pathological documents end in a document or a readable error", () => {
  it.each(BOMBS.map((b) => [b.name, b] as const))("%s", { timeout: 120_000 }, async (_name, bomb) => {
    const body = bomb.make();
    const pool = getImportPool();
    await pool.run({ kind: "document", format: "text", body: "warm" });
    const started = performance.now();
    const outcome = await importDocument({ format: bomb.format, body }).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const ms = performance.now() - started;
    if (outcome.ok) {
      expect(outcome.result.doc.type).toBe("doc");
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

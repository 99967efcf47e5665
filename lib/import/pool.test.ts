import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ImportError } from "./format";
import { toArticleDocument } from "./index";
import { ImportPool, importDocument, poolOptionsFromEnv, type PoolOptions } from "./pool";

// Workers started from source load the parsers through tsx: seconds on a busy machine.
const SLOW = { timeout: 90_000 };
const pools: ImportPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

function pool(options: Partial<PoolOptions>): ImportPool {
  const p = new ImportPool({ ...poolOptionsFromEnv(), size: 1, ...options });
  pools.push(p);
  return p;
}

/** The longest the event loop was blocked while `work` ran, probed every 10 ms. */
async function maxLoopStall<T>(work: Promise<T>): Promise<{ result: PromiseSettledResult<T>; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 10);
    last = now;
  }, 10);
  const [result] = await Promise.allSettled([work]);
  clearInterval(probe);
  return { result, stallMs };
}

const rejection = (settled: PromiseSettledResult<unknown>) => (settled.status === "rejected" ? (settled.reason as Error) : null);

describe("the import worker pool", () => {
  it("parses a document in a worker exactly as the importer does in process", SLOW, async () => {
    const body = "# Budget\n\nSpending rose by **12%**, said [the minister](https://example.gov/a).\n\n- one\n- two\n\n<script>alert(1)</script>";
    const { doc, plainText } = toArticleDocument({ format: "markdown", body });
    expect(await importDocument({ format: "markdown", body })).toEqual({ docJson: JSON.stringify(doc), plainText });
  });

  it("refuses empty and oversized bodies without a worker", async () => {
    await expect(importDocument({ format: "text", body: "  \n " })).rejects.toMatchObject({ code: "empty" });
    await expect(importDocument({ format: "text", body: "a".repeat(2 * 1024 * 1024 + 1) })).rejects.toMatchObject({ code: "too_large" });
  });

  it("ends a document that runs past the time limit with the readable error, keeps the event loop free, and replaces the worker", SLOW, async () => {
    const p = pool({ timeoutMs: 1000 });
    // The first document also waits for the worker to load; the limit counts from when it starts parsing.
    await p.run({ kind: "document", format: "text", body: "warm" });
    const started = performance.now();
    const { result, stallMs } = await maxLoopStall(p.run({ kind: "spin", ms: 60_000 }));
    const error = rejection(result);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe("too_complex");
    expect(error!.message).toMatch(/^This document is too complex to import.*plain text/);
    // Ended by the pool long before the 60 s it would have taken.
    expect(performance.now() - started).toBeLessThan(15_000);
    console.log(`time limit: refused after ${(performance.now() - started).toFixed(0)} ms; main thread's longest stall ${stallMs.toFixed(0)} ms`);
    expect(stallMs).toBeLessThan(1000);
    expect(p.stats).toMatchObject({ timedOut: 1, replaced: 1 });
    // The replacement takes the next document.
    expect((await p.run({ kind: "document", format: "text", body: "Still works." })).plainText).toBe("Still works.");
  });

  it("ends a worker that runs out of memory with the same readable error", SLOW, async () => {
    const p = pool({ memoryMb: 48, timeoutMs: 60_000 });
    const error = await p.run({ kind: "allocate" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe("too_complex");
    expect(p.stats.outOfMemory).toBe(1);
    expect((await p.run({ kind: "document", format: "html", body: "<p>After</p>" })).plainText).toBe("After");
  });

  it("keeps the queue bounded: a flood gets “busy” at once instead of piling up", SLOW, async () => {
    const p = pool({ timeoutMs: 3000, maxQueue: 1, maxQueueWaitMs: 60_000 });
    await p.run({ kind: "document", format: "text", body: "warm" });
    const running = p.run({ kind: "spin", ms: 2000 });
    const queued = p.run({ kind: "document", format: "text", body: "Queued." });
    const started = performance.now();
    const flood = await p.run({ kind: "document", format: "text", body: "One too many." }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(500);
    expect(flood).toBeInstanceOf(ImportError);
    expect((flood as ImportError).code).toBe("busy");
    expect((flood as ImportError).message).toMatch(/busy.*Try again/);
    await running;
    // The queued document was not lost: it ran once the worker was free.
    expect((await queued).plainText).toBe("Queued.");
    expect(p.stats.refusedBusy).toBe(1);
  });

  it("gives up on a document that waited too long in the queue", SLOW, async () => {
    const p = pool({ timeoutMs: 5000, maxQueue: 4, maxQueueWaitMs: 300 });
    await p.run({ kind: "document", format: "text", body: "warm" });
    const running = p.run({ kind: "spin", ms: 1500 });
    await expect(p.run({ kind: "document", format: "text", body: "Waits." })).rejects.toMatchObject({ code: "busy" });
    await running;
  });

  it("carries the parsers' readable errors across the thread, as the same error types", SLOW, async () => {
    const p = pool({});
    const htmlError = await p.run({ kind: "document", format: "html", body: "<div>".repeat(5000) + "x" }).catch((e: unknown) => e);
    expect(htmlError).toBeInstanceOf(ImportError);
    expect((htmlError as ImportError).message).toMatch(/nested too deeply/);
    const jsonError = await p.run({ kind: "claimdesk-json", text: "{nope", verdictKeys: [] }).catch((e: unknown) => e);
    expect(jsonError).toBeInstanceOf(AppError);
    expect((jsonError as AppError).code).toBe("bad_request:import");
    expect((jsonError as AppError).message).toMatch(/not valid JSON/);
  });
});

/**
 * Untrusted documents are parsed in worker threads, never on the server's
 * event loop: a pathological file (quadratic emphasis, deep nesting, millions
 * of elements) would otherwise stop every other request while it parses.
 *
 * - A small warm pool (IMPORT_WORKERS, default one less than the cores, 1–4):
 *   a worker takes a noticeable time to start and load the parsers (see
 *   bench/import-bombs.ts), so workers are started once and reused.
 * - A hard time limit per document (IMPORT_TIMEOUT_MS, default 5 s) and a
 *   memory limit per worker (IMPORT_WORKER_MEMORY_MB, default 512): past
 *   either, the worker is terminated, the user gets the readable "too
 *   complex" error, and a fresh worker takes its place.
 * - A bounded queue (IMPORT_QUEUE, default 8 waiting, each at most
 *   IMPORT_QUEUE_WAIT_MS, default 15 s): a flood of bombs gets "busy" at once
 *   instead of piling up work.
 *
 * The pool is per process (it holds threads, not shared state); every
 * instance of the app has its own.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { checkArticleBody, type ImportFormat } from "./format";
import { deserializeError, serializeError, type ImportTask, type SerializedError, type TaskResult, type WorkerReply } from "./tasks";

/** How a document ended, as plain data (see `settle`). */
export type Outcome = { ok: true; result: unknown } | { ok: false; error: SerializedError };

const refusal = (code: "too_complex" | "busy"): SerializedError => ({ kind: "import", code, message: "" });

export type PoolOptions = {
  size: number;
  timeoutMs: number;
  memoryMb: number;
  /** The worker's young generation (V8 semi-spaces), in MB. */
  youngMb: number;
  maxQueue: number;
  maxQueueWaitMs: number;
  /** How long a new worker may take to load before the start counts as failed. */
  startTimeoutMs: number;
};

const envInt = (name: string, fallback: number, min: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min ? value : fallback;
};

export function poolOptionsFromEnv(): PoolOptions {
  return {
    // One core is left to the event loop: a bomb keeps its worker's core busy until the time limit.
    size: envInt("IMPORT_WORKERS", Math.min(4, Math.max(1, availableParallelism() - 1)), 1),
    timeoutMs: envInt("IMPORT_TIMEOUT_MS", 5000, 100),
    memoryMb: envInt("IMPORT_WORKER_MEMORY_MB", 512, 32),
    youngMb: envInt("IMPORT_WORKER_YOUNG_MB", 16, 1),
    maxQueue: envInt("IMPORT_QUEUE", 8, 0),
    maxQueueWaitMs: envInt("IMPORT_QUEUE_WAIT_MS", 15_000, 100),
    startTimeoutMs: 30_000,
  };
}

/**
 * Starts the worker entry. Under Next.js (`next start`, `next dev`) Turbopack
 * bundles `new Worker(new URL("./worker.ts", import.meta.url))` into a worker
 * chunk of its own (Node `worker_threads` support, Next ≥ 16.2), so that
 * exact form must stay. Run from source (Vitest, tsx), the URL is the .ts
 * file itself, which Node 20 cannot load, so the worker first registers
 * tsx's CommonJS loader (which also reads the tsconfig `@/` paths).
 */
function startWorker(resourceLimits: ResourceLimits): Worker {
  if (process.env.NEXT_RUNTIME) {
    return new Worker(new URL("./worker.ts", import.meta.url), { resourceLimits, name: "claimdesk-import" });
  }
  const entry = fileURLToPath(new URL("./worker.ts", import.meta.url));
  return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(entry)});`, { eval: true, resourceLimits, name: "claimdesk-import" });
}

type Job = {
  id: number;
  task: ImportTask;
  settle: (outcome: Outcome) => void;
  queueTimer?: NodeJS.Timeout;
};

type Slot = {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
  startTimer?: NodeJS.Timeout;
  retired: boolean;
};

export type PoolStats = { started: number; replaced: number; timedOut: number; outOfMemory: number; refusedBusy: number; startMs: number[] };

export class ImportPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers in a row that ended before they were ready: a broken entry, not a bad document. */
  private failedStarts = 0;
  readonly stats: PoolStats = { started: 0, replaced: 0, timedOut: 0, outOfMemory: 0, refusedBusy: 0, startMs: [] };

  constructor(readonly options: PoolOptions) {}

  /** Starts the workers now rather than on the first document. */
  warm(): void {
    if (this.failedStarts >= 3 && this.slots.size === 0) this.failedStarts = 2;
    while (!this.closed && this.slots.size < this.options.size) this.spawn();
  }

  /** Runs a task; its result, or throws the error the parser (or the pool's limits) raised. */
  async run<T extends ImportTask>(task: T): Promise<TaskResult<T>> {
    const outcome = await this.settle(task);
    if (!outcome.ok) throw deserializeError(outcome.error);
    return outcome.result as TaskResult<T>;
  }

  /**
   * Runs a task and resolves with its outcome as plain data, never with an
   * error object: the pool is shared by the whole process (see
   * `getImportPool`), and a bundler may load this module more than once, so
   * errors are built by the caller's copy of the error classes
   * (`runImportTask`), where the caller's `instanceof` checks hold.
   */
  settle(task: ImportTask): Promise<Outcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: serializeError(new Error("The import pool is closed")) });
    this.warm();
    const idle = [...this.slots].find((s) => s.ready && !s.job && !s.retired);
    if (!idle && this.queue.length >= this.options.maxQueue) {
      this.stats.refusedBusy++;
      return Promise.resolve({ ok: false, error: refusal("busy") });
    }
    return new Promise<Outcome>((settle) => {
      const job: Job = { id: this.nextId++, task, settle };
      if (idle) return this.assign(idle, job);
      this.queue.push(job);
      this.armQueueTimer(job);
    });
  }

  /**
   * A document waits in the queue at most `maxQueueWaitMs` behind other
   * documents. Time spent only waiting for workers to start does not count
   * (the start has its own limit), so the first import after a start is not
   * refused as busy.
   */
  private armQueueTimer(job: Job): void {
    job.queueTimer = setTimeout(() => {
      const at = this.queue.indexOf(job);
      if (at < 0) return;
      if (![...this.slots].some((s) => s.job)) return this.armQueueTimer(job);
      this.queue.splice(at, 1);
      this.stats.refusedBusy++;
      job.settle({ ok: false, error: refusal("busy") });
    }, this.options.maxQueueWaitMs);
    job.queueTimer.unref();
  }

  /** Terminates every worker; queued and running documents fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.queueTimer);
      job.settle({ ok: false, error: serializeError(new Error("The import pool is closed")) });
    }
    await Promise.all([...this.slots].map((slot) => this.retire(slot, serializeError(new Error("The import pool is closed")))));
  }

  private spawn(): void {
    const started = performance.now();
    const worker = startWorker({ maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: this.options.youngMb });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, retired: false };
    this.slots.add(slot);
    this.stats.started++;
    slot.startTimer = setTimeout(() => void this.retire(slot, serializeError(new Error("The import worker did not start"))), this.options.startTimeoutMs);
    slot.startTimer.unref();

    worker.on("message", (message: WorkerReply | { ready: true }) => {
      if ("ready" in message) {
        clearTimeout(slot.startTimer);
        slot.ready = true;
        this.failedStarts = 0;
        this.stats.startMs.push(performance.now() - started);
        if (this.stats.startMs.length > 100) this.stats.startMs.shift();
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || message.id !== job.id) return;
      clearTimeout(slot.timer);
      slot.job = null;
      job.settle(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
      this.dispatch();
    });
    worker.on("error", (error: Error & { code?: string }) => {
      // ERR_WORKER_OUT_OF_MEMORY when `resourceLimits` ended it; anything
      // else is a crash of the worker itself. Either way this document is
      // what it could not get through.
      const oom = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      if (oom) this.stats.outOfMemory++;
      void this.retire(slot, oom ? refusal("too_complex") : serializeError(error));
    });
    worker.on("exit", () => void this.retire(slot, serializeError(new Error("The import worker stopped unexpectedly"))));
  }

  private assign(slot: Slot, job: Job): void {
    clearTimeout(job.queueTimer);
    slot.job = job;
    slot.timer = setTimeout(() => {
      this.stats.timedOut++;
      void this.retire(slot, refusal("too_complex"));
    }, this.options.timeoutMs);
    slot.timer.unref();
    slot.worker.postMessage({ id: job.id, task: job.task });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (slot.ready && !slot.job && !slot.retired) this.assign(slot, this.queue.shift()!);
    }
  }

  /** Ends a worker (its document fails with `error`) and starts a replacement. */
  private async retire(slot: Slot, error: SerializedError): Promise<void> {
    if (slot.retired) return;
    slot.retired = true;
    clearTimeout(slot.timer);
    clearTimeout(slot.startTimer);
    this.slots.delete(slot);
    const job = slot.job;
    slot.job = null;
    job?.settle({ ok: false, error });
    if (!slot.ready && ++this.failedStarts >= 3) {
      // Starting again would fail again: fail what waits, and try anew on the next document.
      console.error("[import] the parser worker does not start:", error);
      for (const waiting of this.queue.splice(0)) {
        clearTimeout(waiting.queueTimer);
        waiting.settle({ ok: false, error });
      }
    } else if (!this.closed) {
      this.stats.replaced++;
      this.spawn();
    }
    // A worker stuck in a parser does not stop by itself: terminate() stops
    // its JavaScript wherever it is.
    await slot.worker.terminate().catch(() => undefined);
  }
}

const GLOBAL_KEY = Symbol.for("claimdesk.importPool");
type WithPool = typeof globalThis & { [GLOBAL_KEY]?: ImportPool };

/** The process's pool: one per process, even if bundling loads this module more than once. */
export function getImportPool(): ImportPool {
  const g = globalThis as WithPool;
  return (g[GLOBAL_KEY] ??= new ImportPool(poolOptionsFromEnv()));
}

/** Runs a task in the process's pool; throws this module's ImportError / AppError on refusal. */
export async function runImportTask<T extends ImportTask>(task: T): Promise<TaskResult<T>> {
  const outcome = await getImportPool().settle(task);
  if (!outcome.ok) throw deserializeError(outcome.error);
  return outcome.result as TaskResult<T>;
}

/**
 * An untrusted document (text, Markdown, HTML) → the article's TipTap JSON
 * and plain text, parsed and sanitised in the import worker. Throws
 * ImportError: the parsers' own refusals, `too_complex` past the time or
 * memory limit, `busy` when the queue is full.
 */
export async function importDocument(input: { format: ImportFormat; body: string }): Promise<TaskResult<{ kind: "document"; format: ImportFormat; body: string }>> {
  // Refusals that need no parser are decided here, without a worker.
  checkArticleBody(input.body);
  return runImportTask({ kind: "document", format: input.format, body: input.body });
}

/**
 * A libSQL `Client` that waits for a database locked by another process
 * without freezing this one.
 *
 * In `file:` mode every call into the native driver is synchronous, and so is
 * SQLite's busy handler: with `timeout: 5000` a write that meets another
 * process's write lock sleeps on the event loop for up to 5 s, and every
 * request of the server waits with it. So the driver's own busy wait is kept
 * short (SQLite's `busy_timeout`, DRIVER_BUSY_TIMEOUT_MS in db/index.ts), and a write that still finds the
 * lock taken gives up with SQLITE_BUSY; this wrapper then drops the native
 * connection (a connection that saw BUSY keeps the failed statement in
 * progress and misreports later writes, libsql-client-ts#352), waits
 * asynchronously with exponential back-off and jitter, and runs the call again
 * on a fresh connection, until `waitMs` has passed. Then the call fails with
 * a DatabaseBusyError (still an SQLITE_BUSY, so `isBusyError` holds), which
 * lib/action.ts and lib/route.ts turn into `unavailable:database`.
 *
 * Running a call again is safe because a call that failed with BUSY changed
 * nothing: `execute` is one autocommit statement that did not get the lock,
 * and `batch`/`migrate` run BEGIN … COMMIT on one connection, which the client
 * rolls back when any statement, COMMIT included, fails (db/busy-retry.test.ts
 * checks both). An interactive `transaction` retries only its BEGIN.
 *
 * Calls are run one at a time (the driver is synchronous anyway, and a
 * connection must not be closed under another call), and the turn passes on
 * through `setImmediate`, so pending I/O — a health check, a page — is served
 * between two calls instead of after a whole queue of them. A waiting call
 * does not hold the turn: reads go on while writes wait for the lock.
 */
import type { Client, InArgs, InStatement, Replicated, ResultSet, Transaction, TransactionMode } from "@libsql/client";

export type BusyRetryOptions = {
  /** Opens a client with one fresh connection, its per-connection PRAGMAs applied. Called lazily, and again after each BUSY. */
  open: () => Promise<Client>;
  /** How long one call may wait for the lock, in ms, before the caller is told the database is busy. */
  waitMs: number;
  /** `false` for remote databases: there the server does the waiting, and a BUSY is passed on at once. */
  retry?: boolean;
  /** First back-off delay (ms); it doubles per attempt up to `maxDelayMs`, each drawn between half and all of it. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Called when a call gives up (for the server log). */
  onGiveUp?: (event: { attempts: number; waitedMs: number; error: unknown }) => void;
  /** Test seams. */
  sleep?: (ms: number, wake: Promise<void>) => Promise<void>;
  now?: () => number;
  random?: () => number;
};

export const DEFAULT_MIN_DELAY_MS = 10;
export const DEFAULT_MAX_DELAY_MS = 500;

/** SQLITE_BUSY in any of its forms (BUSY_SNAPSHOT, BUSY_RECOVERY, "database is locked"), anywhere in the cause chain. */
export function isBusyError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
    if (e instanceof Error && /SQLITE_BUSY|database is locked/i.test(e.message)) return true;
  }
  return false;
}

/**
 * What a call throws once the wait is over. It keeps the SQLITE_BUSY code
 * (so callers recognise it by shape: the instrumentation bundle and the app's
 * bundles each have their own copy of lib/errors, but share this client).
 */
export class DatabaseBusyError extends Error {
  readonly code = "SQLITE_BUSY";
  constructor(
    readonly waitedMs: number,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`SQLITE_BUSY: the database stayed locked by another connection for ${Math.round(waitedMs)} ms (${attempts} attempts)`, { cause });
    this.name = "DatabaseBusyError";
  }
}

/** First come, first served; the next holder runs on a later turn of the event loop. */
class Turn {
  private held = false;
  private readonly queue: (() => void)[] = [];

  take(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.held = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.pass();
        });
      };
      if (!this.held) grant();
      else this.queue.push(grant);
    });
  }

  private pass() {
    const next = this.queue.shift();
    // Stay held during the hand-over, so a newcomer queues behind `next`.
    if (next) setImmediate(next);
    else this.held = false;
  }
}

function defaultSleep(ms: number, wake: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void wake.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A promise with its resolve function (Promise.withResolvers needs Node 22). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export class BusyRetryClient implements Client {
  readonly protocol: string;
  private current: Client | undefined;
  private opening: Promise<Client> | undefined;
  private isClosed = false;
  private readonly turn = new Turn();
  private readonly retry: boolean;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: NonNullable<BusyRetryOptions["sleep"]>;
  private readonly now: () => number;
  private readonly random: () => number;
  /** When a call last met the lock, when a waiting call last got through, and a signal for the next time one does. */
  private lastBusyAt = -Infinity;
  private lastFreedAt = -Infinity;
  private freed = signal();

  constructor(
    private readonly options: BusyRetryOptions,
    protocol = "file",
  ) {
    this.protocol = protocol;
    this.retry = options.retry ?? true;
    this.minDelayMs = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
    this.maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  private connection(): Promise<Client> {
    if (this.isClosed) return Promise.reject(new Error("The database client is closed"));
    if (this.current) return Promise.resolve(this.current);
    this.opening ??= this.options.open().then(
      (client) => {
        this.opening = undefined;
        if (this.isClosed) {
          client.close();
          throw new Error("The database client is closed");
        }
        this.current = client;
        return client;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  /** Closes the connection that met the lock (if it is still the current one); the next call opens a fresh one. */
  private discard(client: Client | undefined) {
    if (!client || client !== this.current) return;
    this.current = undefined;
    client.close();
  }

  private delayFor(attempt: number, remaining: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.min(attempt - 1, 30));
    const delay = ceiling / 2 + (ceiling / 2) * this.random();
    return Math.max(0, Math.min(delay, remaining));
  }

  /**
   * Runs `op` on the connection, in turn, again after each BUSY until the
   * wait is over. With `keepTurn` (interactive transactions) the turn stays
   * taken after success and the caller gets the function that passes it on.
   */
  private async run<T>(op: (client: Client) => Promise<T>): Promise<T>;
  private async run<T>(op: (client: Client) => Promise<T>, keepTurn: true): Promise<[T, Client, () => void]>;
  private async run<T>(op: (client: Client) => Promise<T>, keepTurn = false): Promise<T | [T, Client, () => void]> {
    const started = this.now();
    let attempts = 0;
    let steps = 0; // back-off steps, skipped probes included, so a call that skips still backs off
    let sleptSince = -Infinity;
    for (;;) {
      // If another call met the lock while this one slept (and nobody got through since), it is still
      // taken: sleep on without another synchronous busy wait in the driver.
      const probe = attempts === 0 || this.lastBusyAt <= sleptSince || this.lastFreedAt >= this.lastBusyAt;
      if (probe) {
        const release = await this.turn.take();
        let client: Client | undefined;
        let error: unknown;
        try {
          client = await this.connection();
          const result = await op(client);
          if (attempts > 0) this.signalFreed();
          if (keepTurn) return [result, client, release];
          release();
          return result;
        } catch (e) {
          if (!isBusyError(e)) {
            release();
            throw e;
          }
          error = e;
          attempts++;
          this.lastBusyAt = this.now();
          this.discard(client);
          release();
        }
        const waited = this.now() - started;
        if (!this.retry) throw error;
        if (waited >= this.options.waitMs) {
          this.options.onGiveUp?.({ attempts, waitedMs: waited, error });
          throw new DatabaseBusyError(waited, attempts, error);
        }
      } else if (this.now() - started >= this.options.waitMs) {
        const waited = this.now() - started;
        this.options.onGiveUp?.({ attempts, waitedMs: waited, error: undefined });
        throw new DatabaseBusyError(waited, attempts, undefined);
      }
      const remaining = this.options.waitMs - (this.now() - started);
      sleptSince = this.now();
      await this.sleep(this.delayFor(++steps, remaining), this.freed.promise);
    }
  }

  /** A call that had waited got through: wake every waiting call now rather than at its next back-off step. */
  private signalFreed() {
    this.lastFreedAt = this.now();
    const freed = this.freed;
    this.freed = signal();
    freed.resolve();
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.run((c) => (typeof stmtOrSql === "string" ? c.execute(stmtOrSql, args) : c.execute(stmtOrSql)));
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return this.run((c) => c.batch(stmts, mode));
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.run((c) => c.migrate(stmts));
  }

  executeMultiple(sql: string): Promise<void> {
    return this.run((c) => c.executeMultiple(sql));
  }

  sync(): Promise<Replicated> {
    return this.run((c) => c.sync());
  }

  /**
   * An interactive transaction holds the connection (and the turn) from
   * BEGIN to COMMIT/ROLLBACK. Only BEGIN is retried: the statements after it
   * ran application code in between and cannot be replayed from here.
   */
  async transaction(mode?: TransactionMode): Promise<Transaction> {
    const [tx, client, release] = await this.run((c) => c.transaction(mode), true);
    let settled = false;
    let sawBusy = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      if (sawBusy) this.discard(client);
      release();
    };
    const guard = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (e) {
        if (isBusyError(e)) sawBusy = true;
        throw e;
      }
    };
    const wrapped: Transaction = {
      execute: (stmt: InStatement) => guard(() => tx.execute(stmt)),
      batch: (stmts: InStatement[]) => guard(() => tx.batch(stmts)),
      executeMultiple: (sql: string) => guard(() => tx.executeMultiple(sql)),
      commit: () => guard(() => tx.commit()).finally(settle),
      rollback: () => guard(() => tx.rollback()).finally(settle),
      close: () => {
        try {
          tx.close();
        } finally {
          settle();
        }
      },
      get closed() {
        return tx.closed;
      },
    };
    return wrapped;
  }

  /** Drops the connection; the next call opens a new one. */
  reconnect(): void {
    this.isClosed = false;
    this.discard(this.current);
  }

  close(): void {
    this.isClosed = true;
    this.discard(this.current);
  }
}

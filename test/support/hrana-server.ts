/**
 * A test-only libSQL server: Hrana over HTTP (protocol versions 2 and 3,
 * JSON encoding), backed by a local database file, so the app's
 * `DATABASE_URL=http://…` path runs in CI without sqld (which cannot be
 * installed here: not on npm, not in Debian, no Docker).
 *
 * Written from the public Hrana spec (tursodatabase/libsql, docs/HRANA_3_SPEC.md
 * and the HTTP parts of HRANA_2_SPEC.md) and from what @libsql/client 0.18 /
 * @libsql/hrana-client 0.10 actually send. It is not sqld; it keeps the parts
 * of sqld's behaviour the app can observe:
 *
 * - Endpoints: `GET /health`, `GET /v2`, `GET /v3` (version checks answer 200),
 *   `POST /v2/pipeline`, `POST /v3/pipeline`, `POST /v3/cursor`.
 *   `/v3-protobuf` answers 404, which is how hrana-client learns to use JSON.
 * - A stream is one SQLite connection of its own, so an interactive
 *   transaction (BEGIN in one HTTP request, COMMIT in a later one) is isolated
 *   from every other stream, and nothing a stream sets on its connection
 *   (PRAGMA foreign_keys, temp tables) leaks into another one. Every response
 *   carries a fresh single-use baton; a stale, replayed or expired baton gets
 *   HTTP 400. A stream idle for longer than `batonTtlMs` is closed and its
 *   open transaction rolled back (sqld does the same, with a longer default).
 * - SQLite's own busy handler is off (it would sleep synchronously and freeze
 *   this server, which also serves the stream holding the lock); a statement
 *   that meets another stream's lock is retried asynchronously for up to
 *   `busyTimeoutMs`, then fails with SQLITE_BUSY. A BUSY_SNAPSHOT (a read
 *   transaction that can no longer become a write) fails at once, as it
 *   would in sqld: retrying cannot help.
 * - Values: integers travel as decimal strings, floats as JSON numbers, blobs
 *   as base64 (no padding), NULL as `{"type":"null"}`. Arguments are bound
 *   as they arrive, so a JSON float is a REAL even when it is whole.
 * - Errors carry SQLite's extended code name (`SQLITE_CONSTRAINT_UNIQUE`),
 *   like sqld.
 *
 * Loopback only, on a free port; tests start and stop it.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "libsql";

type Conn = InstanceType<typeof Database>;

export type HranaServerOptions = {
  /** The database file every stream opens. */
  file: string;
  /** A stream unused for this long is closed (its transaction rolled back). */
  batonTtlMs?: number;
  /** How long a statement waits for another stream's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Require `Authorization: Bearer <authToken>` (as a Turso/sqld database with auth does). */
  authToken?: string;
  /**
   * `false` runs `PRAGMA foreign_keys = OFF` on each new connection. libsql is
   * built with SQLITE_DEFAULT_FOREIGN_KEYS, so they are on by default, on the
   * file path and in sqld alike; a stream's own PRAGMA never reaches another
   * stream (libsql/sqld#764).
   */
  foreignKeys?: boolean;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
};

export type HranaServer = {
  /** `http://127.0.0.1:<port>`, for DATABASE_URL. */
  url: string;
  port: number;
  /** Counters for tests: streams opened and expired, HTTP requests by path. */
  stats: { streamsOpened: number; streamsExpired: number; openStreams: () => number; requests: Map<string, number> };
  close: () => Promise<void>;
};

// ---------------------------------------------------------------- protocol

type ProtoValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

type ProtoStmt = { sql?: string | null; sql_id?: number | null; args?: ProtoValue[]; named_args?: { name: string; value: ProtoValue }[]; want_rows?: boolean };
type ProtoCond =
  | { type: "ok"; step: number }
  | { type: "error"; step: number }
  | { type: "not"; cond: ProtoCond }
  | { type: "and"; conds: ProtoCond[] }
  | { type: "or"; conds: ProtoCond[] }
  | { type: "is_autocommit" };
type ProtoBatch = { steps: { condition?: ProtoCond | null; stmt: ProtoStmt }[] };
type ProtoError = { message: string; code?: string };
type StmtResult = {
  cols: { name: string | null; decltype: string | null }[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
};

/** A failure reported to the client as a Hrana error (and never as a crash of this server). */
class HranaError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}

function errorToProto(error: unknown): ProtoError {
  if (error instanceof HranaError) return { message: error.message, code: error.code };
  const e = error as { message?: unknown; code?: unknown };
  const message = typeof e?.message === "string" ? e.message : String(error);
  return typeof e?.code === "string" ? { message: `${e.code}: ${message}`, code: e.code } : { message };
}

function valueFromProto(value: ProtoValue | undefined): unknown {
  if (!value || typeof value !== "object") throw new HranaError("A value must be an object with a type", "HRANA_PROTO_ERROR");
  switch (value.type) {
    case "null":
      return null;
    case "integer":
      if (typeof value.value !== "string" || !/^-?\d+$/.test(value.value)) throw new HranaError("An integer value must be a decimal string", "HRANA_PROTO_ERROR");
      return BigInt(value.value);
    case "float":
      if (typeof value.value !== "number") throw new HranaError("A float value must be a number", "HRANA_PROTO_ERROR");
      return value.value;
    case "text":
      if (typeof value.value !== "string") throw new HranaError("A text value must be a string", "HRANA_PROTO_ERROR");
      return value.value;
    case "blob":
      if (typeof value.base64 !== "string") throw new HranaError("A blob value must carry base64", "HRANA_PROTO_ERROR");
      return Buffer.from(value.base64, "base64");
    default:
      throw new HranaError(`Unknown value type ${JSON.stringify((value as { type: unknown }).type)}`, "HRANA_PROTO_ERROR");
  }
}

function valueToProto(value: unknown): ProtoValue {
  if (value === null || value === undefined) return { type: "null" };
  if (typeof value === "bigint") return { type: "integer", value: value.toString() };
  if (typeof value === "number") return { type: "float", value };
  if (typeof value === "string") return { type: "text", value };
  if (value instanceof Uint8Array) return { type: "blob", base64: Buffer.from(value).toString("base64").replace(/=+$/, "") };
  throw new HranaError(`Cannot encode a ${typeof value} result`, "INTERNAL");
}

// ---------------------------------------------------------------- streams

type Stream = {
  id: string;
  conn: Conn;
  sqls: Map<number, string>;
  /** The one baton that may continue this stream. */
  baton: string;
  lastUsed: number;
  /** A request on this stream is being served (it may be waiting for a lock). */
  busy: boolean;
  /** The BEGIN of the connection's open transaction, while that transaction has done nothing else. */
  pristineBegin?: string;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** SQLITE_BUSY and its extended codes that a later try can get past (not BUSY_SNAPSHOT: that read transaction is stale for good). */
function isRetryableBusy(error: unknown): boolean {
  const e = error as { code?: unknown; rawCode?: unknown };
  if (e?.code === "SQLITE_BUSY_SNAPSHOT" || e?.rawCode === 517) return false;
  return typeof e?.code === "string" && e.code.startsWith("SQLITE_BUSY");
}

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const batonTtlMs = options.batonTtlMs ?? 10_000;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const streams = new Map<string, Stream>();
  const stats: HranaServer["stats"] = { streamsOpened: 0, streamsExpired: 0, openStreams: () => streams.size, requests: new Map() };

  // WAL lives in the file: set it once, as sqld does for its databases.
  {
    const setup = new Database(options.file, { timeout: 0 });
    setup.exec("PRAGMA journal_mode = WAL");
    setup.close();
  }

  const openConn = (): Conn => {
    // timeout 0: no synchronous busy wait (see the header); waits happen in `withLock`.
    const conn = new Database(options.file, { timeout: 0 });
    if (options.foreignKeys === false) conn.exec("PRAGMA foreign_keys = OFF");
    return conn;
  };

  const closeStream = (stream: Stream) => {
    streams.delete(stream.id);
    dropConn(stream.conn);
  };

  /**
   * Rolls back what the connection had open, then closes it. The explicit
   * ROLLBACK matters: libsql's close leaves the connection alive (a zombie,
   * holding its locks) until the garbage collector finalizes its statements.
   */
  const dropConn = (conn: Conn) => {
    try {
      if (conn.inTransaction) conn.exec("ROLLBACK");
    } catch {
      /* nothing to roll back */
    }
    try {
      conn.close();
    } catch {
      /* already closed */
    }
  };

  const newBaton = (stream: Stream) => {
    stream.baton = `${stream.id}.${randomBytes(12).toString("base64url")}`;
    return stream.baton;
  };

  // Batons expire: an abandoned stream must not keep its connection (and maybe a write lock) for ever.
  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const stream of streams.values()) {
        if (!stream.busy && now - stream.lastUsed > batonTtlMs) {
          stats.streamsExpired++;
          closeStream(stream);
        }
      }
    },
    Math.max(50, Math.min(1000, batonTtlMs / 4)),
  );
  sweeper.unref();

  /** A fresh connection for the stream; the old one (and whatever it had open) is dropped. */
  const replaceConn = (stream: Stream) => {
    dropConn(stream.conn);
    stream.conn = openConn();
  };

  /**
   * Runs a synchronous statement on the stream's connection, waiting
   * asynchronously while another stream holds the lock. A connection that met
   * SQLITE_BUSY is not used again (libsql keeps the failed statement in
   * progress, holding its read snapshot: libsql-client-ts#352), so each retry
   * runs on a fresh connection. That is possible when nothing is lost: the
   * statement ran in autocommit, or its transaction has done nothing but
   * BEGIN (replayed on the new connection). A transaction that had done work
   * cannot move: the stream is closed (rolling it back) and the client gets
   * SQLITE_BUSY, as it would get SQLITE_BUSY_SNAPSHOT from sqld.
   */
  async function withLock<T>(stream: Stream, sql: string, run: (conn: Conn) => T, retry = true): Promise<T> {
    const started = Date.now();
    const wasAutocommit = !stream.conn.inTransaction;
    let replayBegin: string | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        if (replayBegin) stream.conn.exec(replayBegin);
        const result = run(stream.conn);
        // Remember a bare BEGIN: until the transaction does something, it can be moved to another connection.
        stream.pristineBegin = wasAutocommit && stream.conn.inTransaction ? sql : undefined;
        return result;
      } catch (error) {
        const busy = (error as { code?: unknown })?.code;
        if (typeof busy !== "string" || !busy.startsWith("SQLITE_BUSY")) {
          if (!stream.conn.inTransaction) stream.pristineBegin = undefined;
          throw error;
        }
        const movable = wasAutocommit || stream.pristineBegin !== undefined;
        if (!movable) {
          closeStream(stream);
          throw new HranaError(`${busy}: database is locked by another stream; this stream's transaction was rolled back`, busy);
        }
        const begin = wasAutocommit ? undefined : stream.pristineBegin;
        if (!retry || !isRetryableBusy(error) || Date.now() - started >= busyTimeoutMs) {
          if (begin) closeStream(stream);
          else replaceConn(stream);
          throw error;
        }
        replaceConn(stream);
        replayBegin = begin;
        await sleep(Math.min(100, 2 ** attempt) * (0.5 + Math.random() / 2));
      }
    }
  }

  function sqlOf(stream: Stream, sql: string | null | undefined, sqlId: number | null | undefined): string {
    if (typeof sql === "string") {
      if (sqlId !== undefined && sqlId !== null) throw new HranaError("A statement cannot have both sql and sql_id", "HRANA_PROTO_ERROR");
      return sql;
    }
    if (typeof sqlId === "number") {
      const stored = stream.sqls.get(sqlId);
      if (stored === undefined) throw new HranaError(`SQL text ${sqlId} was not stored on this stream`, "SQL_NOT_FOUND");
      return stored;
    }
    throw new HranaError("A statement needs sql or sql_id", "HRANA_PROTO_ERROR");
  }

  function bindings(stmt: ProtoStmt): unknown[] | Record<string, unknown> {
    const args = stmt.args ?? [];
    const named = stmt.named_args ?? [];
    if (!Array.isArray(args) || !Array.isArray(named)) throw new HranaError("args and named_args must be arrays", "HRANA_PROTO_ERROR");
    if (named.length === 0) return args.map(valueFromProto);
    if (args.length > 0) throw new HranaError("This test server does not mix positional and named arguments in one statement", "ARGS_INVALID");
    const out: Record<string, unknown> = {};
    for (const { name, value } of named) out[String(name).replace(/^[:@$]/, "")] = valueFromProto(value);
    return out;
  }

  async function executeStmt(stream: Stream, stmt: ProtoStmt): Promise<StmtResult> {
    if (!stmt || typeof stmt !== "object") throw new HranaError("stmt must be an object", "HRANA_PROTO_ERROR");
    const sql = sqlOf(stream, stmt.sql, stmt.sql_id);
    const args = bindings(stmt);
    const wantRows = stmt.want_rows ?? true;
    return withLock(stream, sql, (conn) => {
      const prepared = conn.prepare(sql);
      if (prepared.reader) {
        prepared.raw(true).safeIntegers(true);
        const cols = prepared.columns().map((c: { name: string; type: string | null }) => ({ name: c.name, decltype: c.type ?? null }));
        const rows = (prepared.all(args) as unknown[][]).map((row) => row.map(valueToProto));
        let affected = 0;
        let lastRowid: string | null = null;
        // INSERT/UPDATE/DELETE … RETURNING reads rows and writes them; report its changes like sqld.
        if (/\breturning\b/i.test(sql)) {
          const [changes, rowid] = conn.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true).get() as [bigint, bigint];
          affected = Number(changes);
          lastRowid = rowid.toString();
        }
        return { cols, rows: wantRows ? rows : [], affected_row_count: affected, last_insert_rowid: lastRowid };
      }
      const info = prepared.run(args) as { changes: number };
      // run() reports the rowid as a double, which loses precision above 2^53.
      const [rowid] = conn.prepare("SELECT last_insert_rowid()").raw(true).safeIntegers(true).get() as [bigint];
      return { cols: [], rows: [], affected_row_count: Number(info.changes), last_insert_rowid: rowid.toString() };
    });
  }

  function evalCond(cond: ProtoCond, stream: Stream, outcome: ("ok" | "error" | undefined)[]): boolean {
    if (!cond || typeof cond !== "object") throw new HranaError("A condition must be an object", "HRANA_PROTO_ERROR");
    switch (cond.type) {
      case "ok":
      case "error": {
        if (!Number.isInteger(cond.step) || cond.step < 0 || cond.step >= outcome.length) throw new HranaError(`A condition refers to step ${cond.step}, which has not run before it`, "HRANA_PROTO_ERROR");
        return outcome[cond.step] === cond.type;
      }
      case "not":
        return !evalCond(cond.cond, stream, outcome);
      case "and":
        return cond.conds.every((c) => evalCond(c, stream, outcome));
      case "or":
        return cond.conds.some((c) => evalCond(c, stream, outcome));
      case "is_autocommit":
        return !stream.conn.inTransaction;
      default:
        throw new HranaError(`Unknown condition type ${JSON.stringify((cond as { type: unknown }).type)}`, "HRANA_PROTO_ERROR");
    }
  }

  type StepEvent = { step: number; result?: StmtResult; error?: ProtoError };

  /** Runs a batch's steps in order; a step whose condition is false does not run (both its ok and error conditions are false). */
  async function runBatch(stream: Stream, batch: ProtoBatch, onStep?: (event: StepEvent) => void) {
    if (!batch || !Array.isArray(batch.steps)) throw new HranaError("batch.steps must be an array", "HRANA_PROTO_ERROR");
    const outcome: ("ok" | "error" | undefined)[] = [];
    const stepResults: (StmtResult | null)[] = [];
    const stepErrors: (ProtoError | null)[] = [];
    for (const [i, step] of batch.steps.entries()) {
      if (step.condition && !evalCond(step.condition, stream, outcome)) {
        outcome.push(undefined);
        stepResults.push(null);
        stepErrors.push(null);
        continue;
      }
      try {
        const result = await executeStmt(stream, step.stmt);
        outcome.push("ok");
        stepResults.push(result);
        stepErrors.push(null);
        onStep?.({ step: i, result });
      } catch (error) {
        const proto = errorToProto(error);
        outcome.push("error");
        stepResults.push(null);
        stepErrors.push(proto);
        onStep?.({ step: i, error: proto });
      }
    }
    return { step_results: stepResults, step_errors: stepErrors };
  }

  function describe(stream: Stream, sql: string) {
    const prepared = stream.conn.prepare(sql);
    const cols = prepared.reader ? prepared.columns().map((c: { name: string; type: string | null }) => ({ name: c.name, decltype: c.type ?? null })) : [];
    const isExplain = /^\s*explain\b/i.test(sql);
    // The bytecode tells what sqlite3_stmt_readonly() would: a write opens a write transaction or a table for writing.
    const program = isExplain ? [] : (stream.conn.prepare(`EXPLAIN ${sql}`).raw(true).all() as unknown[][]);
    const writes = program.some(([, opcode, , p2]) => opcode === "OpenWrite" || (opcode === "Transaction" && p2 !== 0) || opcode === "CreateBtree" || opcode === "Destroy");
    const params: { name: string | null }[] = [];
    for (const [, opcode, p1, , , p4] of program) {
      if (opcode !== "Variable") continue;
      const index = Number(p1);
      while (params.length < index) params.push({ name: null });
      if (typeof p4 === "string" && !p4.startsWith("?")) params[index - 1] = { name: p4 };
    }
    return { params, cols, is_explain: isExplain, is_readonly: !writes };
  }

  type Request = { type: string; stmt?: ProtoStmt; batch?: ProtoBatch; sql?: string | null; sql_id?: number | null };

  async function handleRequest(stream: Stream, req: Request): Promise<Record<string, unknown>> {
    switch (req.type) {
      case "close":
        closeStream(stream);
        return { type: "close" };
      case "execute":
        return { type: "execute", result: await executeStmt(stream, req.stmt!) };
      case "batch":
        return { type: "batch", result: await runBatch(stream, req.batch!) };
      case "sequence": {
        const sql = sqlOf(stream, req.sql, req.sql_id);
        // Not retried on BUSY: `exec` may have run the first statements already.
        await withLock(stream, sql, (conn) => conn.exec(sql), false);
        return { type: "sequence" };
      }
      case "describe":
        return { type: "describe", result: describe(stream, sqlOf(stream, req.sql, req.sql_id)) };
      case "store_sql": {
        if (typeof req.sql_id !== "number" || typeof req.sql !== "string") throw new HranaError("store_sql needs sql_id and sql", "HRANA_PROTO_ERROR");
        if (stream.sqls.has(req.sql_id)) throw new HranaError(`SQL text ${req.sql_id} is already stored`, "SQL_STORE_ERROR");
        stream.sqls.set(req.sql_id, req.sql);
        return { type: "store_sql" };
      }
      case "close_sql":
        stream.sqls.delete(Number(req.sql_id));
        return { type: "close_sql" };
      case "get_autocommit":
        return { type: "get_autocommit", is_autocommit: !stream.conn.inTransaction };
      default:
        throw new HranaError(`Unknown request type ${JSON.stringify(req.type)}`, "HRANA_PROTO_ERROR");
    }
  }

  /** The stream a request continues (its baton is spent now) or a new one. */
  function takeStream(baton: unknown): Stream {
    if (baton === undefined || baton === null) {
      const id = randomBytes(9).toString("base64url");
      const stream: Stream = { id, conn: openConn(), sqls: new Map(), baton: "", lastUsed: Date.now(), busy: false };
      streams.set(id, stream);
      stats.streamsOpened++;
      return stream;
    }
    if (typeof baton !== "string") throw new HranaError("baton must be a string", "HRANA_PROTO_ERROR");
    const stream = streams.get(baton.slice(0, baton.indexOf(".")));
    if (!stream || stream.baton !== baton || stream.busy) throw new HranaError("The baton is invalid or has expired: the stream is closed", "STREAM_EXPIRED");
    stream.baton = ""; // single use
    return stream;
  }

  async function pipeline(body: { baton?: unknown; requests?: unknown }) {
    if (!Array.isArray(body.requests)) throw new HranaError("requests must be an array", "HRANA_PROTO_ERROR");
    const stream = takeStream(body.baton);
    stream.busy = true;
    const results: unknown[] = [];
    try {
      for (const req of body.requests as Request[]) {
        if (!streams.has(stream.id)) {
          results.push({ type: "error", error: { message: "The stream is closed", code: "STREAM_CLOSED" } });
          continue;
        }
        try {
          results.push({ type: "ok", response: await handleRequest(stream, req) });
        } catch (error) {
          results.push({ type: "error", error: errorToProto(error) });
        }
      }
    } finally {
      stream.busy = false;
      stream.lastUsed = Date.now();
    }
    const open = streams.has(stream.id);
    return { baton: open ? newBaton(stream) : null, base_url: null, results };
  }

  async function cursor(body: { baton?: unknown; batch?: ProtoBatch }, write: (line: unknown) => void) {
    const stream = takeStream(body.baton);
    stream.busy = true;
    const entries: unknown[] = [];
    try {
      await runBatch(stream, body.batch!, ({ step, result, error }) => {
        if (error) {
          entries.push({ type: "step_error", step, error });
          return;
        }
        entries.push({ type: "step_begin", step, cols: result!.cols });
        for (const row of result!.rows) entries.push({ type: "row", row });
        entries.push({ type: "step_end", affected_row_count: result!.affected_row_count, last_insert_rowid: result!.last_insert_rowid });
      });
    } catch (error) {
      entries.push({ type: "error", error: errorToProto(error) });
    } finally {
      stream.busy = false;
      stream.lastUsed = Date.now();
    }
    write({ baton: streams.has(stream.id) ? newBaton(stream) : null, base_url: null });
    for (const entry of entries) write(entry);
  }

  const readBody = (req: http.IncomingMessage) =>
    new Promise<unknown>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          reject(new HranaError("Request body too large", "HRANA_PROTO_ERROR", 413));
          req.destroy();
        } else chunks.push(chunk);
      });
      req.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          reject(new HranaError("The request body is not JSON", "HRANA_PROTO_ERROR"));
        }
      });
      req.on("error", reject);
    });

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    stats.requests.set(path, (stats.requests.get(path) ?? 0) + 1);
    void (async () => {
      try {
        if (options.authToken !== undefined && req.headers.authorization !== `Bearer ${options.authToken}` && path !== "/health") {
          throw new HranaError("Authentication required", "AUTH_ERROR", 401);
        }
        if (req.method === "GET" && (path === "/health" || path === "/v2" || path === "/v3")) {
          res.writeHead(200, { "content-type": "text/plain" }).end();
          return;
        }
        if (req.method === "POST" && (path === "/v2/pipeline" || path === "/v3/pipeline")) {
          const body = (await readBody(req)) as { baton?: unknown; requests?: unknown };
          sendJson(res, 200, await pipeline(body ?? {}));
          return;
        }
        if (req.method === "POST" && path === "/v3/cursor") {
          const body = (await readBody(req)) as { baton?: unknown; batch?: ProtoBatch };
          const lines: string[] = [];
          await cursor(body ?? {}, (line) => lines.push(JSON.stringify(line)));
          res.writeHead(200, { "content-type": "text/plain" }).end(lines.join("\n") + "\n");
          return;
        }
        res.writeHead(404, { "content-type": "text/plain" }).end(`No such endpoint: ${req.method} ${path}`);
      } catch (error) {
        const status = error instanceof HranaError ? error.httpStatus : 500;
        if (!res.headersSent) sendJson(res, status, errorToProto(error));
        else res.destroy();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    close: async () => {
      clearInterval(sweeper);
      for (const stream of [...streams.values()]) closeStream(stream);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The test Hrana server answers @libsql/client's HTTP mode the way a libSQL
 * server does, so the domain tests that run through it (npm run test:hrana)
 * test the app's http:// path and not the server's quirks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, LibsqlError, type Client } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isBusyError } from "@/db/busy-retry";
import { startHranaServer, type HranaServer } from "./hrana-server";

const dir = mkdtempSync(path.join(os.tmpdir(), "claimdesk-hrana-"));
let server: HranaServer;
const clients: Client[] = [];
const connect = (url = server.url, authToken?: string) => {
  const client = createClient({ url, authToken });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  server = await startHranaServer({ file: path.join(dir, "main.db"), batonTtlMs: 300, busyTimeoutMs: 2_000 });
  const db = connect();
  await db.batch(["CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB)", "CREATE TABLE parent (id INTEGER PRIMARY KEY)", "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE)"]);
});
afterEach(async () => {
  await connect().execute("DELETE FROM t");
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One raw pipeline request, as hrana-client sends it. */
async function pipeline(body: unknown, endpoint = "/v3/pipeline") {
  const res = await fetch(server.url + endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { baton: string | null; results: { type: string; response?: Record<string, unknown>; error?: { message: string; code?: string } }[] } };
}

describe("test Hrana server", () => {
  it("round-trips integers beyond 2^53, floats, text, blobs and NULL, with rowsAffected, lastInsertRowid and column types", async () => {
    const db = connect();
    const big = 9_007_199_254_740_993n;
    const inserted = await db.execute({ sql: "INSERT INTO t (id, name, score, data) VALUES (?, ?, ?, ?)", args: [big, "ünï ✓", 2.5, new Uint8Array([0, 1, 254, 255])] });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(big);
    await db.execute({ sql: "INSERT INTO t (id, name) VALUES (?, NULL)", args: [7] });

    const big64 = createClient({ url: server.url, intMode: "bigint" });
    clients.push(big64);
    const rows = await big64.execute("SELECT id, name, score, data FROM t ORDER BY id");
    expect(rows.columns).toEqual(["id", "name", "score", "data"]);
    expect(rows.columnTypes).toEqual(["INTEGER", "TEXT", "REAL", "BLOB"]);
    expect(rows.rows.map((r) => [r.id, r.name, r.score])).toEqual([
      [7n, null, null],
      [big, "ünï ✓", 2.5],
    ]);
    expect([...new Uint8Array(rows.rows[1]!.data as ArrayBuffer)]).toEqual([0, 1, 254, 255]);
    // A whole JS number travels as a float, as hrana-client sends it: SQLite's column affinity makes it an integer.
    expect((await db.execute("SELECT typeof(?) AS a, typeof(id) AS b FROM t WHERE id = 7", [1])).rows[0]).toMatchObject({ a: "real", b: "integer" });
  });

  it("reports the rows an UPDATE … RETURNING changed", async () => {
    const db = connect();
    await db.batch(["INSERT INTO t (name) VALUES ('a')", "INSERT INTO t (name) VALUES ('b')"]);
    const result = await db.execute("UPDATE t SET score = 1 RETURNING name");
    expect(result.rows.map((r) => r.name).sort()).toEqual(["a", "b"]);
    expect(result.rowsAffected).toBe(2);
    expect((await db.execute("SELECT name FROM t")).rowsAffected).toBe(0);
  });

  it("runs a batch as one transaction: a failing statement rolls back the ones before it", async () => {
    const db = connect();
    const error = await db.batch(["INSERT INTO t (name) VALUES ('x')", "INSERT INTO t (name) VALUES ('x')"], "write").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toBe("SQLITE_CONSTRAINT_UNIQUE");
    expect((await db.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
  });

  it("isolates an interactive transaction on its own stream until it commits, across HTTP requests", async () => {
    const db = connect();
    const other = connect();
    const tx = await db.transaction("write");
    await tx.execute("INSERT INTO t (name) VALUES ('pending')");
    expect((await tx.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(1);
    expect((await other.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    await tx.commit();
    expect((await other.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(1);

    const rolledBack = await db.transaction("write");
    await rolledBack.execute("DELETE FROM t");
    await rolledBack.rollback();
    expect((await other.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(1);
  });

  it("makes a writer wait for another stream's write lock without freezing the server, then lets it through", async () => {
    const db = connect();
    const tx = await db.transaction("write");
    await tx.execute("INSERT INTO t (name) VALUES ('first')");
    const waiting = connect().execute("INSERT INTO t (name) VALUES ('second')");
    // The server still answers while the second write waits.
    await new Promise((r) => setTimeout(r, 100));
    expect((await connect().execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(0);
    await tx.commit();
    await waiting;
    expect((await db.execute("SELECT name FROM t ORDER BY id")).rows.map((r) => r.name)).toEqual(["first", "second"]);
  });

  it("answers SQLITE_BUSY once a lock outlasts the busy timeout", async () => {
    const file = path.join(dir, "busy.db");
    const short = await startHranaServer({ file, busyTimeoutMs: 150 });
    try {
      const db = createClient({ url: short.url });
      clients.push(db);
      await db.execute("CREATE TABLE IF NOT EXISTS x (v)");
      const tx = await db.transaction("write");
      await tx.execute("INSERT INTO x VALUES (1)");
      const error = await db.execute("INSERT INTO x VALUES (2)").catch((e: unknown) => e);
      expect(isBusyError(error)).toBe(true);
      await tx.rollback();
    } finally {
      await short.close();
    }
  });

  it("expires an idle stream's baton: its transaction is rolled back and its lock released", async () => {
    const db = connect();
    const tx = await db.transaction("write");
    await tx.execute("INSERT INTO t (name) VALUES ('abandoned')");
    const expiredBefore = server.stats.streamsExpired;
    await new Promise((r) => setTimeout(r, 700));
    expect(server.stats.streamsExpired).toBeGreaterThan(expiredBefore);
    await expect(tx.execute("SELECT 1")).rejects.toThrow(/baton is invalid or has expired/);
    // The lock is free and nothing was committed.
    await connect().execute("INSERT INTO t (name) VALUES ('after')");
    expect((await db.execute("SELECT name FROM t")).rows.map((r) => r.name)).toEqual(["after"]);
    tx.close();
  });

  it("refuses a baton used twice", async () => {
    const first = await pipeline({ baton: null, requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }] });
    expect(first.status).toBe(200);
    const again = { baton: first.body.baton, requests: [{ type: "close" }] };
    expect((await pipeline(again)).status).toBe(200);
    const replay = await pipeline(again);
    expect(replay.status).toBe(400);
  });

  it("serves store_sql/close_sql, sequence, describe and get_autocommit, and keeps going after a failed request", async () => {
    const { body } = await pipeline({
      baton: null,
      requests: [
        { type: "store_sql", sql_id: 1, sql: "SELECT ?1 + 1 AS n, :name AS who" },
        { type: "execute", stmt: { sql_id: 1, args: [], named_args: [{ name: ":name", value: { type: "text", value: "x" } }] } },
        { type: "execute", stmt: { sql_id: 1, args: [{ type: "integer", value: "41" }, { type: "text", value: "y" }] } },
        { type: "describe", sql_id: 1 },
        { type: "describe", sql: "INSERT INTO t (name) VALUES (?)" },
        { type: "sequence", sql: "BEGIN; INSERT INTO t (name) VALUES ('s1'); INSERT INTO t (name) VALUES ('s2');" },
        { type: "get_autocommit" },
        { type: "execute", stmt: { sql: "SELEC nonsense" } },
        { type: "execute", stmt: { sql: "COMMIT", want_rows: false } },
        { type: "get_autocommit" },
        { type: "close_sql", sql_id: 1 },
        { type: "execute", stmt: { sql_id: 1 } },
        { type: "close" },
      ],
    });
    const r = body.results;
    expect(r.map((x) => x.type)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "ok", "error", "ok", "ok", "ok", "error", "ok"]);
    expect(r[1]!.response!.result).toMatchObject({ rows: [[{ type: "null" }, { type: "text", value: "x" }]] });
    expect(r[2]!.response!.result).toMatchObject({ rows: [[{ type: "integer", value: "42" }, { type: "text", value: "y" }]], cols: [{ name: "n" }, { name: "who" }] });
    expect(r[3]!.response!.result).toMatchObject({ params: [{ name: null }, { name: ":name" }], cols: [{ name: "n" }, { name: "who" }], is_readonly: true, is_explain: false });
    expect(r[4]!.response!.result).toMatchObject({ params: [{ name: null }], cols: [], is_readonly: false });
    expect(r[6]!.response).toEqual({ type: "get_autocommit", is_autocommit: false });
    expect(r[7]!.error!.message).toMatch(/syntax error/);
    expect(r[9]!.response).toEqual({ type: "get_autocommit", is_autocommit: true });
    expect(r[11]!.error!.code).toBe("SQL_NOT_FOUND");
    expect(body.baton).toBeNull();
    expect((await connect().execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(2);
  });

  it("evaluates batch conditions (ok, error, not, and, or, is_autocommit) and skips steps whose condition is false", async () => {
    const step = (sql: string, condition?: unknown) => ({ condition, stmt: { sql } });
    const { body } = await pipeline({
      baton: null,
      requests: [
        {
          type: "batch",
          batch: {
            steps: [
              step("BEGIN"),
              step("SELEC 1", { type: "ok", step: 0 }),
              step("SELECT 'ran after error'", { type: "error", step: 1 }),
              step("SELECT 'skipped'", { type: "ok", step: 1 }),
              step("SELECT 'neither'", { type: "or", conds: [{ type: "ok", step: 3 }, { type: "error", step: 3 }] }),
              step("SELECT 'in tx'", { type: "and", conds: [{ type: "ok", step: 0 }, { type: "not", cond: { type: "is_autocommit" } }] }),
              step("ROLLBACK"),
            ],
          },
        },
        { type: "close" },
      ],
    });
    const result = body.results[0]!.response!.result as { step_results: unknown[]; step_errors: unknown[] };
    expect(result.step_results.map((x) => x !== null)).toEqual([true, false, true, false, false, true, true]);
    expect(result.step_errors.map((x) => x !== null)).toEqual([false, true, false, false, false, false, false]);
  });

  it("streams a batch through /v3/cursor as step_begin, row and step_end lines", async () => {
    const res = await fetch(server.url + "/v3/cursor", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ baton: null, batch: { steps: [{ stmt: { sql: "SELECT 1 AS a UNION ALL SELECT 2" } }, { stmt: { sql: "nope" } }] } }),
    });
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { type?: string; baton?: string });
    expect(lines[0]!.baton).toEqual(expect.any(String));
    expect(lines.slice(1).map((l) => l.type)).toEqual(["step_begin", "row", "row", "step_end", "step_error"]);
  });

  it("gives every stream a fresh connection: a PRAGMA set in one request does not reach the next (as with sqld)", async () => {
    const db = connect();
    await db.execute("PRAGMA foreign_keys = OFF");
    // libsql is built with foreign keys on by default, so ON DELETE CASCADE works in every fresh stream.
    expect((await db.execute("PRAGMA foreign_keys")).rows[0]![0]).toBe(1);
    await db.batch(["INSERT INTO parent (id) VALUES (1)", "INSERT INTO child (parent_id) VALUES (1)"]);
    await db.execute("DELETE FROM parent WHERE id = 1");
    expect((await db.execute("SELECT count(*) AS n FROM child")).rows[0]!.n).toBe(0);
  });

  it("requires the bearer token when one is configured, and answers the version checks hrana-client makes", async () => {
    const guarded = await startHranaServer({ file: path.join(dir, "auth.db"), authToken: "s3cret" });
    try {
      await expect(connect(guarded.url, "wrong").execute("SELECT 1")).rejects.toThrow(/Authentication required/);
      expect((await connect(guarded.url, "s3cret").execute("SELECT 1 AS one")).rows[0]!.one).toBe(1);
      expect((await fetch(guarded.url + "/health")).status).toBe(200);
      expect((await fetch(server.url + "/v3")).status).toBe(200);
      expect((await fetch(server.url + "/v3-protobuf")).status).toBe(404);
    } finally {
      await guarded.close();
    }
  });
});

/**
 * The baseline of bench:save: a bare `node:http` + @libsql/client server that
 * saves a claim the way the database sees Claimdesk's save, and nothing else:
 * the versioned UPDATE of the claim and its audit INSERT (claim_events) in one
 * write batch, on the same database file, with the same durability settings
 * as db/index.ts (WAL, synchronous = NORMAL, foreign_keys = ON, the driver's
 * 10 ms busy timeout, one connection). The triggers on `claims` (search index,
 * dashboard rollups) fire for it exactly as for the app.
 *
 * POST /save {"claimId", "baseVersion", "actorId", "rationale"} →
 * 200 {"status":"saved","version"} | 409 {"status":"conflict"} | 503 {"error":"SQLITE_BUSY"}.
 *
 * Usage: node bench/lib/bare-save-server.mjs <db file> <port>
 */
import http from "node:http";
import { createClient } from "@libsql/client";

const [dbFile, portArg] = process.argv.slice(2);
if (!dbFile || !portArg) {
  console.error("usage: node bench/lib/bare-save-server.mjs <db file> <port>");
  process.exit(2);
}

const client = createClient({ url: `file:${dbFile}`, timeout: 10, concurrency: 1 });
await client.executeMultiple("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
await client.execute("PRAGMA journal_mode = WAL");

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

async function save({ claimId, baseVersion, actorId, rationale }) {
  const next = baseVersion + 1;
  const [updated] = await client.batch(
    [
      {
        sql: `UPDATE claims SET rationale = ?, version = ?, updated_by = ?, updated_at = ${NOW} WHERE id = ? AND version = ? AND deleted_at IS NULL`,
        args: [rationale, next, actorId, claimId, baseVersion],
      },
      {
        // Written only when the UPDATE was: the claim now stands at the new version.
        sql: `INSERT INTO claim_events (claim_id, article_id, actor_id, type, version, data)
              SELECT id, article_id, ?, 'updated', ?, ? FROM claims WHERE id = ? AND version = ? AND updated_by = ?`,
        args: [actorId, next, JSON.stringify({ rationale: { before: null, after: rationale } }), claimId, next, actorId],
      },
    ],
    "write",
  );
  return updated.rowsAffected > 0 ? { status: "saved", version: next } : { status: "conflict" };
}

const isBusy = (error) => /SQLITE_BUSY|database is locked/i.test(`${error?.code ?? ""} ${error?.message ?? ""}`);

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/save") {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const reply = (status, body) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    let input;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      reply(400, { error: "bad json" });
      return;
    }
    save(input).then(
      (result) => reply(result.status === "saved" ? 200 : 409, result),
      (error) => reply(isBusy(error) ? 503 : 500, { error: isBusy(error) ? "SQLITE_BUSY" : String(error?.message ?? error) }),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(portArg), "127.0.0.1", () => console.log(`bare save server on ${portArg}`));
process.on("SIGTERM", () => {
  server.close();
  client.close();
  process.exit(0);
});

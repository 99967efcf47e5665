/**
 * bench:save — claim saves at newsroom concurrency, beside a bare server doing
 * the same database write, in the same run.
 *
 * On a fresh temporary database it starts the built app (`next start`) and a
 * bare `node:http` + @libsql/client server (bench/lib/bare-save-server.mjs:
 * the same versioned UPDATE and audit INSERT in one batch, same file, same
 * PRAGMAs as db/index.ts). `--connections` clients (50), each with its own
 * claim and its own signed-in session, save that claim's rationale with its
 * correct version, back to back, for `--duration` seconds per phase, through:
 *
 *   action  the server action as the browser posts it (saveClaimAction);
 *   api     PATCH /api/v1/claims/{id} with If-Match and a Bearer token
 *           (created through db/queries/tokens.ts);
 *   bare    the bare server.
 *
 * The paths run one after another, interleaved over `--rounds` rounds, after
 * a warm-up of each. Printed per path: saves/s, latency p50/p95/p99, server
 * CPU per save (utime+stime of the server's process group from /proc over
 * the phase, divided by successful saves), conflicts, SQLITE_BUSY and other
 * errors, and audit rows written (claim_events) against successful saves,
 * which must be equal (the run fails otherwise); then each path's ratio to
 * bare from the same round, and the load average.
 *
 * Usage (after `npx next build`):
 *   npm run bench:save [-- --duration 8 --connections 50 --rounds 2 --paths action,api,bare]
 *   npm run bench:save -- --profile --paths action   (next start under --cpu-prof; prints where its CPU went)
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkBuild, cleanups, log, runBench, syncCleanups } from "./lib/env";
import { inclusiveTimes, mapProfile, type CpuProfile } from "./lib/profile";
import { median, ms, numberOption, percentile, ratio, table } from "./lib/stats";
import {
  createClaims,
  DEMO,
  freePort,
  HttpClient,
  openDatabaseFile,
  sampleArticle,
  saveRationale,
  startApp,
  type App,
  type ClaimState,
} from "../test/support/server";

const argv = process.argv.slice(2);
const DURATION_S = numberOption("duration", 8);
const CONNECTIONS = numberOption("connections", 50);
const ROUNDS = numberOption("rounds", 2);
const WARMUP_S = 2;
const PROFILE = argv.includes("--profile");
const PATHS = (() => {
  const i = argv.indexOf("--paths");
  const chosen = i >= 0 ? (argv[i + 1] ?? "").split(",").filter(Boolean) : ["action", "api", "bare"];
  for (const p of chosen) if (!["action", "api", "bare"].includes(p)) throw new Error(`--paths takes action, api and/or bare, not ${p}`);
  return chosen as PathName[];
})();
type PathName = "action" | "api" | "bare";

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** CPU time (ms) of every process in the process group `pgid` (next start may fork workers). */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLK_TCK;
}

type Outcome = "saved" | "conflict" | "busy" | "error";
type Lease = { claim: ClaimState; version: number; saves: number };
type Saver = (lease: Lease, connection: number, rationale: string) => Promise<{ outcome: Outcome; version?: number; detail?: string }>;

type PhaseResult = {
  path: PathName;
  round: number;
  wallS: number;
  saved: number;
  conflicts: number;
  busy: number;
  errors: number;
  latencies: number[];
  cpuMs: number;
  auditRows: number;
  load: number;
  firstError?: string;
};

async function main() {
  const build = checkBuild();
  log(`build ${build.buildId} (${build.builtAt}); ${CONNECTIONS} connections, ${DURATION_S} s per phase, ${ROUNDS} round(s), paths ${PATHS.join(", ")}`);

  const profDir = PROFILE ? mkdtempSync(path.join(os.tmpdir(), "claimdesk-bench-save-prof-")) : undefined;
  if (profDir) cleanups.push(() => rmSync(profDir, { recursive: true, force: true }));
  log("starting next start on a fresh database…");
  const app: App = await startApp({
    env: {
      // The cost of the rate limit is measured (the charge is written on every request), not its refusals.
      API_RATE_LIMIT_PER_MINUTE: "100000000",
    },
    nodeArgs: profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "--cpu-prof-interval=500"] : undefined,
  });
  cleanups.push(() => app.close());
  syncCleanups.push(() => app.server.kill());

  // ---- the claims, the sessions, the token
  const reviewer = new HttpClient(app.url);
  if (!(await reviewer.signIn(DEMO.reviewer))) throw new Error("Could not sign in as the reviewer");
  const article = await sampleArticle(app.dbFile);
  const claims = await createClaims(reviewer, article, CONNECTIONS);
  log(`${claims.length} claims created on the sample article`);

  // One browser session per connection (five sign-ins at a time: each is an argon2 check).
  const sessions: HttpClient[] = [];
  for (let i = 0; i < CONNECTIONS; i += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, CONNECTIONS - i) }, async () => {
        const c = new HttpClient(app.url);
        if (!(await c.signIn(DEMO.reviewer))) throw new Error("A sign-in failed");
        return c;
      }),
    );
    sessions.push(...batch);
  }

  const db = await openDatabaseFile(app.dbFile);
  cleanups.push(() => db.close());
  const reviewerRow = (await db.execute({ sql: "SELECT id, email, name, role FROM users WHERE email = ?", args: [DEMO.reviewer.email] })).rows[0]!;
  const actor = { id: String(reviewerRow.id), email: String(reviewerRow.email), name: String(reviewerRow.name), role: reviewerRow.role as "reviewer" };
  process.env.DATABASE_URL = `file:${app.dbFile}`;
  const { createToken } = await import("@/db/queries/tokens");
  const { resetDb } = await import("@/db");
  const { secret } = await createToken({ actor, input: { name: "bench:save", scope: "write", expiresInDays: 7 } });
  resetDb();

  // ---- the bare server, on the same file
  const barePort = await freePort();
  const bare: ChildProcess = spawn(process.execPath, [path.join(process.cwd(), "bench/lib/bare-save-server.mjs"), app.dbFile, String(barePort)], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killBare = () => {
    try {
      if (bare.pid && bare.exitCode === null) process.kill(-bare.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  cleanups.push(killBare);
  syncCleanups.push(killBare);
  await new Promise<void>((resolve, reject) => {
    bare.stdout!.once("data", () => resolve());
    bare.once("exit", (code) => reject(new Error(`the bare server exited (${code})`)));
  });
  const bareUrl = `http://127.0.0.1:${barePort}/save`;

  // ---- the three ways to save
  const savers: Record<PathName, Saver> = {
    action: async (lease, i, rationale) => {
      const result = await saveRationale(sessions[i]!, article.id, lease.claim, lease.version, rationale);
      if ("httpStatus" in result) return { outcome: "error", detail: `HTTP ${result.httpStatus}: ${result.body.slice(0, 200)}` };
      if (!result.ok) return { outcome: result.error.code === "unavailable:database" ? "busy" : "error", detail: `${result.error.code}: ${result.error.message}` };
      if (result.data.status === "conflict") return { outcome: "conflict", version: result.data.current.version };
      return { outcome: "saved", version: result.data.claim.version };
    },
    api: async (lease, _i, rationale) => {
      const response = await fetch(`${app.url}/api/v1/claims/${lease.claim.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${secret}`, "if-match": `"v${lease.version}"`, "content-type": "application/merge-patch+json" },
        body: JSON.stringify({ rationale }),
      });
      const body = await response.text();
      const tag = /^"v(\d+)"$/.exec(response.headers.get("etag") ?? "");
      if (response.status === 200) return { outcome: "saved", version: Number(tag?.[1]) };
      if (response.status === 412) return { outcome: "conflict", version: tag ? Number(tag[1]) : undefined };
      return { outcome: response.status === 503 ? "busy" : "error", detail: `HTTP ${response.status}: ${body.slice(0, 200)}` };
    },
    bare: async (lease, _i, rationale) => {
      const response = await fetch(bareUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ claimId: lease.claim.id, baseVersion: lease.version, actorId: actor.id, rationale }),
      });
      const body = (await response.json()) as { status?: string; version?: number; error?: string };
      if (response.status === 200) return { outcome: "saved", version: body.version };
      if (response.status === 409) return { outcome: "conflict" };
      return { outcome: response.status === 503 ? "busy" : "error", detail: `HTTP ${response.status}: ${body.error}` };
    },
  };
  const serverPid: Record<PathName, number> = { action: app.server.child.pid!, api: app.server.child.pid!, bare: bare.pid! };

  const leases: Lease[] = claims.map((claim) => ({ claim, version: claim.version, saves: 0 }));
  const claimIds = claims.map((c) => c.id);
  const placeholders = claimIds.map(() => "?").join(", ");
  /** Each claim's version as stored (another path saved it meanwhile). */
  const refreshVersions = async () => {
    const rows = (await db.execute({ sql: `SELECT id, version FROM claims WHERE id IN (${placeholders})`, args: claimIds })).rows;
    const byId = new Map(rows.map((r) => [String(r.id), Number(r.version)]));
    for (const lease of leases) lease.version = byId.get(lease.claim.id)!;
  };
  const auditRows = async () =>
    Number((await db.execute({ sql: `SELECT count(*) AS n FROM claim_events WHERE type = 'updated' AND claim_id IN (${placeholders})`, args: claimIds })).rows[0]!.n);

  async function phase(name: PathName, round: number, seconds: number): Promise<PhaseResult> {
    await refreshVersions();
    const auditBefore = await auditRows();
    const result: PhaseResult = { path: name, round, wallS: 0, saved: 0, conflicts: 0, busy: 0, errors: 0, latencies: [], cpuMs: 0, auditRows: 0, load: os.loadavg()[0]! };
    const cpuBefore = groupCpuMs(serverPid[name]);
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    await Promise.all(
      leases.map(async (lease, i) => {
        while (performance.now() < deadline) {
          const rationale = `${name} round ${round}, connection ${i}, save ${++lease.saves}`;
          const start = performance.now();
          let r: Awaited<ReturnType<Saver>>;
          try {
            r = await savers[name](lease, i, rationale);
          } catch (error) {
            r = { outcome: "error", detail: String(error) };
          }
          result.latencies.push(performance.now() - start);
          if (r.outcome === "saved") result.saved++;
          else if (r.outcome === "conflict") result.conflicts++;
          else if (r.outcome === "busy") result.busy++;
          else result.errors++;
          if (r.detail) result.firstError ??= r.detail;
          if (r.version !== undefined && Number.isFinite(r.version)) lease.version = r.version;
          if (r.outcome === "error" || r.outcome === "busy") await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );
    result.wallS = (performance.now() - t0) / 1000;
    result.cpuMs = groupCpuMs(serverPid[name]) - cpuBefore;
    result.auditRows = (await auditRows()) - auditBefore;
    return result;
  }

  log(`warm-up (${WARMUP_S} s per path)…`);
  for (const name of PATHS) {
    const w = await phase(name, 0, WARMUP_S);
    if (w.saved === 0) throw new Error(`${name}: no save succeeded during the warm-up (${w.errors} errors; first: ${w.firstError})`);
  }

  const results: PhaseResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Interleaved, and in a different order each round, so a burst of load elsewhere does not land on one path only.
    const order = round % 2 ? PATHS : [...PATHS].reverse();
    for (const name of order) {
      const r = await phase(name, round, DURATION_S);
      results.push(r);
      log(
        `round ${round} ${name.padEnd(6)} ${(r.saved / r.wallS).toFixed(0).padStart(5)} saves/s  p95 ${ms(percentile(r.latencies, 95), 1)}  ` +
          `CPU/save ${ms(r.cpuMs / Math.max(1, r.saved), 2)}  busy ${r.busy}  errors ${r.errors}  load ${r.load.toFixed(1)}`,
      );
    }
  }

  // ---- report
  const label: Record<PathName, string> = {
    action: "server action (browser autosave)",
    api: "API PATCH + If-Match (Bearer token)",
    bare: "bare node:http + libSQL, same batch",
  };
  const rows: string[][] = [["", "saves/s", "p50", "p95", "p99", "CPU/save", "conflicts", "SQLITE_BUSY", "errors", "audit rows", "saves"]];
  const mismatches: string[] = [];
  const byPath = new Map<PathName, PhaseResult[]>();
  for (const r of results) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  for (const name of PATHS) {
    const rs = byPath.get(name) ?? [];
    const lat = rs.flatMap((r) => r.latencies);
    const saved = rs.reduce((s, r) => s + r.saved, 0);
    const audit = rs.reduce((s, r) => s + r.auditRows, 0);
    for (const r of rs) if (r.auditRows !== r.saved) mismatches.push(`${name} round ${r.round}: ${r.auditRows} audit rows for ${r.saved} successful saves`);
    rows.push([
      label[name],
      median(rs.map((r) => r.saved / r.wallS)).toFixed(0),
      ms(percentile(lat, 50), 1),
      ms(percentile(lat, 95), 1),
      ms(percentile(lat, 99), 1),
      ms(median(rs.map((r) => r.cpuMs / Math.max(1, r.saved))), 2),
      String(rs.reduce((s, r) => s + r.conflicts, 0)),
      String(rs.reduce((s, r) => s + r.busy, 0)),
      String(rs.reduce((s, r) => s + r.errors, 0)),
      audit === saved ? `${audit} (=)` : `${audit} (≠ ${saved})`,
      String(saved),
    ]);
  }
  const [l1, l5] = os.loadavg();
  console.log(
    `\nClaim saves, ${CONNECTIONS} connections (one claim and one session each, correct versions), ${DURATION_S} s per phase, ${ROUNDS} interleaved round(s); ` +
      `medians over rounds, latency percentiles over all saves. Load average ${l1!.toFixed(1)} (5 min ${l5!.toFixed(1)}) on ${os.cpus().length} cores.`,
  );
  console.log(table(rows));
  if (PATHS.includes("bare")) {
    console.log("\nRatio to bare, same round (median over rounds); targets: throughput ≥ 0.50×, p95 < 50 ms, 0 SQLITE_BUSY");
    const ratioRows: string[][] = [["", "throughput", "CPU per save", "p95"]];
    for (const name of PATHS.filter((p) => p !== "bare")) {
      const pairs = (byPath.get(name) ?? []).map((r) => ({ r, b: results.find((x) => x.path === "bare" && x.round === r.round)! }));
      ratioRows.push([
        label[name],
        `${median(pairs.map(({ r, b }) => r.saved / r.wallS / (b.saved / b.wallS))).toFixed(2)}×`,
        `${median(pairs.map(({ r, b }) => r.cpuMs / Math.max(1, r.saved) / (b.cpuMs / Math.max(1, b.saved)))).toFixed(1)}×`,
        ratio(percentile(pairs.flatMap((p) => p.r.latencies), 95), percentile(pairs.flatMap((p) => p.b.latencies), 95)),
      ]);
    }
    console.log(table(ratioRows));
  }
  const errors = results.find((r) => r.firstError)?.firstError;
  if (errors) console.log(`\nfirst error or busy answer: ${errors}`);

  if (profDir) {
    await app.server.stop(); // writes the profile
    const files = existsSync(profDir) ? readdirSync(profDir).map((f) => path.join(profDir, f)) : [];
    const biggest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (biggest) {
      const profile = JSON.parse(readFileSync(biggest, "utf8")) as CpuProfile;
      const fnRows = mapProfile(profile);
      const total = fnRows.reduce((s, r) => s + r.ms, 0);
      const byFile = new Map<string, number>();
      for (const r of fnRows) byFile.set(r.file, (byFile.get(r.file) ?? 0) + r.ms);
      console.log(`\nnext start CPU profile (${biggest}), whole server life: ${ms(total)} sampled, start-up, sign-ins and claim creation included`);
      console.log(table([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([f, v]) => [`  ${f}`, ms(v)])));
      console.log("  top functions (self time):");
      console.log(table(fnRows.slice(0, 30).map((r) => [`    ${r.fn}`, r.file, ms(r.ms)])));
      console.log("  the app's own functions and the auth/ORM/driver entry points, inclusive time:");
      const own = (file: string) =>
        (!file.includes("node_modules") && /(^|\/)(lib|db|app)\/|proxy\.ts$/.test(file)) || /next-auth\/(jwt|next)|drizzle-orm\/libsql\/session|@libsql\/client\/lib-esm\/sqlite3/.test(file);
      console.log(table(inclusiveTimes(profile, own).slice(0, 30).map((r) => [`    ${r.fn}`, r.file, ms(r.ms)])));
    } else console.log("(no CPU profile was written)");
  }

  if (mismatches.length) {
    throw new Error(`FAIL: audit rows differ from successful saves:\n  ${mismatches.join("\n  ")}`);
  }
}

runBench(main, { timeoutMs: 8 * 60_000 });

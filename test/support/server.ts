/**
 * The one way a test or benchmark runs the real app: the built `next start`
 * (run `next build` first) on a free loopback port with a fresh temporary
 * database, signed in through next-auth's own endpoints, calling server
 * actions as the browser does. Used by test/reliability and bench/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The repository (tests and benchmarks run from its root). */
export const ROOT = process.cwd();

export const DEMO = {
  reviewer: { email: "reviewer@claimdesk.test", password: "reviewer-demo-pass" },
  editor: { email: "editor@claimdesk.test", password: "editor-demo-pass" },
  admin: { email: "admin@claimdesk.test", password: "admin-demo-pass" },
} as const;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type AppServer = {
  child: ChildProcess;
  /** The last lines the server printed (for error messages). */
  log: () => string;
  /** Stops the server and every process it started; resolves within ~7 s. */
  stop: () => Promise<void>;
  /** SIGKILL, synchronous: a crash, or best effort in an exit handler. */
  kill: () => void;
  /** Resolves when the process has exited (for whatever reason). */
  exited: Promise<void>;
};

/** Starts `next start` in its own process group (so stopping it also stops any worker it forks). */
export function startNext(opts: { root?: string; port: number; env: Record<string, string>; nodeArgs?: string[]; quiet?: boolean }): AppServer {
  const root = opts.root ?? ROOT;
  const lines: string[] = [];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(opts.port)], {
    cwd: root,
    env: { ...process.env, ...opts.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 300) lines.splice(0, lines.length - 300);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, sig) => {
    // Say so at once: otherwise the next request just fails with ECONNREFUSED.
    if (!stopping && !opts.quiet) console.error(`[server] next start exited unexpectedly (code ${code}, signal ${sig}). Its last output:\n${lines.slice(-40).join("\n")}`);
  });
  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  return {
    child,
    exited,
    log: () => lines.slice(-60).join("\n"),
    kill: () => {
      stopping = true;
      signal("SIGKILL");
    },
    stop: async () => {
      stopping = true;
      signal("SIGTERM");
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5000).unref());
      if ((await Promise.race([exited.then(() => "exited" as const), timer])) === "timeout") {
        signal("SIGKILL");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      }
    },
  };
}

export async function waitForHttp(url: string, server: AppServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`The server exited (code ${server.child.exitCode}):\n${server.log()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs / 1000} s:\n${server.log()}`);
}

export function assertBuilt(root = ROOT): void {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("No production build: run `npx next build` first.");
}

export type App = {
  url: string;
  port: number;
  /** The folder of the database file (and anything else the server keeps there). */
  dataDir: string;
  dbFile: string;
  server: AppServer;
  /** Stops the server; the database stays until `close`. */
  stop: () => Promise<void>;
  /** Kills the server with SIGKILL (a crash) and waits for it to be gone. */
  crash: () => Promise<void>;
  /** Starts the server again on the same database and port. */
  restart: () => Promise<void>;
  /** Stops the server and removes the temporary folder. */
  close: () => Promise<void>;
};

/**
 * The built app on a fresh database (migrated and seeded with the demo
 * accounts by the app itself), or on `dataDir` when given (a second instance
 * on the same file, or a restored backup).
 */
export async function startApp(
  options: { dataDir?: string; env?: Record<string, string>; port?: number; authSecret?: string; /** e.g. --cpu-prof (bench:save --profile) */ nodeArgs?: string[] } = {},
): Promise<App> {
  assertBuilt();
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "claimdesk-app-"));
  const dbFile = path.join(dataDir, "claimdesk.db");
  const port = options.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  const env = {
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: `file:${dbFile}`,
    // The same secret for every instance on this folder, as a real deployment shares AUTH_SECRET.
    AUTH_SECRET: options.authSecret ?? secretFor(dataDir),
    NEXTAUTH_URL: url,
    ADMIN_EMAIL: "",
    ADMIN_PASSWORD: "",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  const app: App = {
    url,
    port,
    dataDir,
    dbFile,
    server: undefined!,
    stop: () => app.server.stop(),
    crash: async () => {
      app.server.kill();
      await app.server.exited;
    },
    restart: async () => {
      app.server = startNext({ port, env, nodeArgs: options.nodeArgs });
      await waitForHttp(`${url}/api/health`, app.server, 90_000);
    },
    close: async () => {
      await app.server.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await app.restart();
  return app;
}

const secrets = new Map<string, string>();
function secretFor(dataDir: string): string {
  let secret = secrets.get(dataDir);
  if (!secret) secrets.set(dataDir, (secret = randomBytes(32).toString("base64url")));
  return secret;
}

// ---------------------------------------------------------------- HTTP as a browser

type ActionManifest = { node: Record<string, { filename: string; exportedName: string }> };
let manifest: ActionManifest | undefined;

/** The id Next gave a server action in this build (`app/(desk)/articles/[id]/actions.ts`, `saveClaimAction`). */
export function actionId(filename: string, exportedName: string): string {
  manifest ??= JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as ActionManifest;
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in this build`);
  return found[0];
}

export const ACTIONS = {
  article: "app/(desk)/articles/[id]/actions.ts",
  import: "app/(desk)/articles/import/actions.ts",
  users: "app/(desk)/admin/users/actions.ts",
  publish: "app/(desk)/articles/[id]/publish-actions.ts",
  webhooks: "app/(desk)/admin/webhooks/actions.ts",
} as const;

/** A browser's cookie jar and requests, signed in or not. */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size && !headers.has("cookie")) headers.set("cookie", this.cookieHeader());
    const response = await fetch(new URL(pathname, this.base), { redirect: "manual", ...init, headers });
    this.keep(response);
    return response;
  }

  /** Signs in through next-auth's credentials endpoint; true when a session cookie came back. */
  async signIn(credentials: { email: string; password: string }, headers: Record<string, string> = {}): Promise<boolean> {
    return (await this.signInAttempt(credentials, headers)).ok;
  }

  /**
   * One sign-in attempt, with what the server answered: `error` is the code
   * next-auth hands the sign-in form (`CredentialsSignin`, `SignInThrottled:<s>`…).
   */
  async signInAttempt(
    credentials: { email: string; password: string },
    headers: Record<string, string> = {},
  ): Promise<{ ok: boolean; status: number; error: string | null }> {
    const csrf = await this.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const before = this.sessionCookie();
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ csrfToken, email: credentials.email, password: credentials.password, json: "true" }),
    });
    const body = (await response.json().catch(() => ({}))) as { url?: string };
    const error = body.url ? new URL(body.url, this.base).searchParams.get("error") : null;
    const cookie = this.sessionCookie();
    return { ok: response.ok && !error && cookie !== undefined && cookie !== before, status: response.status, error };
  }

  async signOut(): Promise<void> {
    const csrf = await this.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await this.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
  }

  sessionCookie(): string | undefined {
    return [...this.cookies].find(([k]) => k.includes("session-token"))?.[1];
  }

  /**
   * Calls a server action the way React does (JSON-encoded arguments, RSC
   * response) and returns the action's result, or `{ httpStatus }` when the
   * server answered with something that is not an action result.
   */
  async action<T = unknown>(file: string, name: string, args: unknown[], pagePath = "/articles"): Promise<T | { httpStatus: number; body: string }> {
    const response = await this.fetch(pagePath, {
      method: "POST",
      headers: { "next-action": actionId(file, name), accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: this.base },
      body: JSON.stringify(args),
    });
    const body = await response.text();
    const result = parseActionResult<T>(body);
    if (!response.ok || result === undefined) return { httpStatus: response.status, body };
    return result;
  }
  /**
   * Calls a form server action (`action(previousState, formData)`, as
   * `useActionState` does) the way React encodes it: a multipart body whose
   * field "0" holds the arguments, with the form's entries under `_1_`.
   */
  async actionForm<T = unknown>(
    file: string,
    name: string,
    form: FormData,
    pagePath = "/articles",
    previous: unknown = null,
  ): Promise<T | { httpStatus: number; body: string }> {
    const body = new FormData();
    form.forEach((value, key) => body.append(`_1_${key}`, value));
    // Last, as React writes it: the server reads the form's entries in order, up to the first that is not the form's.
    body.set("0", JSON.stringify([previous, "$K1"]));
    const response = await this.fetch(pagePath, {
      method: "POST",
      headers: { "next-action": actionId(file, name), accept: "text/x-component", origin: this.base },
      body,
    });
    const text = await response.text();
    const result = parseActionResult<T>(text);
    if (!response.ok || result === undefined) return { httpStatus: response.status, body: text };
    return result;
  }
}

/** The action's return value in an RSC payload: the row that row 0's `a` points at (`"$@1"`). */
export function parseActionResult<T>(payload: string): T | undefined {
  const rows = new Map<string, string>();
  for (const line of payload.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  try {
    const head = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
    const ref = typeof head?.a === "string" && head.a.startsWith("$@") ? head.a.slice(2) : "1";
    const row = rows.get(ref);
    return row === undefined ? undefined : (JSON.parse(row) as T);
  } catch {
    return undefined;
  }
}

/** Ends the test's process tree on exit even when a test fails mid-way. */
export function killOnExit(...servers: (() => AppServer | undefined)[]): void {
  process.once("exit", () => {
    for (const s of servers) s()?.kill();
  });
}

// ---------------------------------------------------------------- claims through the real app

/** An action's result as the app returns it. */
export type ActionOutcome<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } } | { httpStatus: number; body: string };

export type ClaimState = { id: string; version: number; claimAsChecked: string; claimant: string; verdict: string | null; rationale: string; sources: unknown[] };

/** The editable fields of a claim with `rationale` replaced: what the autosave sends. */
export function claimFields(claim: ClaimState, rationale: string) {
  return { claimAsChecked: claim.claimAsChecked, claimant: claim.claimant, verdict: claim.verdict, rationale, sources: claim.sources };
}

/** Opens the app's database file from the test process (WAL: reading beside a running server is fine). */
export async function openDatabaseFile(dbFile: string) {
  const { createClient } = await import("@libsql/client");
  return createClient({ url: `file:${dbFile}`, timeout: 5000 });
}

/** The sample article the app seeded on a fresh database. */
export async function sampleArticle(dbFile: string): Promise<{ id: string; plainText: string }> {
  const db = await openDatabaseFile(dbFile);
  try {
    const row = (await db.execute("SELECT id, plain_text FROM articles ORDER BY created_at LIMIT 1")).rows[0];
    if (!row) throw new Error("No article in the database: was it seeded?");
    return { id: String(row.id), plainText: String(row.plain_text) };
  } finally {
    db.close();
  }
}

/** `count` claims over distinct words of the article, created through createClaimAction. */
export async function createClaims(http: HttpClient, article: { id: string; plainText: string }, count: number): Promise<ClaimState[]> {
  const words = [...article.plainText.matchAll(/[A-Za-z]{5,}/g)];
  if (words.length < count) throw new Error(`The article has only ${words.length} words to mark`);
  const claims: ClaimState[] = [];
  for (const word of words.slice(0, count)) {
    const result = (await http.action(ACTIONS.article, "createClaimAction", [{ articleId: article.id, start: word.index, end: word.index + word[0].length, exact: word[0] }], `/articles/${article.id}`)) as ActionOutcome<ClaimState>;
    if (!("ok" in result) || !result.ok) throw new Error(`createClaimAction failed: ${JSON.stringify(result).slice(0, 300)}`);
    claims.push(result.data);
  }
  return claims;
}

export type SaveOutcome = ActionOutcome<{ status: "saved"; claim: ClaimState } | { status: "conflict"; current: ClaimState }>;

/** One autosave of a claim's rationale at `baseVersion`, exactly as the browser sends it. */
export function saveRationale(http: HttpClient, articleId: string, claim: ClaimState, baseVersion: number, rationale: string): Promise<SaveOutcome> {
  return http.action(ACTIONS.article, "saveClaimAction", [{ claimId: claim.id, baseVersion, fields: claimFields(claim, rationale) }], `/articles/${articleId}`) as Promise<SaveOutcome>;
}

/** Sorted-sample percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

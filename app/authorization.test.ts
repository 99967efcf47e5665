/**
 * The authorization matrix: every server action and route handler × every
 * kind of caller, generated from one table (`MATRIX`) so no cell is forgotten.
 * A completeness check fails when an action or route exists without a row.
 *
 * Callers are real user rows in a real temp database; only the next-auth
 * session cookie and its decoding are replaced, so `requireUser` reads the row exactly as in
 * production (a disabled account must be refused like an anonymous one).
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/verdicts";
import { openTestDesk } from "@/test/support/database";
import { MATRIX, type Caller, type Fixtures, type Outcome } from "./authorization.matrix";

process.env.NEXTAUTH_URL = "http://localhost:3999";
const desk = await openTestDesk("authz");
afterAll(desk.close);

let sessionUserId: string | null = null;
/** Each caller's sessions row (a live one, even for the disabled caller: the account's state must refuse it). */
const sessionIds = new Map<string, string>();
// The session cookie and its decoding (lib/auth.ts getCurrentUser): a token as next-auth
// would issue at sign-in, naming the user id and the id of the session created then.
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  cookies: vi.fn(async () => ({
    get: (name: string) => (sessionUserId && name.endsWith("next-auth.session-token") ? { name, value: `matrix:${sessionUserId}` } : undefined),
    getAll: () => [],
    has: () => false,
    set: () => undefined,
    delete: () => undefined,
  })),
}));
vi.mock("next-auth/jwt", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth/jwt")>()),
  decode: vi.fn(async ({ token }: { token?: string }) => {
    const id = token?.startsWith("matrix:") ? token.slice("matrix:".length) : null;
    return id ? { id, sid: sessionIds.get(id) } : null;
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));

const { getDb } = await import("@/db");
const { sessions, users } = await import("@/db/schema");
const { hashPassword } = await import("@/lib/password");

const callerIds: Partial<Record<Caller, string>> = {};
let fixtures: Fixtures;

beforeAll(async () => {
  const db = await getDb();
  const { MATRIX_PASSWORD } = await import("./authorization.matrix");
  const passwordHash = await hashPassword(MATRIX_PASSWORD);
  for (const [caller, role, disabled] of [
    ["reviewer", "reviewer", false],
    ["editor", "editor", false],
    ["admin", "admin", false],
    ["disabled", "editor", true],
  ] as const) {
    const id = randomUUID();
    await db.insert(users).values({ id, email: `${caller}-${id}@authz.test`, name: `Matrix ${caller}`, role, disabled, passwordHash });
    callerIds[caller] = id;
    const sid = randomUUID();
    await db.insert(sessions).values({ id: sid, userId: id, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    sessionIds.set(id, sid);
  }
  const { createFixtures } = await import("./authorization.matrix");
  fixtures = await createFixtures({ reviewer: callerIds.reviewer!, editor: callerIds.editor!, admin: callerIds.admin!, disabled: callerIds.disabled! }, passwordHash);
}, 60_000);

const CALLERS: Caller[] = ["anonymous", "reviewer", "editor", "admin", "disabled"];

function expected(caller: Caller, allowed: readonly Role[]): Outcome {
  if (caller === "anonymous" || caller === "disabled") return 401;
  return allowed.includes(caller) ? "allowed" : 403;
}

describe("authorization matrix", () => {
  for (const row of MATRIX) {
    for (const caller of CALLERS) {
      const want = expected(caller, row.allowed);
      it(`${row.name} — ${caller} → ${want}`, async () => {
        sessionUserId = caller === "anonymous" ? null : callerIds[caller]!;
        // API rows authenticate by token only: a browser session must not count.
        if (row.name.startsWith("api/v1/")) sessionUserId = null;
        const got = await row.run(fixtures, caller);
        expect(got).toBe(want);
      });
    }
  }
});

/** An /api/v1 write with a read-scope token: refused (403) for every role that could otherwise make it. */
describe("API token scopes", () => {
  for (const row of MATRIX.filter((r) => r.write)) {
    for (const caller of ["reviewer", "editor", "admin", "disabled"] as const) {
      const want = caller === "disabled" ? 401 : 403;
      it(`${row.name} — ${caller} with a read token → ${want}`, async () => {
        sessionUserId = null;
        fixtures.api.scope = "read";
        try {
          expect(await row.run(fixtures, caller)).toBe(want);
        } finally {
          fixtures.api.scope = "write";
        }
      });
    }
  }
});

describe("ids that do not belong", () => {
  it("unknown and foreign ids get 404/403, never a crash", async () => {
    sessionUserId = callerIds.editor!;
    for (const probe of fixtures.foreignIdProbes()) {
      const got = await probe.run();
      expect([404, 403, 400], probe.name).toContain(got);
    }
  });
});

/** Every exported server action and route method must have a row in MATRIX. */
describe("matrix completeness", () => {
  const appDir = path.join(process.cwd(), "app");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts" || (name.endsWith(".ts") && !name.endsWith(".test.ts") && /^\s*["']use server["']/.test(readFileSync(full, "utf8"))))
        files.push(full);
    }
  };
  walk(appDir);

  it("finds the actions and routes it checks", () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it("has a row for every action and route", async () => {
    const names = new Set(MATRIX.map((r) => r.name));
    const missing: string[] = [];
    for (const file of files) {
      const rel = path.relative(appDir, file).split(path.sep).join("/");
      // next-auth's own handler and the health probe are public by design, and
      // so is the CSP report endpoint: browsers send reports without cookies,
      // and it only validates and logs them (rate-limited), changing no data.
      // The OpenAPI document describes the API and holds no data.
      if (rel.startsWith("api/auth/") || rel === "api/health/route.ts" || rel === "api/csp-report/route.ts" || rel === "api/v1/openapi.json/route.ts") continue;
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(mod)) {
        if (typeof value !== "function") continue;
        const key = `${rel}#${exported}`;
        if (!names.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });
});

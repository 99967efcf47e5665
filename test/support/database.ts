/**
 * The one way a unit test gets a database: a real embedded libSQL file in a
 * temp folder, migrated and seeded exactly as the app does at start, with the
 * demo accounts as `SessionUser`s and the sample article at hand.
 *
 *   const desk = await openTestDesk("claims");
 *   afterAll(desk.close);
 *
 * It must run before anything opens the database: `getDb()` reads
 * DATABASE_URL on first use, so static imports of the domain layer are fine.
 *
 * With CLAIMDESK_TEST_DATABASE=hrana (npm run test:hrana) the same file is
 * served by the test Hrana server (test/support/hrana-server.ts) and the app
 * reaches it as a libSQL server, through DATABASE_URL=http://127.0.0.1:<port>.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { SessionUser } from "@/lib/auth";
import type { ClaimDto } from "@/lib/claims";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/verdicts";
import { startHranaServer, type HranaServer } from "./hrana-server";

export type TestDesk = {
  /** The temp folder holding the database file (removed by `close`). */
  dir: string;
  dbFile: string;
  reviewer: SessionUser;
  editor: SessionUser;
  admin: SessionUser;
  /** The seeded sample article. */
  sample: { id: string; plainText: string };
  /** Another account, active unless `disabled`; its password is `TEST_PASSWORD`. */
  addUser: (role: Role, options?: { name?: string; disabled?: boolean }) => Promise<SessionUser>;
  /** Marks a claim over the first occurrence of `quote` in an article (the sample by default). */
  mark: (quote: string, options?: { actor?: SessionUser; articleId?: string }) => Promise<ClaimDto>;
  /**
   * Marks a claim and takes it to Approved as the desk does: the reviewer saves
   * a verdict ("false" by default) and rationale "No." and submits it, the
   * editor approves it.
   */
  approve: (quote: string, options?: { articleId?: string; verdict?: string }) => Promise<ClaimDto>;
  /** A new session for the user, as a sign-in creates (db/queries/sessions.ts): the user with its `sessionId`. */
  signIn: (user: SessionUser) => Promise<SessionUser>;
  /** Closes the database (and the Hrana server, in the http run) and removes the folder. */
  close: () => Promise<void>;
  /** The Hrana server serving `dbFile`, when the tests run over http (CLAIMDESK_TEST_DATABASE=hrana). */
  hrana?: HranaServer;
};

export const TEST_PASSWORD = "test-password-123";

/** Environment a test desk must not inherit from the shell that runs the tests. */
const CLEARED = [
  "ADMIN_EMAIL",
  "ADMIN_PASSWORD",
  "ORGANIZATION_NAME",
  "ORGANIZATION_URL",
  "APPROVAL_WORKFLOW",
  "TRUSTED_PROXY_HOPS",
  "SIGN_IN_DELAY_SECONDS",
  "SIGN_IN_MAX_DELAY_SECONDS",
  "SESSION_LIFETIME_SECONDS",
];

export async function openTestDesk(name: string, options: { seed?: boolean } = {}): Promise<TestDesk> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `claimdesk-${name}-`));
  const dbFile = path.join(dir, "test.db");
  const hrana = process.env.CLAIMDESK_TEST_DATABASE === "hrana" ? await startHranaServer({ file: dbFile }) : undefined;
  process.env.DATABASE_URL = hrana ? hrana.url : `file:${dbFile}`;
  // A libSQL server deployment must set its own secret (lib/config.ts authSecret).
  if (hrana) process.env.AUTH_SECRET ??= "test-secret-for-the-hrana-run";
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
  for (const key of CLEARED) delete process.env[key];
  // Imports parse in worker threads (lib/import/pool.ts); one is enough for a test desk.
  process.env.IMPORT_WORKERS ??= "1";

  const { getDb, resetDb } = await import("@/db");
  const { runMigrations } = await import("@/db/migrate");
  const { seedDatabase, SAMPLE_ARTICLE } = await import("@/db/seed");
  const { users, articles } = await import("@/db/schema");
  const { createClaim, saveClaim } = await import("@/db/queries/claims");
  const wf = await import("@/db/queries/workflow");
  const { getArticle } = await import("@/db/queries/articles");
  const { hashPassword } = await import("@/lib/password");
  const { eq } = await import("drizzle-orm");

  await runMigrations();
  const db = await getDb();
  const close = async () => {
    resetDb();
    await hrana?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const asSession = (u: { id: string; email: string; name: string; role: Role }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

  let passwordHash: string | undefined;
  const addUser: TestDesk["addUser"] = async (role, { name, disabled = false } = {}) => {
    passwordHash ??= await hashPassword(TEST_PASSWORD);
    const id = randomUUID();
    const row = { id, email: `${role}-${id.slice(0, 8)}@test.claimdesk`, name: name ?? `Test ${role} ${id.slice(0, 4)}`, role, disabled, passwordHash };
    await db.insert(users).values(row);
    return asSession(row);
  };

  const plainTextOf = new Map<string, string>();
  const mark: TestDesk["mark"] = async (quote, { actor, articleId } = {}) => {
    const id = articleId ?? sample.id;
    let text = plainTextOf.get(id);
    if (text === undefined) {
      text = (await getArticle({ articleId: id })).plainText;
      plainTextOf.set(id, text);
    }
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`Not in the article: ${quote}`);
    return createClaim({ actor: actor ?? desk.reviewer, input: { articleId: id, start, end: start + quote.length, exact: quote } });
  };

  const approve: TestDesk["approve"] = async (quote, { articleId, verdict = "false" } = {}) => {
    const claim = await mark(quote, { articleId });
    const saved = await saveClaim({
      actor: desk.reviewer,
      input: { claimId: claim.id, baseVersion: claim.version, fields: { claimAsChecked: quote, claimant: "", verdict, rationale: "No.", sources: [] } },
    });
    if (saved.status !== "saved") throw new Error("approve: the save was refused");
    const submitted = await wf.submitForApproval({ actor: desk.reviewer, input: { claimId: claim.id, version: saved.claim.version } });
    if (submitted.status !== "done") throw new Error("approve: the submission was refused");
    const done = await wf.approveClaim({ actor: desk.editor, input: { claimId: claim.id, version: submitted.claim.version } });
    if (done.status !== "done") throw new Error("approve: the approval was refused");
    return done.claim;
  };

  const signIn: TestDesk["signIn"] = async (user) => {
    const { createSession } = await import("@/db/queries/sessions");
    const row = await db.query.users.findFirst({ where: eq(users.id, user.id), columns: { passwordHash: true } });
    const session = row && (await createSession({ userId: user.id, passwordHash: row.passwordHash }));
    if (!session) throw new Error(`No session for ${user.email}: unknown or disabled account`);
    return { ...user, sessionId: session.id };
  };

  const sample = { id: "", plainText: "" };
  const desk: TestDesk = { dir, dbFile, hrana, reviewer: undefined!, editor: undefined!, admin: undefined!, sample, addUser, mark, approve, signIn, close };
  if (options.seed === false) return desk;

  const seeded = await seedDatabase({});
  if (seeded.created !== "demo") throw new Error(`Expected a fresh demo seed, got ${seeded.created}`);
  const rows = await db.select().from(users);
  const byRole = (role: Role) => asSession(rows.find((r) => r.role === role)!);
  desk.reviewer = byRole("reviewer");
  desk.editor = byRole("editor");
  desk.admin = byRole("admin");
  const article = await db.query.articles.findFirst({ where: eq(articles.title, SAMPLE_ARTICLE.title), columns: { id: true, plainText: true } });
  if (!article) throw new Error("The sample article was not seeded");
  sample.id = article.id;
  sample.plainText = article.plainText;
  return desk;
}

/** Awaits a call that must fail with an AppError of this code (e.g. `conflict:claim`); returns it. */
export async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected an AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

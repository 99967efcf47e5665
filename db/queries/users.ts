import "server-only";
import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { auditEvents, users } from "@/db/schema";
import { endSessionsOf, openSessionCounts } from "@/db/queries/sessions";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { generateOneTimePassword, hashPassword, verifyPassword } from "@/lib/password";
import { idSchema, parseInput } from "@/lib/validation";
import { ROLES, type Role } from "@/lib/verdicts";

/** Account administration. Every change is one batch with its audit_events row (never a password or hash). */

export type AccountDto = {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  /** Browsers signed in to the account now (live sessions). */
  openSessions: number;
};

export const MIN_PASSWORD_LENGTH = 12;

const roleSchema = z.enum(ROLES, { message: "Choose reviewer, editor or admin." });
const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter the person's name.").max(120, "Keep the name under 120 characters."),
  email: z.string().trim().toLowerCase().max(320, "That email is too long.").pipe(z.email({ message: "Enter an email address like name@newsroom.org." })),
  role: roleSchema,
});
const setRoleSchema = z.object({ userId: idSchema, role: roleSchema });
const setDisabledSchema = z.object({ userId: idSchema, disabled: z.boolean() });
const userIdSchema = z.object({ userId: idSchema });
const newPasswordSchema = z
  .object({
    currentPassword: z.string().max(1024).optional(),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(1024, "Keep the password under 1,024 characters."),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords are not the same." });

const LAST_ADMIN = "The desk needs at least one active admin. Make another account an admin first.";

function assertAdmin(actor: SessionUser): void {
  if (actor.role !== "admin") throw new AppError("forbidden:user");
}

function toDto(u: typeof users.$inferSelect, openSessions: number): AccountDto {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
    openSessions,
  };
}

async function accountDto(userId: string): Promise<AccountDto> {
  const [user, counts] = await Promise.all([findUser(userId), openSessionCounts([userId])]);
  return toDto(user, counts.get(userId) ?? 0);
}

async function findUser(userId: string) {
  const db = await getDb();
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user) throw new AppError("not_found:user");
  return user;
}

/**
 * True while the change leaves another active admin, or does not touch an
 * active admin at all. Evaluated inside each statement of the batch, so two
 * admins demoting each other at once cannot both succeed.
 */
function keepsAnAdmin(userId: string) {
  return sql`(
    (SELECT count(*) FROM users WHERE id = ${userId} AND role = 'admin' AND disabled = 0) = 0
    OR (SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ${userId}) > 0
  )`;
}

export async function listAccounts({ actor }: { actor: SessionUser }): Promise<AccountDto[]> {
  assertAdmin(actor);
  const db = await getDb();
  const [rows, counts] = await Promise.all([db.select().from(users).orderBy(asc(users.name), asc(users.email)), openSessionCounts()]);
  return rows.map((u) => toDto(u, counts.get(u.id) ?? 0));
}

/** Creates an account with a one-time password, returned once and stored only as an argon2 hash. */
export async function createAccount({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ account: AccountDto; password: string }> {
  assertAdmin(actor);
  const { name, email, role } = parseInput(createUserSchema, input, "user");
  const db = await getDb();
  const duplicate = () =>
    new AppError("conflict:user", "An account with this email already exists.", { email: "An account with this email already exists." });
  if (await db.query.users.findFirst({ where: eq(users.email, email), columns: { id: true } })) throw duplicate();
  const id = randomUUID();
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    await db.batch([
      db.insert(users).values({ id, name, email, role, passwordHash, mustChangePassword: true }),
      db.insert(auditEvents).values({ entityType: "user", entityId: id, actorId: actor.id, type: "created", data: { name, email, role } }),
    ]);
  } catch (error) {
    // Created by someone else between the check and the insert.
    if (/UNIQUE|SQLITE_CONSTRAINT/.test(String((error as { code?: string }).code ?? "") + String(error))) throw duplicate();
    throw error;
  }
  return { account: await accountDto(id), password };
}

export async function setAccountRole({ actor, input }: { actor: SessionUser; input: unknown }): Promise<AccountDto> {
  assertAdmin(actor);
  const { userId, role } = parseInput(setRoleSchema, input, "user");
  const before = await findUser(userId);
  if (before.role === role) return accountDto(userId);
  const db = await getDb();
  const guard = role === "admin" ? sql`1` : keepsAnAdmin(userId);
  // A new role is a new sign-in: the account's sessions end with the change
  // (the admin's own current browser excepted, when it is their own account).
  const [, , updated] = await db.batch([
    db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data)
      SELECT 'user', ${userId}, ${actor.id}, 'role_changed', ${JSON.stringify({ role: { before: before.role, after: role } })}
      WHERE ${guard} AND EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND role <> ${role})`),
    endSessionsOf(db, userId, "role_changed", {
      except: userId === actor.id ? actor.sessionId : undefined,
      when: sql`${guard} AND EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND role <> ${role})`,
    }),
    db
      .update(users)
      .set({ role })
      .where(sql`${users.id} = ${userId} AND ${guard}`)
      .returning({ id: users.id }),
  ]);
  if ((updated as unknown[]).length === 0) throw new AppError("conflict:user", LAST_ADMIN);
  return accountDto(userId);
}

export async function setAccountDisabled({ actor, input }: { actor: SessionUser; input: unknown }): Promise<AccountDto> {
  assertAdmin(actor);
  const { userId, disabled } = parseInput(setDisabledSchema, input, "user");
  if (disabled && userId === actor.id) throw new AppError("bad_request:user", "You cannot disable your own account. Ask another admin.");
  const before = await findUser(userId);
  if (before.disabled === disabled) return accountDto(userId);
  const db = await getDb();
  const guard = disabled ? keepsAnAdmin(userId) : sql`1`;
  // Disabling ends every session for good: enabling again revives none of them.
  // After the UPDATE in the batch: it ends sessions only if the account did get disabled.
  const ending = disabled ? [endSessionsOf(db, userId, "disabled", { when: sql`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND disabled = 1)` })] : [];
  const [, updated] = await db.batch([
    db.run(sql`INSERT INTO audit_events (entity_type, entity_id, actor_id, type, data)
      SELECT 'user', ${userId}, ${actor.id}, ${disabled ? "disabled" : "enabled"}, ${JSON.stringify({ disabled: { before: !disabled, after: disabled } })}
      WHERE ${guard} AND EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND disabled = ${disabled ? 0 : 1})`),
    db
      .update(users)
      .set({ disabled })
      .where(sql`${users.id} = ${userId} AND ${guard}`)
      .returning({ id: users.id }),
    ...ending,
  ]);
  if ((updated as unknown[]).length === 0) throw new AppError("conflict:user", LAST_ADMIN);
  return accountDto(userId);
}

/** A new one-time password: the old one stops working, and so does every session signed in with it. */
export async function resetAccountPassword({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ account: AccountDto; password: string }> {
  assertAdmin(actor);
  const { userId } = parseInput(userIdSchema, input, "user");
  if (userId === actor.id) throw new AppError("bad_request:user", "Change your own password from Account → Password.");
  await findUser(userId);
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  await db.batch([
    db.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId)),
    endSessionsOf(db, userId, "password_reset"),
    db.insert(auditEvents).values({ entityType: "user", entityId: userId, actorId: actor.id, type: "password_reset", data: {} }),
  ]);
  return { account: await accountDto(userId), password };
}

/**
 * A user sets their own password. After a one-time password no current
 * password is asked (they just signed in with it); otherwise it is. Every
 * other browser signed in to the account is signed out; this one stays.
 */
export async function changeOwnPassword({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ email: string }> {
  const { currentPassword, newPassword } = parseInput(newPasswordSchema, input, "user");
  const user = await findUser(actor.id);
  if (!user.mustChangePassword) {
    if (!(await verifyPassword(user.passwordHash, currentPassword ?? ""))) {
      throw new AppError("bad_request:user", "Your current password is not right.", { currentPassword: "Your current password is not right." });
    }
  }
  if (await verifyPassword(user.passwordHash, newPassword)) {
    throw new AppError("bad_request:user", "Choose a password different from the one you signed in with.", {
      newPassword: "Choose a password different from the one you signed in with.",
    });
  }
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  await db.batch([
    db.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, actor.id)),
    endSessionsOf(db, actor.id, "password_changed", { except: actor.sessionId }),
    db.insert(auditEvents).values({ entityType: "user", entityId: actor.id, actorId: actor.id, type: "password_changed", data: {} }),
  ]);
  return { email: user.email };
}

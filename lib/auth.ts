import "server-only";
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { authSecret, ensureAuthUrl } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { LoginThrottle } from "@/lib/login-throttle";
import { passwordStamp, verifyPassword } from "@/lib/password";
import { sessionStanding } from "@/lib/session-standing";
import type { Role } from "@/lib/verdicts";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Signed in with a one-time password: nothing but /account/password until a new one is set. */
  mustChangePassword?: boolean;
};

/** Failed sign-ins per email and client address (in memory, per server process). */
const throttle = new LoginThrottle();

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

let options: NextAuthOptions | undefined;

/** Built on first use: the secret may be generated at run time, never at build. */
export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
  ensureAuthUrl();
  options = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const key = LoginThrottle.key(parsed.data.email, clientAddress(req?.headers));
          // Same answer as a wrong password: the throttle must not reveal which emails exist.
          if (throttle.isBlocked(key)) return null;
          const db = await getDb();
          const user = await db.query.users.findFirst({ where: eq(users.email, parsed.data.email) });
          const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
          if (!user || !ok || user.disabled) {
            throttle.recordFailure(key);
            return null;
          }
          throttle.recordSuccess(key);
          return { id: user.id, email: user.email, name: user.name, role: user.role, stamp: passwordStamp(user.passwordHash, authSecret()) };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.id = user.id;
          token.role = user.role;
          token.stamp = user.stamp;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.id, email: token.email ?? "", name: token.name ?? "", role: token.role, stamp: token.stamp };
        return session;
      },
    },
  };
  return options;
}

/**
 * The security boundary: every server action, route handler and page calls
 * this. The token alone is not trusted for role or standing; the user row is
 * read on each request so a role change, a disabled account or a changed or
 * reset password (lib/session-standing.ts) takes effect at once.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.query.users.findFirst({ where: eq(users.id, id) });
  return sessionStanding(user, session.user.stamp, authSecret());
}

/**
 * For actions and route handlers. A user who signed in with a one-time
 * password is refused everything until they set their own, except where
 * `allowPendingPasswordChange` is given (the change-password action).
 */
export async function requireUser(roles?: readonly Role[], { allowPendingPasswordChange = false } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized:auth");
  if (user.mustChangePassword && !allowPendingPasswordChange) {
    throw new AppError("forbidden:auth", "Choose a new password before you continue (Account → Password).");
  }
  if (roles && !roles.includes(user.role)) throw new AppError("forbidden:auth");
  return user;
}

/**
 * For pages: send anonymous visitors to sign-in, and come back afterwards;
 * send a user who must choose a new password to /account/password first.
 */
export async function requirePageUser(callbackPath: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (user.mustChangePassword) redirect("/account/password");
  return user;
}

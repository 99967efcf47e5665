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
import { verifyPassword } from "@/lib/password";
import type { Role } from "@/lib/verdicts";

export type SessionUser = { id: string; email: string; name: string; role: Role };

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
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const db = await getDb();
          const user = await db.query.users.findFirst({ where: eq(users.email, parsed.data.email) });
          const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
          if (!user || !ok || user.disabled) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.id = user.id;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.id, email: token.email ?? "", name: token.name ?? "", role: token.role };
        return session;
      },
    },
  };
  return options;
}

/**
 * The security boundary: every server action, route handler and page calls
 * this. The token alone is not trusted for role or standing; the user row is
 * read on each request so a role change or a disabled account takes effect at once.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.query.users.findFirst({ where: eq(users.id, id) });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function requireUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized:auth");
  if (roles && !roles.includes(user.role)) throw new AppError("forbidden:auth");
  return user;
}

/** For pages: send anonymous visitors to sign-in, and come back afterwards. */
export async function requirePageUser(callbackPath: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

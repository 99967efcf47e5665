import "server-only";
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import { decode as decodeJwt, encode as encodeJwt, type JWT, type JWTEncodeParams } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { getDb, isBusyError, resetDb } from "@/db";
import { createSession, readSession, revokeSession } from "@/db/queries/sessions";
import { databaseThrottleStore } from "@/db/queries/sign-in-throttle";
import { users } from "@/db/schema";
import { authSettings } from "@/lib/auth-settings";
import { clientAddress } from "@/lib/client-address";
import { authSecret, ensureAuthUrl } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { SIGN_IN_UNAVAILABLE, SignInThrottle, throttledError } from "@/lib/login-throttle";
import { verifyPassword } from "@/lib/password";
import { cookieValue, DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, deviceFor, issueDeviceCookie } from "@/lib/sign-in-device";
import { sessionStanding } from "@/lib/session-standing";
import type { Role } from "@/lib/verdicts";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Signed in with a one-time password: nothing but /account/password until a new one is set. */
  mustChangePassword?: boolean;
  /** The sessions row this request is signed in with (absent for users built by tests and scripts). */
  sessionId?: string;
};

/** Read once at run time, never at build (lib/auth-settings.ts). */
let settings: ReturnType<typeof authSettings> | undefined;
let throttle: SignInThrottle | undefined;

function signInThrottle(): SignInThrottle {
  settings ??= authSettings();
  throttle ??= new SignInThrottle(databaseThrottleStore, settings.rules);
  return throttle;
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

/** Thrown from the jwt callback of /api/auth/session: next-auth then clears the cookie and answers with no session. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

function isSessionEnded(metadata: unknown): boolean {
  for (let e: unknown = metadata; e && typeof e === "object"; e = (e as { error?: unknown }).error) {
    if ((e as { name?: unknown }).name === "SessionEnded") return true;
  }
  return false;
}

async function authorize(raw: Record<string, string> | undefined, req: { headers?: Record<string, unknown> }) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const secret = authSecret();
  settings ??= authSettings();
  try {
    const headers = req?.headers;
    const device = deviceFor(cookieValue(headers?.cookie, DEVICE_COOKIE), email, secret);
    const gate = await signInThrottle().begin({ email, address: clientAddress(headers, settings.hops), device });
    // The same answer whether or not the email has an account (see lib/login-throttle.ts).
    if (!gate.ok) throw new Error(throttledError(gate.retryAfterMs));
    const db = await getDb();
    const user = await db.query.users.findFirst({ where: eq(users.email, email) });
    const ok = await verifyPassword(user?.passwordHash, password);
    // A wrong password is already counted: the attempt was charged before the check.
    if (!user || !ok || user.disabled) return null;
    const session = await createSession({ userId: user.id, passwordHash: user.passwordHash });
    if (!session) return null; // disabled or reset in the meantime
    await gate.succeeded();
    (await cookies()).set(DEVICE_COOKIE, issueDeviceCookie(email, secret), {
      httpOnly: true,
      sameSite: "lax",
      secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https:"),
      path: "/api/auth",
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role, sid: session.id, sexp: Math.floor(Date.parse(session.expiresAt) / 1000) };
  } catch (error) {
    if (isBusyError(error)) {
      resetDb();
      throw new Error(SIGN_IN_UNAVAILABLE);
    }
    throw error;
  }
}

/**
 * The session token never outlives its session: its `exp` is the session's
 * absolute end, however often next-auth re-issues the cookie (it would
 * otherwise slide `exp` forward on every /api/auth/session).
 */
function encodeToken(params: JWTEncodeParams) {
  const token = params.token as JWT | undefined;
  const maxAge = params.maxAge ?? Math.floor((settings ?? authSettings()).lifetimeMs / 1000);
  const left = typeof token?.sexp === "number" ? token.sexp - Math.floor(Date.now() / 1000) : maxAge;
  return encodeJwt({ ...params, maxAge: Math.max(1, Math.min(maxAge, left)) });
}

function buildOptions(): NextAuthOptions {
  ensureAuthUrl();
  settings ??= authSettings();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: Math.floor(settings.lifetimeMs / 1000) },
    jwt: { encode: encodeToken },
    pages: { signIn: "/login" },
    logger: {
      error(code, metadata) {
        // A revoked or expired session asking /api/auth/session is expected, not an error.
        if (isSessionEnded(metadata)) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (raw, req) => authorize(raw, req as { headers?: Record<string, unknown> }),
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.id = user.id;
          token.role = user.role;
          token.sid = user.sid;
          token.sexp = user.sexp;
          return token;
        }
        // /api/auth/session: answer (and refresh the cookie) only for a live
        // session. Pages and actions check in getCurrentUser instead, in the
        // same query that loads the user.
        const standing = token.sid && token.id ? sessionStanding(await readSession(token.sid), token.id, Date.now()) : null;
        if (!standing) throw new SessionEnded("This session has ended.");
        token.name = standing.name;
        token.email = standing.email;
        token.role = standing.role;
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.id, email: token.email ?? "", name: token.name ?? "", role: token.role, sid: token.sid };
        return session;
      },
    },
    events: {
      // Sign-out ends the session on the server: a copy of the cookie is refused from now on.
      async signOut({ token }) {
        if (token?.sid) await revokeSession(token.sid, "signed_out");
      },
    },
  };
}

let routeOptions: NextAuthOptions | undefined;

/** For next-auth's own endpoints (app/api/auth/[...nextauth]): /api/auth/session checks the session row itself. */
export function getRouteAuthOptions(): NextAuthOptions {
  routeOptions ??= buildOptions();
  return routeOptions;
}

/**
 * Decoded session tokens by their cookie value. Decoding is a key derivation
 * and an AES-GCM decryption, the same for the same cookie every time, and a
 * browser sends the same cookie with every request. Only the decoding is
 * kept, never whether the session still stands: that is read from the
 * database on every request (getCurrentUser). Bounded; per process by nature
 * (another instance decodes its own copy), so nothing shared lives here.
 */
const decoded = new Map<string, JWT>();
const DECODED_MAX = 1000;
/** jose's own leeway for `exp` in next-auth's decode. */
const CLOCK_TOLERANCE_S = 15;

async function decodeSessionToken(value: string): Promise<JWT | null> {
  let token = decoded.get(value);
  if (!token) {
    try {
      token = (await decodeJwt({ token: value, secret: authSecret() })) ?? undefined;
    } catch {
      return null; // tampered, another secret's, or expired
    }
    if (!token) return null;
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(value, token);
  }
  if (typeof token.exp === "number" && token.exp + CLOCK_TOLERANCE_S <= Date.now() / 1000) {
    decoded.delete(value);
    return null;
  }
  return token;
}

/**
 * The session cookie as next-auth v4 writes it: `next-auth.session-token`
 * (`__Secure-` over https), split into `.0`, `.1`… when it is long.
 */
async function sessionCookieValue(): Promise<string | undefined> {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://") || !!process.env.VERCEL;
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  const jar = await cookies();
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

/**
 * The security boundary: every server action, route handler and page calls
 * this. The token only names a session; one query reads that session with
 * its user's row (lib/session-standing.ts), so a sign-out, "Sign out
 * everywhere", a disabled account, a password or role change, or the end of
 * the session's lifetime takes effect at once.
 *
 * The token is decoded here rather than through getServerSession, which
 * would also run next-auth's session handler and encrypt a fresh token on
 * every request, only to drop it (a page or an action cannot refresh the
 * cookie, and the token's `exp` is the session's fixed end anyway).
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const value = await sessionCookieValue();
  const token = value ? await decodeSessionToken(value) : null;
  const id = token?.id;
  const sid = token?.sid;
  if (!id || !sid) return null;
  return sessionStanding(await readSession(sid), id, Date.now());
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

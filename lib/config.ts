import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Server configuration from the environment, read lazily so `next build`
 * neither needs a database nor creates files.
 */
export const DEFAULT_DATABASE_URL = "file:./data/claimdesk.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function isEmbeddedDatabase(url = databaseUrl()): boolean {
  return url.startsWith("file:");
}

/** The folder holding the embedded database (and the demo's generated secret). */
export function dataDirectory(url = databaseUrl()): string {
  if (!isEmbeddedDatabase(url)) return path.join(/* turbopackIgnore: true */ process.cwd(), "data");
  const file = url.slice("file:".length).split("?")[0] ?? "";
  return path.dirname(path.resolve(/* turbopackIgnore: true */ process.cwd(), file));
}

/** next-auth v4 needs the exact origin, port included; derive it from PORT when unset. */
export function ensureAuthUrl(): void {
  if (!process.env.NEXTAUTH_URL) {
    process.env.NEXTAUTH_URL = `http://localhost:${process.env.PORT || 3000}`;
  }
}

/** The desk's own origin (for links it sends out, such as a webhook's published URL): NEXTAUTH_URL without a trailing slash. */
export function appOrigin(): string {
  return (process.env.NEXTAUTH_URL?.trim() || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");
}

let cachedSecret: string | undefined;

/**
 * AUTH_SECRET signs session tokens. A newsroom deployment sets it; the demo
 * on the embedded database generates one once and keeps it beside the
 * database (mode 0600), so sessions survive a restart without a secret ever
 * being committed.
 */
export function authSecret(): string {
  if (cachedSecret) return cachedSecret;
  const fromEnv = process.env.AUTH_SECRET?.trim() || process.env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) return (cachedSecret = fromEnv);
  if (!isEmbeddedDatabase()) {
    throw new Error("AUTH_SECRET is required when DATABASE_URL points to a libSQL server. Generate one with `openssl rand -base64 32`.");
  }
  const dir = dataDirectory();
  const file = path.join(dir, "auth-secret");
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return (cachedSecret = readFileSync(file, "utf8").trim());
}

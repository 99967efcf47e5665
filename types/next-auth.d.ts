import type { Role } from "@/lib/verdicts";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    /** The sessions row created at this sign-in (db/queries/sessions.ts). */
    sid?: string;
    /** Its absolute end, in seconds since the epoch. */
    sexp?: number;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role; sid?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id: string;
    role: Role;
    sid?: string;
    sexp?: number;
  }
}
